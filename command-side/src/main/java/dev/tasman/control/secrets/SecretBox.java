package dev.tasman.control.secrets;

import dev.tasman.api.project.SealedSecret;
import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals environment variable values with AES-256-GCM before they become events, and opens them for the
 * one place that needs them in the clear (a build). Each value is bound to its project and name as
 * associated data, so a sealed value copied onto another variable will not open.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyId;

    @org.springframework.beans.factory.annotation.Autowired
    public SecretBox(ControlProperties properties) {
        this(loadKey(properties));
    }

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException("The secrets key must be 32 bytes (256 bits), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
    }

    public SealedSecret seal(String projectId, String name, String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(projectId, name));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new SealedSecret(keyId, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    public String open(String projectId, String name, SealedSecret secret) {
        if (!keyId.equals(secret.keyId())) {
            throw new IllegalStateException("Variable " + name + " was sealed with key " + secret.keyId()
                    + " but this control plane holds key " + keyId + ".");
        }
        try {
            byte[] in = Base64.getDecoder().decode(secret.ciphertext());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(associatedData(projectId, name));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Variable " + name + " of project " + projectId
                    + " does not open with key " + keyId + ": it was altered or sealed for another variable.");
        }
    }

    public String keyId() {
        return keyId;
    }

    private static byte[] associatedData(String projectId, String name) {
        return ("tasman-env:" + projectId + ":" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyId(byte[] key) {
        try {
            return "k" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configured key, else the key file in the data directory, else a new key written there (0600). */
    static byte[] loadKey(ControlProperties properties) {
        if (!properties.secretsKey().isBlank()) {
            try {
                return Base64.getDecoder().decode(properties.secretsKey().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("tasman.control.secrets-key must be base64 of 32 bytes.");
            }
        }
        Path file = properties.dataDirectory().resolve("keys").resolve("secrets.key").toAbsolutePath();
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            PrivateFiles.create(file, Base64.getEncoder().encodeToString(key) + "\n");
            log.info("Generated a secrets key in {} (mode 0600); back it up: without it no variable can be read",
                    file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the secrets key at " + file, e);
        }
    }
}
