package dev.tasman.api.manifest;

/**
 * One file: {@code path} relative to the site root with '/' separators, never starting with '/'.
 * {@code gzip} / {@code brotli} name the SHA-256 of precompressed variants, or null when compressing
 * did not pay (or the type is not compressible).
 */
public record ManifestFile(String path, String sha256, long size, String contentType, String gzip,
        String brotli) {
}
