package dev.tasman.edge.serve;

import io.undertow.util.HeaderValues;

/**
 * Which precompressed variants an {@code Accept-Encoding} allows. Brotli is preferred whenever it is
 * allowed at all (q > 0), whatever the q-values say: it is smaller and every client that offers it
 * decodes it; q-values only ever say "not this one" in practice. {@code *} allows what is not named.
 * Scanned in place ({@link HeaderList}) because every request carries this header.
 */
final class AcceptEncoding {

    static final int BROTLI = 1;
    static final int GZIP = 2;

    private AcceptEncoding() {
    }

    /** A bit set of {@link #BROTLI} and {@link #GZIP}. */
    static int allowed(HeaderValues values) {
        int named = 0;
        int allowed = 0;
        boolean star = false;
        for (HeaderList codings = new HeaderList(values); codings.next();) {
            String header = codings.header;
            int semicolon = header.indexOf(';', codings.start);
            int nameEnd = semicolon < 0 || semicolon > codings.end ? codings.end : semicolon;
            while (nameEnd > codings.start && header.charAt(nameEnd - 1) == ' ') {
                nameEnd--;
            }
            int coding = coding(header, codings.start, nameEnd);
            boolean positive = semicolon < 0 || semicolon > codings.end
                    || positiveQuality(header, semicolon, codings.end);
            if (coding == -1) {
                star = positive;
            } else if (coding > 0) {
                named |= coding;
                allowed = positive ? allowed | coding : allowed & ~coding;
            }
        }
        return star ? allowed | (BROTLI | GZIP) & ~named : allowed;
    }

    /** BROTLI, GZIP, -1 for "*", 0 for anything else. */
    private static int coding(String header, int start, int end) {
        int length = end - start;
        if (length == 2 && header.regionMatches(true, start, "br", 0, 2)) {
            return BROTLI;
        }
        if (length == 4 && header.regionMatches(true, start, "gzip", 0, 4)
                || length == 6 && header.regionMatches(true, start, "x-gzip", 0, 6)) {
            return GZIP;
        }
        return length == 1 && header.charAt(start) == '*' ? -1 : 0;
    }

    /** Parameters between {@code from} (a ';') and {@code end}: false only for a q that is zero. */
    private static boolean positiveQuality(String header, int from, int end) {
        int q = header.indexOf("q=", from);
        if (q < 0 || q >= end) {
            q = header.indexOf("Q=", from);
            if (q < 0 || q >= end) {
                return true;
            }
        }
        for (int i = q + 2; i < end; i++) {
            char c = header.charAt(i);
            if (c >= '1' && c <= '9') {
                return true;
            }
            if (c != '0' && c != '.') {
                break;
            }
        }
        return false;
    }
}
