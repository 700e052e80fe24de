package dev.tasman.control.origin;

import dev.tasman.control.shared.PrivateFiles;
import dev.tasman.control.shared.ControlProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The control plane's Ed25519 key: it signs every manifest, and edges activate a deployment only when
 * the signature verifies with the public key from {@code GET /v1/keys}. Generated into
 * {@code <data>/keys/signing.key} (PKCS#8 PEM, mode 0600) on first start and reused ever after.
 */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final byte[] publicKeyDer;
    private final String keyId;

    @Autowired
    public SigningKey(ControlProperties properties) {
        this(properties.storageDirectory().resolve("keys").resolve("signing.key"));
    }

    public SigningKey(Path file) {
        KeyPair pair = loadOrGenerate(file.toAbsolutePath());
        this.privateKey = pair.getPrivate();
        this.publicKeyDer = pair.getPublic().getEncoded();
        this.keyId = "ed25519-" + HexFormat.of().formatHex(Sha256.digest().digest(publicKeyDer), 0, 8);
    }

    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** Names the key in responses, so a later rotation can tell signatures by old and new keys apart. */
    public String keyId() {
        return keyId;
    }

    /** The public key as X.509 SubjectPublicKeyInfo (DER), as {@code KeyFactory.getInstance("Ed25519")} reads it. */
    public byte[] publicKeyDer() {
        return publicKeyDer.clone();
    }

    private static KeyPair loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            PrivateFiles.create(file, pem(pair.getPrivate().getEncoded()));
            log.info("Generated the manifest signing key in {} (mode 0600); back it up: edges trust only manifests"
                    + " signed with it", file);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the signing key at " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    private static KeyPair load(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").trim());
            PrivateKey stored = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) stored).getBytes().orElseThrow();
            KeyPair pair = fromSeed(seed);
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("This JDK did not rebuild the signing key from " + file
                        + "; the public key cannot be derived.");
            }
            return pair;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The signing key at " + file + " is not an Ed25519 private key in PKCS#8."
                    + " Restore it from a backup; deleting it makes a new key that edges do not trust yet.", e);
        }
    }

    /**
     * The JDK has no API that derives an Ed25519 public key from a private one, but its key generator
     * takes the 32-byte private key straight from the random source: fed the stored key, it rebuilds the
     * pair. {@link #load} checks that it did, so a JDK that stops doing this fails loudly, not silently.
     */
    private static KeyPair fromSeed(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        return generator.generateKeyPair();
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
