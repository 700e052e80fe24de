package dev.tasman.edge.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verified manifests on disk, {@code <dir>/<deploymentId>.json}: the exact bytes whose digest and
 * signature were checked, written atomically. Read back only when they still hash to the digest the
 * edge recorded for them (in {@code state.json}).
 */
public final class ManifestStore {

    /** The control plane's deployment id shape; anything else never becomes a file name. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String SUFFIX = ".json";

    private final Path directory;

    public ManifestStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    public static boolean isDeploymentId(String value) {
        return value != null && DEPLOYMENT_ID.matcher(value).matches();
    }

    public Path path(String deploymentId) {
        if (!isDeploymentId(deploymentId)) {
            throw new IllegalArgumentException("not a deployment id: " + deploymentId);
        }
        return directory.resolve(deploymentId + SUFFIX);
    }

    public void save(String deploymentId, byte[] verifiedBytes) throws IOException {
        Durable.write(path(deploymentId), verifiedBytes);
    }

    /** The stored bytes, if present and still hashing to {@code digest} ({@code sha256:<hex>}). */
    public Optional<byte[]> load(String deploymentId, String digest) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(path(deploymentId));
            return Sha256.prefixed(bytes).equals(digest) ? Optional.of(bytes) : Optional.empty();
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }

    public void delete(String deploymentId) throws IOException {
        Files.deleteIfExists(path(deploymentId));
    }

    /** Every deployment id with a stored manifest. */
    public Set<String> deploymentIds() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .filter(ManifestStore::isDeploymentId).collect(Collectors.toSet());
        }
    }
}
