package dev.tasman.control.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Refused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourcesTest {

    @TempDir
    Path temp;

    private TestRepository repository;
    private String first;
    private String second;
    private String feature;
    private final GitSources git = sources(true);

    @BeforeEach
    void repository() {
        repository = TestRepository.create(temp.resolve("site"));
        first = repository.commit("first", Map.of("index.html", "<h1>v1</h1>", "assets/app.js", "console.log(1)",
                "build.sh", "#!/bin/sh\necho build\n", "home.html", "-> index.html"), "build.sh");
        repository.tag("v1.0.0", first, true);
        repository.tag("light", first, false);
        second = repository.commit("second", Map.of("index.html", "<h1>v2</h1>", "about.html", "about"));
        repository.branch("feature", first);
        repository.switchTo("feature");
        feature = repository.commit("feature work", Map.of("feature.txt", "only on the branch"));
        repository.switchTo("main");
    }

    @AfterEach
    void close() {
        repository.close();
    }

    @Test
    void aBranchTagOrCommitResolvesToTheExactCommit() {
        assertThat(git.resolve(repository.url(), "main")).isEqualTo(second);
        assertThat(git.resolve(repository.url(), "refs/heads/main")).isEqualTo(second);
        assertThat(git.resolve(repository.url(), "feature")).isEqualTo(feature);
        assertThat(git.resolve(repository.url(), "v1.0.0")).as("annotated tag, peeled").isEqualTo(first);
        assertThat(git.resolve(repository.url(), "light")).isEqualTo(first);
        assertThat(git.resolve(repository.url(), "HEAD")).isEqualTo(second);
        assertThat(git.resolve(repository.url(), null)).isEqualTo(second);
        assertThat(git.resolve(repository.url(), first)).as("full sha").isEqualTo(first);
        assertThat(git.resolve(repository.url(), first.substring(0, 10).toUpperCase()))
                .as("abbreviated sha, any case").isEqualTo(first);
        assertThat(git.resolve(repository.url(), feature.substring(0, 7))).isEqualTo(feature);
        String third = repository.commit("third", Map.of("x.txt", "x"));
        assertThat(git.resolve(repository.url(), second)).as("a commit no ref points at directly").isEqualTo(second);
        assertThat(git.resolve(repository.url(), second.substring(0, 8))).isEqualTo(second);
        assertThat(git.resolve(repository.url(), "main")).isEqualTo(third);
    }

    @Test
    void aPlainPathWorksWhenLocalRepositoriesAreAllowed() {
        assertThat(git.resolve(repository.directory().toString(), "main")).isEqualTo(second);
    }

    @Test
    void aMissingRefIsRefusedNamingIt() {
        for (String ref : new String[] {"nope", "deadbeef00", "v2.0.0", "0".repeat(40)}) {
            assertThatThrownBy(() -> git.resolve(repository.url(), ref))
                    .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.field()).isEqualTo("ref"))
                    .hasMessage("The repository " + repository.url() + " has no branch, tag or commit '" + ref + "'.");
        }
    }

    @Test
    void checkoutWritesExactlyTheTreeOfTheCommit() throws IOException {
        Path checkout = temp.resolve("checkouts/first");

        git.checkout(repository.url(), first, checkout);

        assertThat(files(checkout)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "assets/app.js", "console.log(1)", "build.sh", "#!/bin/sh\necho build\n",
                "home.html", "-> index.html", "index.html", "<h1>v1</h1>")));
        assertThat(checkout.resolve(".git")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(checkout.resolve("build.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(checkout.resolve("home.html")).hasContent("<h1>v1</h1>");

        Path other = temp.resolve("checkouts/feature");
        git.checkout(repository.url(), feature, other);
        assertThat(files(other)).containsEntry("feature.txt", "only on the branch").doesNotContainKey("about.html");

        Path latest = temp.resolve("checkouts/second");
        git.checkout(repository.url(), second, latest);
        assertThat(files(latest)).containsEntry("index.html", "<h1>v2</h1>").containsEntry("about.html", "about")
                .doesNotContainKey("feature.txt");
    }

    @Test
    void checkoutOfACommitTheRepositoryDoesNotHaveIsRefused() {
        String missing = "1".repeat(40);

        assertThatThrownBy(() -> git.checkout(repository.url(), missing, temp.resolve("nothing")))
                .isInstanceOf(Refused.class).hasMessageContaining("has no branch, tag or commit '" + missing + "'");
        assertThat(temp.resolve("nothing/.git")).doesNotExist();
    }

    @Test
    void aCommitWithALinkOutOfTheTreeIsRefusedBeforeAnythingIsWritten() throws IOException {
        String escaping = repository.commit("sneaky", Map.of("secrets", "-> ../../../../etc"));
        Path checkout = temp.resolve("checkouts/sneaky");

        assertThatThrownBy(() -> git.checkout(repository.url(), escaping, checkout))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.field()).isEqualTo("source"))
                .hasMessageContaining("the file 'secrets' is a symbolic link to '../../../../etc', which points "
                        + "outside the source tree");
        try (Stream<Path> left = Files.list(checkout)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anUnreachableRepositoryIsRefusedWithTheReason() {
        String missing = temp.resolve("no-such-repository").toUri().toString();
        assertThatThrownBy(() -> git.resolve(missing, "main"))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.field()).isEqualTo("git"))
                .hasMessage("Could not reach the repository " + missing + ": there is no repository there.");

        assertThatThrownBy(() -> git.resolve("http://127.0.0.1:9/acme/site.git", "main"))
                .isInstanceOf(Refused.class)
                .hasMessage("Could not reach the repository http://127.0.0.1:9/acme/site.git: the connection was "
                        + "refused.");
        assertThatThrownBy(() -> git.checkout("http://127.0.0.1:9/acme/site.git", first, temp.resolve("x")))
                .isInstanceOf(Refused.class).hasMessageStartingWith("Could not reach the repository");
    }

    @Test
    void localRepositoriesAreRefusedUnlessAllowed() {
        GitSources strict = sources(false);

        for (String url : new String[] {repository.url(), repository.directory().toString(), "FILE:///etc"}) {
            assertThatThrownBy(() -> strict.resolve(url, "main"))
                    .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.field()).isEqualTo("git"))
                    .hasMessageContaining("local repositories are not allowed");
            assertThatThrownBy(() -> strict.checkout(url, first, temp.resolve("strict")))
                    .hasMessageContaining("local repositories are not allowed");
        }
        assertThat(temp.resolve("strict")).doesNotExist();
        assertThat(new ControlProperties(temp, null, null, null, null, null).sources().allowLocalGit())
                .as("the default").isFalse();
    }

    @Test
    void otherSchemesAndPasswordsAreRefused() {
        assertThatThrownBy(() -> git.resolve("ftp://example.com/site.git", "main"))
                .hasMessageContaining("must be an https://, http:// or git:// repository URL");
        for (String ssh : new String[] {"ssh://git@github.com/acme/site.git", "git@github.com:acme/site.git"}) {
            assertThatThrownBy(() -> git.resolve(ssh, "main")).isInstanceOf(Refused.class)
                    .hasMessageStartingWith("SSH repository URLs are not supported");
        }
        assertThatThrownBy(() -> git.resolve("https://me:ghp_secret@github.com/acme/site.git", "main"))
                .hasMessageContaining("must not carry a password").hasMessageNotContaining("ghp_secret");
    }

    private static GitSources sources(boolean allowLocal) {
        return new GitSources(new ControlProperties(Path.of("unused"), null, null, null,
                new ControlProperties.Sources(allowLocal), null));
    }

    /** Every file under root: path → content, or "-> target" for a symbolic link. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(name, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, Files.readString(path));
                }
            }
        }
        return files;
    }
}
