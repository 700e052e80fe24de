package dev.tasman.control.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.api.project.SealedSecret;
import dev.tasman.control.shared.ControlProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path data;

    private SecretBox box() {
        return new SecretBox(new ControlProperties(data, null, null, null, null, null));
    }

    @Test
    void sealedValueOpensToTheOriginalAndDoesNotContainIt() {
        SecretBox box = box();

        SealedSecret sealed = box.seal("prj_1", "API_KEY", "hunter2-hunter2");

        assertThat(sealed.ciphertext()).doesNotContain("hunter2");
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()))).doesNotContain("hunter2");
        assertThat(box.open("prj_1", "API_KEY", sealed)).isEqualTo("hunter2-hunter2");
    }

    @Test
    void sameValueSealsDifferentlyEachTime() {
        SecretBox box = box();

        assertThat(box.seal("prj_1", "A", "same").ciphertext()).isNotEqualTo(box.seal("prj_1", "A", "same").ciphertext());
    }

    @Test
    void valueMovedToAnotherVariableOrProjectDoesNotOpen() {
        SecretBox box = box();
        SealedSecret sealed = box.seal("prj_1", "API_KEY", "v");

        assertThatThrownBy(() -> box.open("prj_1", "OTHER", sealed)).hasMessageContaining("does not open");
        assertThatThrownBy(() -> box.open("prj_2", "API_KEY", sealed)).hasMessageContaining("does not open");
    }

    @Test
    void alteredCiphertextDoesNotOpen() {
        SecretBox box = box();
        SealedSecret sealed = box.seal("prj_1", "API_KEY", "value");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open("prj_1", "API_KEY",
                new SealedSecret(sealed.keyId(), Base64.getEncoder().encodeToString(bytes))))
                .hasMessageContaining("altered");
    }

    @Test
    void generatedKeyIsWrittenOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        SecretBox first = box();
        SealedSecret sealed = first.seal("prj_1", "K", "v");

        Path key = data.resolve("keys/secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(box().open("prj_1", "K", sealed)).isEqualTo("v");
        assertThat(box().keyId()).isEqualTo(first.keyId());
    }

    @Test
    void configuredKeyIsUsedInsteadOfAFile() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretBox box = new SecretBox(new ControlProperties(data, null, key, null, null, null));

        assertThat(box.open("p", "N", box.seal("p", "N", "v"))).isEqualTo("v");
        assertThat(data.resolve("keys/secrets.key")).doesNotExist();
    }

    @Test
    void sealedSecretNeverPrintsItsCiphertext() {
        SealedSecret sealed = box().seal("p", "N", "v");

        assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
    }
}
