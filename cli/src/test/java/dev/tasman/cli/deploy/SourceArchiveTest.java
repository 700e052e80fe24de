package dev.tasman.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArchiveTest {

    @TempDir
    Path site;

    private void write(String path, String content) throws IOException {
        Path file = site.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> selected() throws IOException {
        return SourceArchive.select(site).stream().map(SourceArchive.Item::path).toList();
    }

    @Test
    void givenAGitRepository_whenSelecting_thenDotGitIsLeftOutWhateverTheRules() throws IOException {
        write("index.html", "<h1>hi</h1>");
        write(".git/HEAD", "ref: refs/heads/main");
        write("sub/.git", "gitdir: ../.git/modules/sub");
        write(".tasmanignore", "!.git/\n");

        assertThat(selected()).containsExactly(".tasmanignore", "index.html", "sub/");
    }

    @Test
    void givenIgnoreFiles_whenSelecting_thenIgnoredFilesAndDirectoriesAreLeftOut() throws IOException {
        write(".gitignore", "# build output\nnode_modules/\n*.log\n/secret.txt\n");
        write("index.html", "");
        write("debug.log", "");
        write("secret.txt", "");
        write("assets/secret.txt", "");
        write("assets/app.log", "");
        write("node_modules/react/index.js", "");

        assertThat(selected()).containsExactly(".gitignore", "assets/", "assets/secret.txt", "index.html");
    }

    @Test
    void givenANestedGitignore_whenSelecting_thenItsRulesApplyBelowItsDirectory() throws IOException {
        write("app/.gitignore", "/generated\n");
        write("app/generated", "");
        write("generated", "");

        assertThat(selected()).containsExactly("app/", "app/.gitignore", "generated");
    }

    @Test
    void givenTasmanignore_whenItNegatesAGitignoreRule_thenItWins() throws IOException {
        write(".gitignore", "dist/\n*.env\n");
        write(".tasmanignore", "!dist/\nREADME.md\n");
        write("dist/index.html", "");
        write("prod.env", "");
        write("README.md", "");

        assertThat(selected()).containsExactly(".gitignore", ".tasmanignore", "dist/", "dist/index.html");
    }

    @Test
    void givenAnIgnoredDirectory_whenAFileInsideIsNegated_thenItStaysOutAsInGit() throws IOException {
        write(".gitignore", "build/\n!build/keep.txt\n");
        write("build/keep.txt", "");

        assertThat(selected()).containsExactly(".gitignore");
    }

    @Test
    void givenASite_whenPacked_thenTheArchiveHoldsItsFilesAtTheRootWithModesAndLinks() throws IOException {
        write("index.html", "<h1>hello</h1>");
        write("bin/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(site.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(site.resolve("home.html"), Path.of("index.html"));

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (SourceArchive.Packed packed = SourceArchive.pack(site);
             InputStream file = Files.newInputStream(packed.file());
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            assertThat(packed.files()).isEqualTo(2);
            assertThat(packed.bytes()).isEqualTo(24);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(entries).containsOnlyKeys("bin/", "bin/run.sh", "home.html", "index.html");
        assertThat(entries.get("bin/").isDirectory()).isTrue();
        assertThat(entries.get("bin/run.sh").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("index.html").getMode() & 0777).isEqualTo(0644);
        assertThat(contents.get("index.html")).isEqualTo("<h1>hello</h1>");
        assertThat(entries.get("home.html").isSymbolicLink()).isTrue();
        assertThat(entries.get("home.html").getLinkName()).isEqualTo("index.html");
    }

    @Test
    void givenAVeryLongPath_whenPacked_thenItIsKeptWhole() throws IOException {
        String deep = "a-rather-long-directory-name/".repeat(6) + "and-a-file-with-a-long-name-too.html";
        write(deep, "deep");

        try (SourceArchive.Packed packed = SourceArchive.pack(site);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                     Files.newInputStream(packed.file())))) {
            TarArchiveEntry entry;
            String last = null;
            while ((entry = tar.getNextEntry()) != null) {
                last = entry.getName();
            }
            assertThat(last).isEqualTo(deep);
        }
    }
}
