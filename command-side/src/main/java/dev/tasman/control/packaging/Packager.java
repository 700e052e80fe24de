package dev.tasman.control.packaging;

import dev.tasman.control.shared.Directories;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.control.origin.ContentMismatch;
import dev.tasman.control.origin.OriginStore;
import dev.tasman.control.origin.Sha256;
import dev.tasman.control.origin.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a build output into a deployment in origin: every file hashed, typed and (when it pays)
 * precompressed; every blob origin lacks uploaded; then, last, the signed manifest. Until that last
 * write nothing names the blobs, so a packaging that fails at any point leaves no deployment behind,
 * only unreferenced blobs that a later deployment may reuse.
 */
@Component
public class Packager {

    private static final Logger log = LoggerFactory.getLogger(Packager.class);
    /** Smaller files gain too little from compression to be worth a second blob and a second fetch. */
    static final long COMPRESS_FROM_BYTES = 1024;

    private final OriginStore origin;
    private final SigningKey signingKey;
    private final VariantCache variants = new VariantCache();

    public Packager(OriginStore origin, SigningKey signingKey) {
        this.origin = origin;
        this.signingKey = signingKey;
    }

    /**
     * @param manifestDigest {@code sha256:<hex>} of the canonical manifest: what {@code BuildSucceeded} carries
     * @param totalBytes     the output's files, uncompressed
     * @param uploadedBlobs  blobs (files and variants) origin did not hold before
     * @param reusedBlobs    blobs origin already held: unchanged since an earlier deployment
     */
    public record Packaged(String manifestDigest, int fileCount, long totalBytes, int uploadedBlobs,
            int reusedBlobs, long uploadedBytes) {
    }

    /**
     * @param outputDirectory the build's output; the caller resolves it inside the source tree without
     *                        following links the build made (packaging runs outside the build's sandbox,
     *                        so a link would let a build publish the control plane's own files). This
     *                        refuses a link as the directory itself and checks every link inside it.
     * @param server         the SSR entry relative to the output directory, or null for a static site
     * @param maxOutputBytes limit on the output's total size; 0 or less means no limit
     * @throws PackagingFailed when the output cannot be a deployment, with a sentence saying why
     */
    public Packaged pack(String deploymentId, String projectId, Path outputDirectory, RoutingRules routing,
            String server, long maxOutputBytes) throws IOException {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(projectId, "projectId");
        long started = System.nanoTime();
        List<OutputTree.OutputFile> files = OutputTree.list(outputDirectory);
        long totalBytes = files.stream().mapToLong(OutputTree.OutputFile::size).sum();
        if (maxOutputBytes > 0 && totalBytes > maxOutputBytes) {
            throw new PackagingFailed("the build output is " + Sizes.describe(totalBytes, maxOutputBytes)
                    + " limit; make it smaller or ask an admin to raise the limit");
        }
        if (files.isEmpty()) {
            throw new PackagingFailed("the output directory '" + outputDirectory.getFileName()
                    + "' holds no files: there is nothing to deploy");
        }
        String entry = serverEntry(server, files);

        Uploads uploads = new Uploads();
        List<ManifestFile> entries = new ArrayList<>(files.size());
        Path work = Files.createTempDirectory("tasman-pack-");
        try {
            for (OutputTree.OutputFile file : files) {
                entries.add(pack(file, work, uploads));
            }
        } finally {
            Directories.delete(work);
        }
        Manifest manifest = new Manifest(Manifest.CURRENT_VERSION, deploymentId, projectId, List.copyOf(entries),
                routing == null ? RoutingRules.none() : routing, entry);
        byte[] canonical = Manifests.canonicalJson(manifest);
        origin.putManifest(deploymentId, canonical, signingKey.sign(canonical));

        Packaged packaged = new Packaged(Manifests.digest(canonical), files.size(),
                entries.stream().mapToLong(ManifestFile::size).sum(), uploads.uploaded, uploads.reused,
                uploads.uploadedBytes);
        log.info("Packaged deployment {}: {} files, {} bytes; uploaded {} blobs ({} bytes), reused {}; {} in {} ms",
                deploymentId, packaged.fileCount(), packaged.totalBytes(), packaged.uploadedBlobs(),
                packaged.uploadedBytes(), packaged.reusedBlobs(), packaged.manifestDigest(),
                (System.nanoTime() - started) / 1_000_000);
        return packaged;
    }

