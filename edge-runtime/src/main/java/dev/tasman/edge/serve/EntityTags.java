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
        for (HeaderList tags = new HeaderList(values); tags.next();) {
            int start = tags.header.startsWith("W/", tags.start) ? tags.start + 2 : tags.start;
            int length = tags.end - start;
            boolean star = length == 1 && tags.header.charAt(start) == '*';
            if (star || length == etag.length() && tags.header.startsWith(etag, start)) {
                return true;
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
