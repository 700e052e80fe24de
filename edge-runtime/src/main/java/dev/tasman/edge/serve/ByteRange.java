package dev.tasman.edge.serve;

/**
 * The one byte range of a {@code Range} header (RFC 9110 §14.2) over a representation of {@code size}
 * bytes. Several ranges, another unit or bad syntax are ignored and the whole file is sent, as the RFC
 * allows: browsers and download tools ask for one range. Parsed by hand, like the other per-request
 * headers, to keep regular expressions off the request path.
 */
record ByteRange(long first, long last) {

    /** A well-formed range wholly beyond the end: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    private static final String UNIT = "bytes=";

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The range, {@link #UNSATISFIABLE}, or null: ignore the header and send everything. */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.regionMatches(true, 0, UNIT, 0, UNIT.length()) || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(UNIT.length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = number(spec.substring(0, dash).strip());
        long last = number(spec.substring(dash + 1).strip());
        if (first == -1) { // "-n": the last n bytes
            if (last < 0) {
                return null;
            }
            return last == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - last), size - 1);
        }
        if (first < 0 || last < -1 || last >= 0 && last < first) {
            return null;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, last == -1 ? size - 1 : Math.min(last, size - 1));
    }

    /** Digits as a number; -1 when empty, -2 when not digits or too long to be a file offset. */
    private static long number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        if (digits.length() > 18) {
            return -2;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
