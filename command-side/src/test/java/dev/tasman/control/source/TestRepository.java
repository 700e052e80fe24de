package dev.tasman.control.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository in a directory, built with JGit, for sources in tests. */
public final class TestRepository implements AutoCloseable {

    private final Path directory;
    private final Git git;

    private TestRepository(Path directory, Git git) {
        this.directory = directory;
        this.git = git;
    }

    public static TestRepository create(Path directory) {
        try {
            return new TestRepository(directory, Git.init().setDirectory(directory.toFile()).setInitialBranch("main")
                    .call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** file:// URL of the repository. */
    public String url() {
        return directory.toUri().toString();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes the files (path → content; "-> target" makes a symbolic link), marks {@code executables}
     * executable and commits everything.
     */
    public String commit(String message, Map<String, String> files, String... executables) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                if (file.getValue().startsWith("-> ")) {
                    Files.createSymbolicLink(path, Path.of(file.getValue().substring(3)));
                } else {
                    Files.writeString(path, file.getValue());
                }
            }
            for (String executable : executables) {
                Files.setPosixFilePermissions(directory.resolve(executable),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                    .setCommitter("Test", "test@example.com").setSign(false).call();
            return commit.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void branch(String name, String from) {
        try {
            git.branchCreate().setName(name).setStartPoint(from).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void switchTo(String branch) {
        try {
            git.checkout().setName(branch).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void tag(String name, String commit, boolean annotated) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            var tag = git.tag().setName(name).setObjectId(walk.parseCommit(git.getRepository().resolve(commit)))
                    .setAnnotated(annotated).setSigned(false);
            if (annotated) {
                tag.setMessage("release " + name).setTagger(new org.eclipse.jgit.lib.PersonIdent("Test", "test@example.com"));
            }
            tag.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
