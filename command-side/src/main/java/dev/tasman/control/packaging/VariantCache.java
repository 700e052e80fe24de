package dev.tasman.control.packaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which compressed variants a file's bytes had when last packaged, by the file's SHA-256. Compression
 * is deterministic, so a file unchanged since the last deployment has the same variants: a redeploy
 * need not recompress it (brotli at quality 11 is by far the slowest step of packaging). Bounded, in
 * memory: after a restart the first deployment compresses again and finds the blobs already in origin.
 */
final class VariantCache {

    private static final int MAX_ENTRIES = 20_000;

    /** SHA-256 of each variant, null where compressing did not pay. */
    record Variants(String gzip, String brotli) {

        static final Variants NONE = new Variants(null, null);

        int count() {
            return (gzip == null ? 0 : 1) + (brotli == null ? 0 : 1);
        }
    }

    private final Map<String, Variants> bySha256 = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Variants> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized Variants get(String sha256) {
        return bySha256.get(sha256);
    }

    synchronized void put(String sha256, Variants variants) {
        bySha256.put(sha256, variants);
    }
}
