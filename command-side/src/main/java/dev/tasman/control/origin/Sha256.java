package dev.tasman.control.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 as origin names things: 64 lowercase hex digits, no prefix. */
public final class Sha256 {

    public static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    public static boolean isValid(String sha256) {
        return sha256 != null && HEX.matcher(sha256).matches();
    }

    static String require(String sha256) {
        if (!isValid(sha256)) {
            throw new IllegalArgumentException("A blob is named by its SHA-256 as 64 lowercase hex digits, got '"
                    + (sha256 == null ? "null" : sha256.length() > 80 ? sha256.substring(0, 77) + "..." : sha256) + "'");
        }
        return sha256;
    }
}
