package dev.tasman.control.packaging;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a build output, in path order. Links are followed only while they stay inside the
 * output: a build must not publish the worker's files (or anything else on the machine) by linking to
 * them. Anything that is neither a file, a directory nor such a link is refused.
 */
final class OutputTree {

    /** Version-control metadata is never published, even when the output is the whole source tree. */
    private static final Set<String> NEVER_PUBLISHED = Set.of(".git", ".hg", ".svn");

    /** @param path relative to the output directory, '/' separators */
    record OutputFile(String path, Path file, long size) {
    }

    private OutputTree() {
    }

    static List<OutputFile> list(Path outputDirectory) throws IOException {
        if (Files.isSymbolicLink(outputDirectory)) {
            throw new PackagingFailed("the output directory '" + outputDirectory.getFileName() + "' is a link; it"
                    + " must be a real directory the build wrote its files into");
        }
        if (!Files.exists(outputDirectory)) {
            throw new PackagingFailed("the output directory '" + outputDirectory.getFileName()
                    + "' does not exist: the build did not create it (check 'outputDirectory' in the build settings)");
        }
        if (!Files.isDirectory(outputDirectory)) {
            throw new PackagingFailed("the output directory '" + outputDirectory.getFileName() + "' is a file, not a"
                    + " directory");
        }
        Path root = outputDirectory.toRealPath();
        List<OutputFile> files = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                            throws IOException {
                        if (directory.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        staysInside(root, directory);
                        return NEVER_PUBLISHED.contains(directory.getFileName().toString())
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        if (attributes.isSymbolicLink()) {
                            throw dangling(root, file); // a followed link has its target's attributes
                        }
                        staysInside(root, file);
                        if (!attributes.isRegularFile()) {
                            throw new PackagingFailed("'" + relative(root, file) + "' is not a regular file (a"
                                    + " device, pipe or socket); the output may hold only files, directories and"
                                    + " links to them");
                        }
                        files.add(new OutputFile(relative(root, file), file, attributes.size()));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                        if (failure instanceof FileSystemLoopException) {
                            throw new PackagingFailed("'" + relative(root, file) + "' is a link back to a directory"
                                    + " that contains it; the output would be endless");
                        }
                        if (failure instanceof AccessDeniedException) {
                            throw new PackagingFailed("'" + relative(root, file) + "' cannot be read (permission"
                                    + " denied); the build must leave its output readable");
                        }
                        throw failure;
                    }
                });
        files.sort(Comparator.comparing(OutputFile::path));
        return files;
    }

    private static void staysInside(Path root, Path path) throws IOException {
        if (Files.isSymbolicLink(path) && !path.toRealPath().startsWith(root)) {
            throw outside(root, path);
        }
    }

    private static PackagingFailed dangling(Path root, Path link) throws IOException {
        Path target = Files.readSymbolicLink(link);
        if (!link.getParent().resolve(target).normalize().startsWith(root)) {
            throw outside(root, link);
        }
        return new PackagingFailed("'" + relative(root, link) + "' is a link to '" + target + "', which does not"
                + " exist in the output");
    }

    private static PackagingFailed outside(Path root, Path link) {
        return new PackagingFailed("'" + relative(root, link) + "' is a link pointing outside the output directory;"
                + " copy the file into the output instead of linking to it");
    }

    private static String relative(Path root, Path path) {
        List<String> names = new ArrayList<>();
        root.relativize(path).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }
}
