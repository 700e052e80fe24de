package dev.tasman.cli.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A directory as the {@code .tar.gz} the API takes: its contents at the archive's root, in name order,
 * without {@code .git} and without what {@code .gitignore} and {@code .tasmanignore} files (in the
 * directory and below it) leave out. Symbolic links go in as links (the control plane refuses any that
 * points outside the tree); executables keep their executable bit.
 */
final class SourceArchive {

    private static final List<String> IGNORE_FILES = List.of(".gitignore", ".tasmanignore");

    enum Kind { FILE, DIRECTORY, LINK }

    /** One entry: its path in the archive ({@code /}-separated) and where it is on disk. */
    record Item(String path, Path source, Kind kind) {
    }

    /** The archive in a temporary file the caller deletes, with what went into it. */
    record Packed(Path file, int files, long bytes) implements AutoCloseable {

        long archiveBytes() throws IOException {
            return Files.size(file);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    private SourceArchive() {
    }

    static Packed pack(Path root) throws IOException {
        List<Item> items = select(root);
        Path file = Files.createTempFile("tasman-deploy-", ".tar.gz");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            write(items, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        long bytes = 0;
        int files = 0;
        for (Item item : items) {
            if (item.kind() == Kind.FILE) {
                files++;
                bytes += Files.size(item.source());
            }
        }
        return new Packed(file, files, bytes);
    }

    /** What goes into the archive, in order; a directory's entry comes before its contents. */
    static List<Item> select(Path root) throws IOException {
        List<Item> items = new ArrayList<>();
        walk(root, "", IgnoreRules.none(), items);
        return items;
    }

    private static void walk(Path directory, String prefix, IgnoreRules inherited, List<Item> items)
            throws IOException {
        IgnoreRules rules = inherited;
        for (String name : IGNORE_FILES) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                rules = rules.then(prefix, Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        }
        children.sort(null);
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.equals(".git")) {
                continue; // a repository's insides are never source, whatever the rules say
            }
            String path = prefix + name;
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (rules.ignored(path, attributes.isDirectory())) {
                continue;
            }
            if (attributes.isDirectory()) {
                items.add(new Item(path + "/", child, Kind.DIRECTORY));
                walk(child, path + "/", rules, items);
            } else if (attributes.isSymbolicLink()) {
                items.add(new Item(path, child, Kind.LINK));
            } else if (attributes.isRegularFile()) {
                items.add(new Item(path, child, Kind.FILE));
            }
            // sockets, pipes and devices are no source: left out
        }
    }

    static void write(List<Item> items, OutputStream target) throws IOException {
        try (GZIPOutputStream gzip = new GZIPOutputStream(target, 64 * 1024);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry = switch (item.kind()) {
                    case DIRECTORY -> new TarArchiveEntry(item.path());
                    case LINK -> {
                        TarArchiveEntry link = new TarArchiveEntry(item.path(), TarConstants.LF_SYMLINK);
                        link.setLinkName(Files.readSymbolicLink(item.source()).toString());
                        yield link;
                    }
                    case FILE -> {
                        TarArchiveEntry file = new TarArchiveEntry(item.path());
                        file.setSize(Files.size(item.source()));
                        file.setMode(Files.isExecutable(item.source()) ? 0100755 : 0100644);
                        yield file;
                    }
                };
                if (item.kind() != Kind.LINK) {
                    entry.setModTime(Files.getLastModifiedTime(item.source(), LinkOption.NOFOLLOW_LINKS));
                }
                tar.putArchiveEntry(entry);
                if (item.kind() == Kind.FILE) {
                    Files.copy(item.source(), tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }
}
