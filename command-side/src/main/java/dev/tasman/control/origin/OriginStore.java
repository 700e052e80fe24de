package dev.tasman.control.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The source of truth for what a deployment serves: content-addressed blobs (named by the SHA-256 of
 * their bytes, 64 lowercase hex digits) and one signed manifest per deployment. Writes are atomic and
 * verified, so a reader sees a complete, correct blob or none at all. The local directory
 * ({@link FileOriginStore}) is the default; object storage can implement the same interface.
 */
public interface OriginStore {

    boolean contains(String sha256);

    /** The blob's size in bytes; throws {@link java.util.NoSuchElementException} when it is absent. */
    long size(String sha256);

    /**
     * The blob's file, for serving it without copying through the heap; throws
     * {@link java.util.NoSuchElementException} when it is absent.
     */
    Path path(String sha256);

    InputStream open(String sha256) throws IOException;

    /**
     * Copies {@code file} in under {@code sha256}, refusing it with {@link ContentMismatch} (and keeping
     * nothing) when its bytes hash to anything else. Does nothing when the blob is already present.
     */
    void put(String sha256, Path file) throws IOException;

    /** Stores (or replaces, for a retried build) the deployment's canonical manifest and its signature. */
    void putManifest(String deploymentId, byte[] canonicalJson, byte[] signature) throws IOException;

    Optional<StoredManifest> manifest(String deploymentId);

    /**
     * A manifest exactly as signed.
     *
     * @param canonicalJson the canonical JSON bytes the signature covers
     * @param signature     the Ed25519 signature over those bytes
     * @param digest        {@code sha256:<hex>} of those bytes: the manifest digest builds and edges name
     */
    record StoredManifest(byte[] canonicalJson, byte[] signature, String digest) {
    }
}
