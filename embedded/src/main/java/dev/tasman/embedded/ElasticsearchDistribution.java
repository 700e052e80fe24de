package dev.tasman.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch distribution a node runs from: the zip Maven resolved into the local repository
 * (the {@code embedded} module depends on it, so any build fetches it), unpacked once into a shared,
 * world-readable directory. World-readable because Elasticsearch refuses to run as root and is started
 * as {@code nobody} then; shared because the unpacked tree is 200 MB and never written to (each node
 * has its own config, data, logs and temporary directories).
 */
final class ElasticsearchDistribution {

    private static final String INSTALL_ROOT = "TASMAN_ES_INSTALL";
    private static final String DISTRIBUTION = "TASMAN_ES_DISTRIBUTION";

    private final String version;
    private final Path zip;

    private ElasticsearchDistribution(String version, Path zip) {
        this.version = version;
        this.zip = zip;
    }

    /**
     * The distribution this build resolved: {@code TASMAN_ES_DISTRIBUTION} (a zip) if set, else the zip in
     * the local Maven repository ({@code -Dmaven.repo.local} or {@code ~/.m2/repository}).
     */
    static ElasticsearchDistribution resolved() {
        Properties coordinates = new Properties();
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("elasticsearch.properties")) {
            coordinates.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("elasticsearch.properties is missing from the embedded module", e);
        }
        String group = coordinates.getProperty("groupId");
        String artifact = coordinates.getProperty("artifactId");
        String version = coordinates.getProperty("version");
        String given = System.getenv(DISTRIBUTION);
        if (given != null && !given.isBlank()) {
            return new ElasticsearchDistribution(version, Path.of(given));
        }
        Path repository = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path zip = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".zip");
        return new ElasticsearchDistribution(version, zip);
    }

    String version() {
        return version;
    }

    /**
     * The unpacked distribution, unpacking it first if no earlier run did. Several processes may race to
     * unpack: each unpacks into its own temporary directory and the first rename wins.
     */
    Path home() {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Elasticsearch " + version + " is not at " + zip + ": build the project "
                    + "once with Maven (mvn -pl embedded install) so it is downloaded, set " + DISTRIBUTION
                    + " to the zip, or set TASMAN_ES_URL to use a running cluster");
        }
        Path root = installRoot();
        Path home = root.resolve("elasticsearch-" + version);
        if (Files.isRegularFile(home.resolve("lib").resolve(".unpacked"))) {
            return home;
        }
        try {
            Files.createDirectories(root);
            worldReadable(root);
            Path staging = Files.createTempDirectory(root, ".unpacking-");
            unpack(staging);
            Path unpacked = staging.resolve("elasticsearch-" + version);
            Files.writeString(unpacked.resolve("lib").resolve(".unpacked"), version);
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                // another process won the race, or left a half tree from a crash before the marker existed
                if (!Files.isRegularFile(home.resolve("lib").resolve(".unpacked"))) {
                    deleteTree(home);
                    Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteTree(staging);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack Elasticsearch " + version + " into " + root, e);
        }
    }

    private static Path installRoot() {
        String given = System.getenv(INSTALL_ROOT);
        return given != null && !given.isBlank() ? Path.of(given) : Path.of("/var/tmp", "tasman-elasticsearch");
    }

    private void unpack(Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("zip entry outside the distribution: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    worldReadable(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                // the zip keeps no file modes: scripts under any bin/ directory must run
                boolean script = path.getParent().getFileName().toString().equals("bin");
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void worldReadable(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
