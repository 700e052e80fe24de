package dev.tasman.edge.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 as the edge names things with it: 64 lowercase hex digits, and {@code sha256:<hex>} for manifests. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "sha256:";

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The manifest digest form, {@code sha256:<hex>}. */
    public static String prefixed(byte[] bytes) {
        return PREFIX + hex(bytes);
    }

    public static boolean isHex(String value) {
        return value != null && HEX.matcher(value).matches();
    }
}
