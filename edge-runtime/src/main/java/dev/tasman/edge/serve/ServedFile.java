package dev.tasman.edge.serve;

import dev.tasman.api.manifest.ManifestFile;
import java.util.Locale;

/**
 * A manifest file with the header values serving it needs, worked out once per deployment and file
 * rather than on every request.
 *
 * @param size         bytes of the identity variant (the only one ranges apply to)
 * @param contentType  the manifest's type, with {@code charset=utf-8} added to text types
 * @param cacheControl immutable for hashed asset names, revalidate for everything else (HTML always)
 */
record ServedFile(long size, String contentType, String cacheControl, boolean html, Variant identity,
        Variant gzip, Variant brotli) {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "public, max-age=0, must-revalidate";

    /** One stored form of the file: its blob and the ETag naming it; {@code encoding} null for identity. */
    record Variant(String sha256, String etag, String encoding) {

        static Variant of(String sha256, String encoding) {
            return sha256 == null ? null : new Variant(sha256, '"' + sha256 + '"', encoding);
        }
    }

    static ServedFile of(ManifestFile file) {
        String type = contentType(file.contentType());
        boolean html = type.regionMatches(true, 0, "text/html", 0, 9);
        boolean immutable = !html && HashedNames.isHashed(file.path());
        return new ServedFile(file.size(), type, immutable ? IMMUTABLE : REVALIDATE, html,
                Variant.of(file.sha256(), null), Variant.of(file.gzip(), "gzip"), Variant.of(file.brotli(), "br"));
    }

    boolean hasVariants() {
        return gzip != null || brotli != null;
    }

    /** The variant to send for the encodings a request allows ({@link AcceptEncoding}). */
    Variant variant(int allowed) {
        if (brotli != null && (allowed & AcceptEncoding.BROTLI) != 0) {
            return brotli;
        }
        if (gzip != null && (allowed & AcceptEncoding.GZIP) != 0) {
            return gzip;
        }
        return identity;
    }

    private static String contentType(String type) {
        if (type == null || type.isBlank()) {
            return "application/octet-stream";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        boolean text = lower.startsWith("text/") || lower.startsWith("application/javascript")
                || lower.startsWith("application/json") || lower.startsWith("application/xml")
                || lower.startsWith("image/svg+xml") || lower.contains("+json") || lower.contains("+xml");
        return text && !lower.contains("charset=") ? type + "; charset=utf-8" : type;
    }
}
