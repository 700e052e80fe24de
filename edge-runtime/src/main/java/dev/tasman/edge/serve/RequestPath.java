package dev.tasman.edge.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The request path as the rules see it: taken from the raw request target (never from Undertow's
 * decoded path, whose decoding depends on listener options) and percent-decoded exactly once, so
 * {@code %252e%252e} stays the literal text {@code %2e%2e}. Paths only ever become map keys, never
 * file names, but NUL, backslashes and {@code ..} segments are refused outright: no honest client
 * sends them, and a path that means one thing here and another to a proxy in front is a bug waiting.
 */
final class RequestPath {

    private RequestPath() {
    }

    /** The decoded path of a raw request target (origin or absolute form), or null when it is not acceptable. */
    static String decode(String target) {
        String raw = pathOf(target);
        if (raw == null) {
            return null;
        }
        String path = raw.indexOf('%') < 0 ? raw : percentDecoded(raw);
        return path != null && acceptable(path) ? path : null;
    }

    private static String pathOf(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return null; // "*" or garbage
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }

    private static String percentDecoded(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null; // the request line is ASCII; anything else did not come from a URL
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean acceptable(String path) {
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        for (int dots = path.indexOf(".."); dots >= 0; dots = path.indexOf("..", dots + 1)) {
            boolean startsSegment = path.charAt(dots - 1) == '/';
            boolean endsSegment = dots + 2 == path.length() || path.charAt(dots + 2) == '/';
            if (startsSegment && endsSegment) {
                return false;
            }
        }
        return true;
    }
}
