package dev.tasman.edge.serve;

import io.undertow.util.HeaderValues;

/** Evaluates {@code If-None-Match} and {@code If-Range} against the edge's strong ETags ({@code "<sha256>"}). */
final class EntityTags {

    private EntityTags() {
    }

    /**
     * True when {@code If-None-Match} lists {@code etag} (weak comparison: a {@code W/} prefix is
     * ignored) or is {@code *}: the client's copy is current, answer 304.
     */
    static boolean notModified(HeaderValues values, String etag) {
        if (values == null) {
            return false;
        }
        for (int v = 0; v < values.size(); v++) {
            String header = values.get(v);
            int pos = 0;
            while (pos < header.length()) {
                int comma = header.indexOf(',', pos);
                int end = comma < 0 ? header.length() : comma;
                while (pos < end && header.charAt(pos) == ' ') {
                    pos++;
                }
                int tagEnd = end;
                while (tagEnd > pos && header.charAt(tagEnd - 1) == ' ') {
                    tagEnd--;
                }
                if (header.startsWith("W/", pos)) {
                    pos += 2;
                }
                boolean star = tagEnd - pos == 1 && header.charAt(pos) == '*';
                if (star || tagEnd - pos == etag.length() && header.startsWith(etag, pos)) {
                    return true;
                }
                pos = end + 1;
            }
        }
        return false;
    }

    /**
     * True when a range may be honoured: no {@code If-Range}, or one naming exactly {@code etag}
     * (strong comparison). A date never matches: the edge sends no Last-Modified.
     */
    static boolean rangeAllowed(String ifRange, String etag) {
        return ifRange == null || ifRange.strip().equals(etag);
    }
}
