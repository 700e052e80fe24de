package dev.tasman.edge.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Content-addressed files on local disk, shared by every cached deployment: a blob is stored once at
 * {@code <root>/<first two hex digits>/<sha256 hex>} however many deployments name it. A file at its
 * final path is complete and verified: writers put it there only by an atomic rename after checking
 * its SHA-256 (see the sync package), so readers never see a partial blob.
 */
public final class BlobCache {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public BlobCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Where the blob with this SHA-256 (64 lowercase hex digits) lives, whether or not it is there yet. */
    public Path path(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lowercase hex: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean has(String sha256) {
        return Files.isRegularFile(path(sha256));
    }
}
