package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * Answers with the chosen file: picks the variant ({@code br}, {@code gzip} or identity), then 304 when
 * the client's copy is current, 206/416 for a range, else the whole variant. The ETag is the SHA-256
 * of the variant sent, so it is strong and never needs the disk. A range always gets the identity
 * variant, whose offsets are the ones the client means. The deployment's 404 page is sent with 404 and
 * without conditionals or ranges, which apply to 2xx answers only (RFC 9110 §13.2.1).
 */
final class FileResponse implements HttpHandler {

    private final BlobBody body;

    FileResponse(BlobBody body) {
        this.body = body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        SiteRequest request = SiteRequest.of(exchange);
        ServedFile file = request.file;
        HeaderMap in = exchange.getRequestHeaders();
        HeaderMap out = exchange.getResponseHeaders();
        boolean get = exchange.getRequestMethod().equals(Methods.GET); // ranges are defined for GET only
        String range = get && !request.notFound ? in.getFirst(Headers.RANGE) : null;
        ServedFile.Variant variant = range != null || !file.hasVariants() ? file.identity()
                : file.variant(AcceptEncoding.allowed(in.get(Headers.ACCEPT_ENCODING)));
        if (!out.contains(Headers.CACHE_CONTROL)) {
            out.put(Headers.CACHE_CONTROL, file.cacheControl());
        }
        if (file.hasVariants()) {
            out.add(Headers.VARY, "Accept-Encoding");
        }
        if (file.html()) {
            out.add(Headers.SET_COOKIE, request.site.cookie);
        }
        if (request.notFound) {
            exchange.setStatusCode(404);
            send(exchange, file, variant, null);
            return;
        }
        out.put(Headers.ETAG, variant.etag());
        if (EntityTags.notModified(in.get(Headers.IF_NONE_MATCH), variant.etag())) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        ByteRange part = range != null && EntityTags.rangeAllowed(in.getFirst(Headers.IF_RANGE), variant.etag())
                ? ByteRange.parse(range, file.size()) : null;
        if (part == ByteRange.UNSATISFIABLE) {
            exchange.setStatusCode(416);
            out.put(Headers.CONTENT_RANGE, "bytes */" + file.size());
            exchange.setResponseContentLength(0);
            exchange.endExchange();
            return;
        }
        if (part != null) {
            exchange.setStatusCode(206);
            out.put(Headers.CONTENT_RANGE, part.contentRange(file.size()));
        }
        send(exchange, file, variant, part);
    }

    private void send(HttpServerExchange exchange, ServedFile file, ServedFile.Variant variant, ByteRange part) {
        HeaderMap out = exchange.getResponseHeaders();
        if (!out.contains(Headers.CONTENT_TYPE)) {
            out.put(Headers.CONTENT_TYPE, file.contentType());
        }
        out.put(Headers.ACCEPT_RANGES, "bytes");
        if (variant.encoding() != null) {
            out.put(Headers.CONTENT_ENCODING, variant.encoding());
        }
        body.send(exchange, variant.sha256(), part);
    }
}