    private ManifestFile pack(OutputTree.OutputFile file, Path work, Uploads uploads) throws IOException {
        Hashed original = hash(file.file());
        String contentType = ContentTypes.of(file.path());
        VariantCache.Variants made = VariantCache.Variants.NONE;
        if (ContentTypes.compressible(contentType) && original.size() >= COMPRESS_FROM_BYTES) {
            made = variants(file, original, work, uploads);
        }
        store(file.path(), original, file.file(), uploads);
        return new ManifestFile(file.path(), original.sha256(), original.size(), contentType, made.gzip(),
                made.brotli());
    }

    /** Compresses only what origin does not already hold in compressed form: a redeploy skips the work. */
    private VariantCache.Variants variants(OutputTree.OutputFile file, Hashed original, Path work, Uploads uploads)
            throws IOException {
        VariantCache.Variants known = variants.get(original.sha256());
        if (known != null && (known.gzip() == null || origin.contains(known.gzip()))
                && (known.brotli() == null || origin.contains(known.brotli()))) {
            uploads.reused += known.count();
            return known;
        }
        String gzip = variant(Compression.Kind.GZIP, file, original, work, uploads);
        String brotli = variant(Compression.Kind.BROTLI, file, original, work, uploads);
        VariantCache.Variants made = new VariantCache.Variants(gzip, brotli);
        variants.put(original.sha256(), made);
        return made;
    }

    /** The variant's SHA-256 when it saves at least 10%, else null (the edge then sends the original). */
    private String variant(Compression.Kind kind, OutputTree.OutputFile file, Hashed original, Path work,
            Uploads uploads) throws IOException {
        if (!Compression.available(kind)) {
            return null;
        }
        Path compressed = work.resolve(original.sha256() + "." + kind.name().toLowerCase());
        try {
            if (!Compression.compress(kind, file.file(), compressed, original.size()).equals(original.sha256())) {
                throw changedWhilePackaging(file.path(), null);
            }
            Hashed variant = hash(compressed);
            if (variant.size() * 10 > original.size() * 9) {
                return null;
            }
            store(file.path(), variant, compressed, uploads);
            return variant.sha256();
        } finally {
            Files.deleteIfExists(compressed);
        }
    }

    private void store(String path, Hashed blob, Path file, Uploads uploads) throws IOException {
        if (origin.contains(blob.sha256())) {
            uploads.reused++;
            return;
        }
        try {
            origin.put(blob.sha256(), file);
        } catch (ContentMismatch e) {
            throw changedWhilePackaging(path, e);
        }
        uploads.uploaded++;
        uploads.uploadedBytes += blob.size();
    }

    private static PackagingFailed changedWhilePackaging(String path, Throwable cause) {
        return new PackagingFailed("'" + path + "' changed while it was being packaged; a process started by the"
                + " build may still be writing to the output", cause);
    }

    private static String serverEntry(String server, List<OutputTree.OutputFile> files) {
        if (server == null) {
            return null;
        }
        String path = server.startsWith("./") ? server.substring(2) : server.startsWith("/") ? server.substring(1)
                : server;
        boolean present = files.stream().anyMatch(f -> f.path().equals(path));
        if (!present) {
            throw new PackagingFailed("the SSR entry '" + server + "' is not in the output; 'server' names a file"
                    + " relative to the output directory");
        }
        return path;
    }

    private record Hashed(String sha256, long size) {
    }

    private static Hashed hash(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new Hashed(Sha256.hex(digest), size);
    }

    private static final class Uploads {
        int uploaded;
        int reused;
        long uploadedBytes;
    }

}
