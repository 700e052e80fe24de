package dev.tasman.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Source trees for build tests: written from a map, or packed into the .tar.gz that `tasman deploy` uploads. */
public final class SourceTrees {

    private SourceTrees() {
    }

    public static Path write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }

    public static byte[] tarGz(Path root) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
             Stream<Path> paths = Files.walk(root)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path path : paths.sorted().toList()) {
                if (path.equals(root) || path.toString().contains("node_modules")) {
                    continue;
                }
                String name = root.relativize(path).toString().replace('\\', '/') + (Files.isDirectory(path) ? "/" : "");
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), name);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
