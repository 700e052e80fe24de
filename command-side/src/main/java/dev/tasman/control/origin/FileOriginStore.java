package dev.tasman.control.origin;

import dev.tasman.control.shared.ControlProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Origin in a local directory: {@code blobs/ab/cdef…} (the first two hex digits fan out the files) and
 * {@code manifests/<deploymentId>.json} with its {@code .sig}. Every file is written to a temporary file
 * in its final directory, forced to disk, renamed over its name and the directory forced: a crash leaves
 * the old state or the new one, never a torn file under a real name.
 */
@Component
public class FileOriginStore implements OriginStore {

    private static final Logger log = LoggerFactory.getLogger(FileOriginStore.class);
    /** Deployment ids become file names: nothing that could climb out of the directory or hide as a dotfile. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String TEMP_SUFFIX = ".tmp";
    /** Older temporary files belong to a writer that died; younger ones may belong to a live writer. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path blobs;
    private final Path manifests;

    @Autowired
    public FileOriginStore(ControlProperties properties) throws IOException {
        this(properties.storageDirectory().resolve("origin"));
    }

    public FileOriginStore(Path root) throws IOException {
        this.blobs = root.toAbsolutePath().resolve("blobs");
        this.manifests = root.toAbsolutePath().resolve("manifests");
        Files.createDirectories(blobs);
        Files.createDirectories(manifests);
        sweepAbandonedTemporaryFiles();
    }

    @Override
    public boolean contains(String sha256) {
        return Files.isRegularFile(blob(sha256));
    }

    @Override
    public long size(String sha256) {
        try {
            return Files.size(blob(sha256));
        } catch (IOException e) {
            throw absent(sha256);
        }
    }

    @Override
    public Path path(String sha256) {
        Path file = blob(sha256);
        if (!Files.isRegularFile(file)) {
            throw absent(sha256);
        }
        return file;
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(blob(sha256));
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        Path target = blob(sha256);
        if (Files.isRegularFile(target)) {
            return; // same name, same bytes: content addressing makes a second copy pointless
        }
        Path directory = target.getParent();
        boolean newDirectory = !Files.isDirectory(directory);
        Files.createDirectories(directory);
        if (newDirectory) {
            forceDirectory(blobs);
        }
        Path temp = Files.createTempFile(directory, ".blob-", TEMP_SUFFIX);
        try {
            MessageDigest digest = Sha256.digest();
            try (InputStream in = Files.newInputStream(file);
                    FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest)) {
                in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            String actual = Sha256.hex(digest);
            if (!actual.equals(sha256)) {
                throw new ContentMismatch(sha256, actual);
            }
            // Another writer may have stored the same blob meanwhile; replacing it with identical bytes is harmless.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The signature goes down first and the manifest last: a manifest under its real name always has a
     * signature next to it. Replacing a manifest (a retried build) can, after a crash between the two
     * renames, pair the old manifest with the new signature; edges verify every signature, so such a
     * pair is refused, never served, and the retry that follows writes both again.
     */
    @Override
    public void putManifest(String deploymentId, byte[] canonicalJson, byte[] signature) throws IOException {
        String name = deploymentName(deploymentId);
        writeAtomically(manifests.resolve(name + ".sig"), signature);
        writeAtomically(manifests.resolve(name + ".json"), canonicalJson);
    }

    @Override
    public Optional<StoredManifest> manifest(String deploymentId) {
        String name = deploymentName(deploymentId);
        try {
            byte[] json = Files.readAllBytes(manifests.resolve(name + ".json"));
            byte[] signature = Files.readAllBytes(manifests.resolve(name + ".sig"));
            return Optional.of(new StoredManifest(json, signature, "sha256:" + Sha256.hex(json)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not read the manifest of deployment " + deploymentId, e);
        }
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A rename is durable only once its directory is on disk too. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path blob(String sha256) {
        Sha256.require(sha256);
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    private static String deploymentName(String deploymentId) {
        if (deploymentId == null || !DEPLOYMENT_ID.matcher(deploymentId).matches()) {
            throw new IllegalArgumentException("A deployment id is 1-128 letters, digits, '_' or '-', got '"
                    + deploymentId + "'");
        }
        return deploymentId;
    }

    private static NoSuchElementException absent(String sha256) {
        return new NoSuchElementException("Origin holds no blob " + sha256);
    }

    private void sweepAbandonedTemporaryFiles() throws IOException {
        Instant before = Instant.now().minus(ABANDONED);
        sweep(manifests, before);
        try (DirectoryStream<Path> fanOut = Files.newDirectoryStream(blobs, Files::isDirectory)) {
            for (Path directory : fanOut) {
                sweep(directory, before);
            }
        }
    }

    private static void sweep(Path directory, Instant before) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(before)) {
                    Files.deleteIfExists(temp);
                    log.info("Removed {}, left behind by a write that did not finish", temp);
                }
            }
        }
    }
}
