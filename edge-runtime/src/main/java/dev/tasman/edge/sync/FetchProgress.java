package dev.tasman.edge.sync;

import dev.tasman.api.feed.EdgeProgress;
import dev.tasman.api.manifest.ManifestFile;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * How far one deployment's fetch is, counted in the site's files rather than blobs: a file is present once
 * its bytes and every precompressed variant of them are held and verified (a blob's download completed
 * normally, or it was already cached). Bytes are the files' own sizes from the manifest, since the variants'
 * sizes are not in it. Recomputed from the downloads' state on each look: cheap next to a download.
 */
final class FetchProgress {

    private final String deploymentId;
    private final List<ManifestFile> files;
    private final Map<String, CompletableFuture<Boolean>> downloads;
    private final long bytesTotal;

    FetchProgress(String deploymentId, List<ManifestFile> files, Map<String, CompletableFuture<Boolean>> downloads) {
        this.deploymentId = deploymentId;
        this.files = files;
        this.downloads = downloads;
        this.bytesTotal = files.stream().mapToLong(file -> Math.max(0, file.size())).sum();
    }

    EdgeProgress now() {
        long present = 0;
        long bytes = 0;
        for (ManifestFile file : files) {
            if (Stream.of(file.sha256(), file.gzip(), file.brotli()).filter(Objects::nonNull).allMatch(this::held)) {
                present++;
                bytes += Math.max(0, file.size());
            }
        }
        return new EdgeProgress(deploymentId, files.size(), present, bytesTotal, bytes);
    }

    private boolean held(String sha256) {
        CompletableFuture<Boolean> download = downloads.get(sha256);
        return download != null && download.isDone() && !download.isCompletedExceptionally();
    }
}
