package dev.tasman.control.source;

import dev.tasman.control.shared.Refused;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Uploaded sources: a tar inside gzip. {@link #validate} reads every entry header without writing
 * anything and refuses what could escape the tree or exhaust the disk; {@link #extract} validates, then
 * writes into a fresh directory, counting again as it goes. Links are created last, so no file is ever
 * written through one.
 */
public final class SourceArchives {

    /**
     * @param maxCompressedBytes   the largest upload
     * @param maxUncompressedBytes the most the archive may expand to (everything inflated, headers too)
     * @param maxEntries           the most entries (files, directories, links)
     * @param maxExpansionRatio    the most it may expand relative to its compressed size, judged once more
     *                             than {@link #RATIO_FLOOR} bytes have come out
     */
    public record Limits(long maxCompressedBytes, long maxUncompressedBytes, int maxEntries, int maxExpansionRatio) {

        public static Limits defaults() {
            return new Limits(100L << 20, 1L << 30, 100_000, 100);
        }
    }

    /**
     * A small archive is mostly tar padding (512-byte blocks, a 10 KB record), which compresses far past
     * 100:1 without being a bomb; the ratio is judged only beyond this much output.
     */
    static final long RATIO_FLOOR = 1L << 20;

    /** Headers, long names and extended (PAX) records between two entries: real ones are a few KB. */
    static final long MAX_HEADER_BYTES = 1L << 20;

    private static final String NOUN = "The source archive entry";

    private SourceArchives() {
    }

    public static void validate(Path tarGz, Limits limits) {
        SourceTree tree = new SourceTree(NOUN);
        long[] declared = {0};
        int entries = read(tarGz, limits, (entry, path, kind, body) -> {
            if (kind == SourceTree.Kind.FILE) {
                declared[0] += entry.getSize();
                if (declared[0] > limits.maxUncompressedBytes()) {
                    throw tooLarge(limits);
                }
            }
            if (!path.isEmpty()) {
                tree.add(path, kind, kind == SourceTree.Kind.FILE || kind == SourceTree.Kind.DIRECTORY ? null
                        : entry.getLinkName());
            }
        });
        if (entries == 0) {
            throw Refused.invalid("source", "The source archive holds no files; archive the directory's contents, "
                    + "e.g. tar -C DIR -czf source.tar.gz .");
        }
        tree.check();
    }

    /**
     * Validates, then extracts into {@code destination}, which must not exist yet or be empty. A refusal
     * during extraction (the byte count again) may leave part of the tree there: discard the directory.
     */
    public static void extract(Path tarGz, Path destination, Limits limits) {
        validate(tarGz, limits);
        Path root = destination.toAbsolutePath().normalize();
        record Link(Path at, String target) {
        }
        List<Link> links = new ArrayList<>();
        long[] written = {0};
        try {
            Files.createDirectories(root);
            try (var existing = Files.list(root)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException("extract into an empty directory, not " + root);
                }
            }
            read(tarGz, limits, (entry, path, kind, body) -> {
                Path target = root.resolve(path).normalize();
                if (!target.startsWith(root)) {
                    // validate() refused this already; a second guard costs nothing
                    throw new SourceTree(NOUN).refuse(entry.getName(), "would be written outside the source tree");
                }
                switch (kind) {
                    case DIRECTORY -> Files.createDirectories(target);
                    case FILE -> {
                        Files.createDirectories(target.getParent());
                        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                            byte[] buffer = new byte[64 * 1024];
                            for (int n; (n = body.read(buffer)) != -1; ) {
                                written[0] += n;
                                if (written[0] > limits.maxUncompressedBytes()) {
                                    throw tooLarge(limits);
                                }
                                out.write(buffer, 0, n);
                            }
                        }
                        // ownership and setuid/setgid bits of the uploader's machine mean nothing here
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (entry.getMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                    case HARDLINK -> {
                        Files.createDirectories(target.getParent());
                        Files.createLink(target, root.resolve(new SourceTree(NOUN).normalize(entry.getLinkName())));
                    }
                    case SYMLINK -> links.add(new Link(target, entry.getLinkName()));
                }
            });
            for (Link link : links) {
                Files.createDirectories(link.at().getParent());
                Files.createSymbolicLink(link.at(), Path.of(link.target()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the source archive into " + root, e);
        }
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(TarArchiveEntry entry, String path, SourceTree.Kind kind, InputStream body) throws IOException;
    }

    /** Walks the entries, classifying each and refusing what is never acceptable; returns how many. */
    private static int read(Path tarGz, Limits limits, Visitor visitor) {
        long compressed = compressedSize(tarGz, limits);
        SourceTree names = new SourceTree(NOUN);
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarGz), 64 * 1024)) {
            checkSignature(file);
            Inflated inflated;
            try {
                inflated = new Inflated(GzipCompressorInputStream.builder().setInputStream(file)
                        .setDecompressConcatenated(true).get(), compressed, limits);
            } catch (IOException e) {
                throw damaged(e);
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(inflated)) {
                InputStream body = new Body(tar);
                int entries = 0;
                long previous = 0;
                while (true) {
                    TarArchiveEntry entry;
                    inflated.budget = inflated.count + roundUp(previous) + MAX_HEADER_BYTES;
                    try {
                        entry = tar.getNextEntry();
                    } catch (IOException e) {
                        throw damaged(e);
                    }
                    inflated.budget = Long.MAX_VALUE;
                    if (entry == null) {
                        return entries;
                    }
                    previous = entry.getSize();
                    if (++entries > limits.maxEntries()) {
                        throw Refused.invalid("source", "The source archive has more than " + limits.maxEntries()
                                + " entries, the most accepted; leave dependencies (node_modules) and build output "
                                + "out of it.");
                    }
                    SourceTree.Kind kind = kind(entry, names);
                    String path = names.normalize(entry.getName());
                    if (path.isEmpty() && kind != SourceTree.Kind.DIRECTORY) {
                        throw names.refuse(entry.getName(), "has no name");
                    }
                    visitor.visit(entry, path, kind, body);
                }
            }
        } catch (Damaged e) {
            throw damaged(e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or extract the source archive " + tarGz, e);
        }
    }

    private static Refused damaged(Throwable cause) {
        return Refused.invalid("source", "The source archive is damaged or is not a tar archive inside gzip ("
                + SourceTree.printable(String.valueOf(cause.getMessage())) + "); create it with tar -czf.");
    }

    /** A failure reading the archive itself, told apart from a failure writing the extracted files. */
    private static final class Damaged extends IOException {
        Damaged(IOException cause) {
            super(cause);
        }
    }

    /** The current entry's body; its read failures are the archive's fault. */
    private static final class Body extends FilterInputStream {

        Body(InputStream tar) {
            super(tar);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new Damaged(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new Damaged(e);
            }
        }

        @Override
        public void close() {
            // the tar stream is closed by its owner
        }
    }

    private static SourceTree.Kind kind(TarArchiveEntry entry, SourceTree names) {
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw names.refuse(entry.getName(), "is a device; only files, directories and links are accepted");
        }
        if (entry.isFIFO()) {
            throw names.refuse(entry.getName(), "is a named pipe (FIFO); only files, directories and links are "
                    + "accepted");
        }
        if (entry.isSparse()) {
            throw names.refuse(entry.getName(), "is a sparse file; archive it without --sparse");
        }
        if (entry.isDirectory()) {
            return SourceTree.Kind.DIRECTORY;
        }
        if (entry.isSymbolicLink()) {
            return SourceTree.Kind.SYMLINK;
        }
        if (entry.isLink()) {
            return SourceTree.Kind.HARDLINK;
        }
        byte flag = entry.getLinkFlag();
        if (flag == '0' || flag == 0 || flag == '7') {
            return SourceTree.Kind.FILE;
        }
        throw names.refuse(entry.getName(), "has a tar entry type ('" + (char) flag
                + "') that is not a file, directory or link");
    }

    private static long compressedSize(Path tarGz, Limits limits) {
        try {
            long size = Files.size(tarGz);
            if (size > limits.maxCompressedBytes()) {
                throw Refused.invalid("source", "The source archive is " + size(size) + "; at most "
                        + size(limits.maxCompressedBytes()) + " is accepted. Leave dependencies (node_modules) and "
                        + "build output out of it.");
            }
            if (size == 0) {
                throw Refused.invalid("source", "The source archive is empty; send a .tar.gz of the source.");
            }
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSignature(InputStream file) throws IOException {
        file.mark(512);
        byte[] head = file.readNBytes(262);
        file.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return;
        }
        String found = head.length >= 262 && "ustar".equals(new String(head, 257, 5, StandardCharsets.US_ASCII))
                ? "it is a tar archive without gzip compression; compress it (tar -czf)"
                : head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
                        ? "it is a zip archive; send a .tar.gz instead (tar -czf)"
                        : "it does not start with the gzip signature; create it with tar -czf";
        throw Refused.invalid("source", "The source is not a gzip-compressed tar archive (.tar.gz): " + found + ".");
    }

    private static long roundUp(long size) {
        return (size + 511) / 512 * 512;
    }

    private static Refused tooLarge(Limits limits) {
        return Refused.invalid("source", "The source archive expands to more than "
                + size(limits.maxUncompressedBytes()) + ", the most accepted; leave dependencies (node_modules) and "
                + "build output out of it.");
    }

    static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes"
                : (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                        + " " + units[unit];
    }

    /**
     * Counts what comes out of gzip, stopping the moment a limit is passed, so a bomb is never inflated
     * further than the limit; skipping (how tar passes over file bodies) is counted like reading.
     */
    private static final class Inflated extends FilterInputStream {

        private final long compressed;
        private final Limits limits;
        long count;
        long budget = Long.MAX_VALUE;

        Inflated(InputStream in, long compressed, Limits limits) {
            super(in);
            this.compressed = compressed;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
            long skipped = 0;
            while (skipped < n) {
                int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        private void counted(int n) {
            count += n;
            if (count > limits.maxUncompressedBytes()) {
                throw tooLarge(limits);
            }
            if (count > RATIO_FLOOR && count > compressed * limits.maxExpansionRatio()) {
                throw Refused.invalid("source", "The source archive expands more than " + limits.maxExpansionRatio()
                        + " times its compressed size of " + size(compressed)
                        + ", which is how a compression bomb looks; at most " + limits.maxExpansionRatio()
                        + ":1 is accepted.");
            }
            if (count > budget) {
                throw Refused.invalid("source", "The source archive has entry headers (long names or extended "
                        + "attributes) larger than " + size(MAX_HEADER_BYTES) + "; real source files never need "
                        + "that much.");
            }
        }
    }
}
