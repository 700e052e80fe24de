package dev.tasman.control.source;

import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Uploaded source archives, content-addressed: {@code <data>/sources/<sha256>.tar.gz}. A file appears
 * under its final name only once complete and on disk (temp file, fsync, rename, fsync of the
 * directory), so a crash leaves at most an {@code upload-*.part} file behind, never a truncated archive
 * under a hash it does not have.
 */
@Component
public class SourceStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path directory;

    public SourceStore(ControlProperties properties) {
        this.directory = properties.storageDirectory().resolve("sources").toAbsolutePath().normalize();
    }

    /** Stores the whole body and answers its SHA-256 (hex); refuses a body over {@code maxBytes}. */
    public String store(InputStream body, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) != -1; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw Refused.invalid("source", "The source archive is larger than "
                                + SourceArchives.size(maxBytes) + ", the most accepted; leave dependencies "
                                + "(node_modules) and build output out of it.");
                    }
                    sha256.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                out.force(true);
            }
            String hex = HexFormat.of().formatHex(sha256.digest());
            Path target = file(hex);
            if (!Files.exists(target)) {
                // the same bytes uploaded twice at once: either rename wins, both are the same content
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory();
            }
            return hex;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The stored archive with this SHA-256; refuses one that is not stored. */
    public Path path(String sha256) {
        if (!contains(sha256)) {
            throw Refused.notFound("There is no stored source archive " + SourceTree.printable(String.valueOf(sha256))
                    + ".");
        }
        return file(sha256);
    }

    public boolean contains(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches() && Files.isRegularFile(file(sha256));
    }

    /** A fresh directory next to the archives for short-lived work (same disk, not the system's /tmp). */
    Path scratch() throws IOException {
        Files.createDirectories(directory);
        return Files.createTempDirectory(directory, "scratch-");
    }

    private Path file(String sha256) {
        return directory.resolve(sha256 + ".tar.gz");
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
