package dev.tasman.control.source;

import dev.tasman.control.shared.Directories;
import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Refused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.springframework.stereotype.Component;

/**
 * Git sources, through JGit (no git binary, no shell). {@link #resolve} pins what a deployer asked for
 * (branch, tag, full or abbreviated commit) to the exact commit before anything is queued;
 * {@link #checkout} writes that commit's tree, and nothing else (no {@code .git}), into a directory.
 *
 * <p>Local repositories ({@code file://}, plain paths) are refused unless
 * {@code tasman.control.sources.allow-local-git} is on: otherwise any deployer could clone whatever the
 * control plane's host can read. URLs with a password are refused: the URL is recorded in the
 * deployment's events, which are kept forever.
 */
@Component
public class GitSources {

    private static final int TIMEOUT_SECONDS = 60;
    private static final Set<String> REMOTE_SCHEMES = Set.of("https", "http", "git");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern FULL_COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final boolean allowLocal;

    public GitSources(ControlProperties properties) {
        this.allowLocal = properties.sources().allowLocalGit();
    }

    /** The exact 40-hex commit {@code ref} points to; null or blank means the repository's HEAD. */
    public String resolve(String url, String ref) {
        URIish uri = check(url);
        String wanted = ref == null || ref.isBlank() ? Constants.HEAD : ref.trim();
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(url).setTimeout(TIMEOUT_SECONDS).callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            throw unreachable(uri, e);
        }
        // git's own order: the full name, then a tag, then a branch of that name
        for (String name : List.of(wanted, Constants.R_TAGS + wanted, Constants.R_HEADS + wanted)) {
            Ref found = refs.get(name);
            if (found != null) {
                ObjectId id = found.getPeeledObjectId() != null ? found.getPeeledObjectId() : found.getObjectId();
                if (id != null) {
                    return id.name();
                }
            }
        }
        if (COMMIT.matcher(wanted).matches()) {
            String prefix = wanted.toLowerCase(Locale.ROOT);
            for (Ref advertised : refs.values()) {
                for (ObjectId id : new ObjectId[] {advertised.getObjectId(), advertised.getPeeledObjectId()}) {
                    if (id != null && id.name().equals(prefix)) {
                        return id.name();
                    }
                }
            }
            Path scratch = temporaryDirectory();
            try (Git git = Git.init().setBare(true).setDirectory(scratch.toFile()).call()) {
                ObjectId commit = fetch(git, uri, url, prefix);
                if (commit != null) {
                    return commit.name();
                }
            } catch (GitAPIException e) {
                throw unreachable(uri, e);
            } finally {
                Directories.delete(scratch);
            }
        }
        throw Refused.invalid("ref", "The repository " + uri + " has no branch, tag or commit '"
                + SourceTree.printable(wanted) + "'.");
    }

    /**
     * Writes the tree of {@code commit} (40 hex, as {@link #resolve} answers) into {@code destination},
     * which must not exist yet or be empty. Symbolic links that would point outside the tree are refused
     * before anything is written, as for archives.
     */
    public void checkout(String url, String commit, Path destination) {
        URIish uri = check(url);
        if (commit == null || !FULL_COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("checkout takes the full commit id that resolve() answered");
        }
        Path root = destination.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            try (var existing = Files.list(root)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException("check out into an empty directory, not " + root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            Repository repository = git.getRepository();
            ObjectId id = fetch(git, uri, url, commit);
            if (id == null) {
                throw Refused.invalid("ref", "The repository " + uri + " has no branch, tag or commit '" + commit
                        + "'.");
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit revision = walk.parseCommit(id);
                checkLinks(repository, revision, commit);
                DirCacheCheckout checkout = new DirCacheCheckout(repository, repository.lockDirCache(),
                        revision.getTree());
                checkout.setFailOnConflict(true);
                checkout.checkout();
            }
        } catch (GitAPIException e) {
            throw unreachable(uri, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check out " + commit + " of " + uri, e);
        } finally {
            // only the tree leaves here: an output directory of '.' must never publish .git
            Directories.delete(root.resolve(Constants.DOT_GIT));
        }
    }

    /**
     * Fetches the commit with this id or id prefix into {@code git}'s repository and answers its full id,
     * or null when the repository has no such commit. A full id is asked for directly and shallowly
     * (GitHub, GitLab and JGit servers allow that for reachable commits); otherwise, or when the server
     * declines, every branch and tag is fetched and the id looked up among them.
     */
    private static ObjectId fetch(Git git, URIish uri, String url, String id) throws GitAPIException {
        Repository repository = git.getRepository();
        // JGit would otherwise start a background gc after fetching, racing the deletion of this repository
        repository.getConfig().setInt("gc", null, "auto", 0);
        repository.getConfig().setInt("gc", null, "autoPackLimit", 0);
        if (FULL_COMMIT.matcher(id).matches()) {
            try {
                git.fetch().setRemote(url).setTimeout(TIMEOUT_SECONDS).setDepth(1)
                        .setRefSpecs(new RefSpec(id + ":refs/tasman/source")).call();
                ObjectId found = commit(repository, ObjectId.fromString(id));
                if (found != null) {
                    return found;
                }
            } catch (GitAPIException | RuntimeException declined) {
                // not served by id (or not there): look among the branches and tags below
            }
        }
        try {
            git.fetch().setRemote(url).setTimeout(TIMEOUT_SECONDS)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .call();
        } catch (RuntimeException e) {
            throw unreachable(uri, e);
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            Collection<ObjectId> candidates = reader.resolve(AbbreviatedObjectId.fromString(id));
            List<ObjectId> commits = new ArrayList<>();
            for (ObjectId candidate : candidates) {
                if (reader.has(candidate) && reader.open(candidate).getType() == Constants.OBJ_COMMIT) {
                    commits.add(candidate);
                }
            }
            if (commits.size() > 1) {
                throw Refused.invalid("ref", "The commit '" + id + "' is ambiguous in " + uri
                        + ": several commits start with it; give more of its digits.");
            }
            return commits.isEmpty() ? null : commits.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectId commit(Repository repository, ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkLinks(Repository repository, RevCommit commit, String id) throws IOException {
        SourceTree tree = new SourceTree("In commit " + id.substring(0, 12) + ", the file");
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                if (walk.getFileMode(0) == FileMode.SYMLINK) {
                    byte[] target = repository.open(walk.getObjectId(0)).getCachedBytes(4096);
                    tree.add(walk.getPathString(), SourceTree.Kind.SYMLINK,
                            new String(target, java.nio.charset.StandardCharsets.UTF_8));
                } else if (walk.getFileMode(0) != FileMode.GITLINK) {
                    tree.add(walk.getPathString(), SourceTree.Kind.FILE, null);
                }
            }
        }
        tree.check();
    }

    /** Refuses what this control plane will not fetch from; answers the URL as safe to print. */
    private URIish check(String url) {
        URIish uri;
        try {
            uri = new URIish(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw Refused.invalid("git", "'git' must be a repository URL such as https://github.com/acme/site.git, got '"
                    + SourceTree.printable(String.valueOf(url)) + "'");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean local = scheme == null ? uri.getHost() == null : scheme.equals("file");
        if (local && !allowLocal) {
            throw Refused.invalid("git", "The git source " + SourceTree.printable(url) + " is on the control plane's "
                    + "own disk; local repositories are not allowed here (tasman.control.sources.allow-local-git is "
                    + "off). Use an https:// or ssh:// URL, or upload a .tar.gz of the source.");
        }
        if (!local && (scheme == null || scheme.equals("ssh") || scheme.contains("ssh+") || scheme.contains("+ssh"))) {
            // no SSH transport is on the class path, and the control plane holds no keys to use with one
            throw Refused.invalid("git", "SSH repository URLs are not supported: the control plane holds no SSH keys. "
                    + "Use the https:// URL of the repository, or upload a .tar.gz of the source.");
        }
        if (!local && !REMOTE_SCHEMES.contains(scheme)) {
            throw Refused.invalid("git", "'git' must be an https://, http:// or git:// repository URL, got a "
                    + SourceTree.printable(scheme) + ":// URL");
        }
        if (uri.getPass() != null) {
            throw Refused.invalid("git", "'git' must not carry a password: the URL is kept in the deployment's "
                    + "history. Use a public URL, or upload a .tar.gz of the source.");
        }
        return uri;
    }

    private static Refused unreachable(URIish uri, Throwable e) {
        return Refused.invalid("git", "Could not reach the repository " + uri + ": " + reason(uri, e) + ".");
    }

    /** JGit's messages lead with the URL and bury the cause; say what happened once, briefly. */
    private static String reason(URIish uri, Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "the host " + SourceTree.printable(uri.getHost() == null ? String.valueOf(t.getMessage())
                        : uri.getHost()) + " is unknown";
            }
            if (t instanceof java.net.ConnectException) {
                return "the connection was refused";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.io.InterruptedIOException) {
                return "it did not answer within " + TIMEOUT_SECONDS + " seconds";
            }
            if (t instanceof org.eclipse.jgit.errors.NoRemoteRepositoryException) {
                return "there is no repository there";
            }
            innermost = t;
        }
        String message = innermost.getMessage() == null || innermost.getMessage().isBlank()
                ? innermost.getClass().getSimpleName() : innermost.getMessage();
        for (String prefix : List.of(uri.toString() + ": ", uri.toPrivateString() + ": ")) {
            message = message.replace(prefix, "");
        }
        message = message.replace(uri.toPrivateString(), uri.toString()).strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        return SourceTree.printable(message.replaceAll("\\s+", " "));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("tasman-git-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
