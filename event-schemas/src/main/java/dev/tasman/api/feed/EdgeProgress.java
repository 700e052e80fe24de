package dev.tasman.api.feed;

/**
 * Edge → control plane, {@code POST /v1/edge/progress}: how far this edge's fetch of a deployment is.
 * A file is present once every blob it needs (its bytes and their precompressed variants) is held and
 * verified; bytes are the files' own sizes as the manifest states them. Transient: the control plane
 * keeps only the latest report for a progress bar, and the acknowledgement stays the only proof.
 */
public record EdgeProgress(String deploymentId, long filesTotal, long filesPresent, long bytesTotal,
        long bytesPresent) {
}
