package dev.tasman.edge.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The only code that changes the {@link BlobCache}: it takes a blob in only after its bytes hash to
 * its name (streamed to {@code <root>/tmp/}, hashed on the way, forced, renamed into place), removes
 * blobs no deployment needs any more, and keeps count of the bytes held.
 */
public final class CacheWriter {

    private static final System.Logger log = System.getLogger(CacheWriter.class.getName());

    private final BlobCache cache;
    private final Path tmp;
    private final AtomicLong bytes = new AtomicLong();

    /**
     * Prepares the cache root: creates it, empties {@code tmp/} (partial downloads of a process that
     * died; one edge owns a data directory) and counts the bytes already held.
     */
    public CacheWriter(BlobCache cache) throws IOException {
        this.cache = cache;
        this.tmp = cache.root().resolve("tmp");
        Files.createDirectories(tmp);
        try (Stream<Path> leftovers = Files.list(tmp)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
        forEachBlob(blob -> bytes.addAndGet(size(blob)));
    }

    public long bytes() {
        return bytes.get();
    }

    /**
     * Copies {@code in} into the cache under {@code sha256} if its bytes hash to that name; otherwise
     * nothing is kept and {@link Mismatch} names what they hashed to. Returns the blob's size.
     */
    public long write(String sha256, InputStream in) throws IOException, Mismatch {
        Path target = cache.path(sha256);
        Path temp = Files.createTempFile(tmp, sha256.substring(0, 12) + ".", ".part");
        try {
            long size = copyAndVerify(sha256, in, temp);
            Path directory = target.getParent();
            boolean newDirectory = !Files.isDirectory(directory);
            Files.createDirectories(directory);
            if (newDirectory) {
                Durable.forceDirectory(cache.root());
            }
            boolean replacing = Files.exists(target);
            Durable.moveIntoPlace(temp, target);
            if (!replacing) {
                bytes.addAndGet(size);
            }
            return size;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static long copyAndVerify(String sha256, InputStream in, Path temp) throws IOException, Mismatch {
        MessageDigest digest = Sha256.digest();
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; size += read) {
                digest.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new Mismatch(sha256, actual, size);
            }
            out.force(true);
        }
        return size;
    }

    /** Deletes every blob whose name is not in {@code keep}; returns how many went. */
    public int sweep(Set<String> keep) throws IOException {
        int[] deleted = {0};
        forEachBlob(blob -> {
            if (!keep.contains(blob.getFileName().toString())) {
                long size = size(blob);
                if (Files.deleteIfExists(blob)) {
                    bytes.addAndGet(-size);
                    deleted[0]++;
                }
            }
        });
        if (deleted[0] > 0) {
            log.log(System.Logger.Level.INFO, "Removed {0} blobs no held deployment names; the cache holds {1} bytes",
                    Integer.toString(deleted[0]), Long.toString(bytes.get()));
        }
        return deleted[0];
    }

    private void forEachBlob(BlobAction action) throws IOException {
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(cache.root(),
                entry -> entry.getFileName().toString().matches("[0-9a-f]{2}") && Files.isDirectory(entry))) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(prefix,
                        entry -> Sha256.isHex(entry.getFileName().toString()))) {
                    for (Path blob : blobs) {
                        action.accept(blob);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface BlobAction {
        void accept(Path blob) throws IOException;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** The bytes did not hash to the blob's name: tampered or corrupted on the way; nothing was kept. */
    public static final class Mismatch extends Exception {

        public Mismatch(String expected, String actual, long size) {
            super("blob " + expected + " arrived as " + size + " bytes hashing to " + actual);
        }
    }
}
