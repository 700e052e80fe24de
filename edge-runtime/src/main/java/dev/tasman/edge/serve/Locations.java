package dev.tasman.edge.serve;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * {@code Location} values built from decoded paths: the edge matches and rewrites decoded paths, so
 * what goes back to the browser is encoded again here, and the request's query string is kept.
 */
final class Locations {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Locations() {
    }

    /** Answers a redirect: 308 when permanent, else 307 (both keep the method and body). */
    static void redirect(HttpServerExchange exchange, boolean permanent, String location) {
        exchange.setStatusCode(permanent ? 308 : 307);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.setResponseContentLength(0);
        exchange.endExchange();
    }

    /** {@code path} (decoded) encoded for a URL, with the request's query string if it has one. */
    static String withQuery(String path, HttpServerExchange exchange) {
        String query = exchange.getQueryString();
        String encoded = encodePath(path);
        return query == null || query.isEmpty() ? encoded : encoded + "?" + query;
    }

    /** Percent-encodes what may not stand in a URL path as is; '/' stays a separator. */
    static String encodePath(String path) {
        int i = 0;
        while (i < path.length() && allowed(path.charAt(i))) {
            i++;
        }
        if (i == path.length()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 16).append(path, 0, i);
        for (byte b : path.substring(i).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (allowed(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** RFC 3986 pchar and '/', minus '%' (a decoded '%' is a literal percent sign). */
    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
}
