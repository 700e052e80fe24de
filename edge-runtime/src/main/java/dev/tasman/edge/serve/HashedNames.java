package dev.tasman.edge.serve;

/**
 * Recognises the file names bundlers give content-hashed assets ({@code app.3f9a8c1d.js},
 * {@code index-B7xk2Qp9.css}, {@code chunk-5f3e2a1b9c.js}): a dot- or dash-delimited part of 8 or
 * more letters and digits with at least one of each. A new build gives changed content a new name, so
 * such a file can be cached for a year; {@code jquery-3.7.1.min.js} has no such part and is not.
 * A false positive would pin stale content in browsers for a year, so the rule stays narrow.
 */
final class HashedNames {

    private static final int MIN_HASH = 8;

    private HashedNames() {
    }

    static boolean isHashed(String path) {
        int start = path.lastIndexOf('/') + 1;
        while (start < path.length()) {
            int end = start;
            boolean letter = false;
            boolean digit = false;
            boolean other = false;
            for (; end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '-'; end++) {
                char c = path.charAt(end);
                letter |= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
                digit |= c >= '0' && c <= '9';
                other |= !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9');
            }
            if (end - start >= MIN_HASH && letter && digit && !other) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
