package dev.tasman.control.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path data;

    @Test
    void givenData_whenSigned_thenTheJdkVerifiesItWithThePublishedPublicKey() throws Exception {
        SigningKey key = new SigningKey(data.resolve("keys/signing.key"));
        byte[] manifest = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);

        byte[] signature = key.sign(manifest);

        assertThat(signature).hasSize(64);
        assertThat(verifies(key.publicKeyDer(), manifest, signature)).isTrue();
        assertThat(verifies(key.publicKeyDer(), "{\"version\":2}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
    }

    @Test
    void givenAKeyFile_whenAnotherInstanceStarts_thenItUsesTheSameKey() throws Exception {
        Path file = data.resolve("keys/signing.key");
        SigningKey first = new SigningKey(file);
        String pem = Files.readString(file);

        SigningKey second = new SigningKey(file);

        assertThat(Files.readString(file)).isEqualTo(pem);
        assertThat(second.keyId()).isEqualTo(first.keyId()).matches("ed25519-[0-9a-f]{16}");
        assertThat(second.publicKeyDer()).isEqualTo(first.publicKeyDer());
        byte[] data = "signed by the first".getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(second.publicKeyDer(), data, first.sign(data))).isTrue();
        assertThat(verifies(first.publicKeyDer(), data, second.sign(data))).isTrue();
    }

    @Test
    void givenFirstStart_whenTheKeyIsGenerated_thenOnlyItsOwnerCanReadItAndItIsPkcs8Pem() throws Exception {
        Path file = data.resolve("keys/signing.key");

        new SigningKey(file);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        try (var temps = Files.list(file.getParent())) {
            assertThat(temps).containsExactly(file);
        }
    }

    @Test
    void givenTwoDataDirectories_whenKeysAreGenerated_thenTheyDiffer() {
        SigningKey one = new SigningKey(data.resolve("one/signing.key"));
        SigningKey two = new SigningKey(data.resolve("two/signing.key"));

        assertThat(one.keyId()).isNotEqualTo(two.keyId());
    }

    @Test
    void givenADamagedKeyFile_whenStarting_thenItSaysSoAndDoesNotReplaceIt() throws Exception {
        Path file = Files.createDirectories(data.resolve("keys")).resolve("signing.key");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new SigningKey(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an Ed25519 private key");
        assertThat(Files.readString(file)).contains("bm90IGEga2V5");
    }

    static boolean verifies(byte[] publicKeyDer, byte[] data, byte[] signature) throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKeyDer));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }
}
