package dev.tasman.api.project;

/**
 * An encrypted value: AES-256-GCM, {@code ciphertext} is base64 of IV ‖ ciphertext ‖ tag, bound to its
 * project and variable name as associated data. {@code keyId} names the key so keys can rotate.
 */
public record SealedSecret(String keyId, String ciphertext) {

    public SealedSecret {
        if (keyId == null || keyId.isBlank() || ciphertext == null || ciphertext.isBlank()) {
            throw new IllegalArgumentException("a sealed secret needs a key id and a ciphertext");
        }
    }

    /** Never the ciphertext: sealed values still do not belong in logs. */
    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + "]";
    }
}
