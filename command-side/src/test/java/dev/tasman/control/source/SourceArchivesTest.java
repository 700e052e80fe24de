package dev.tasman.control.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.control.shared.Refused;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourceArchivesTest {

    private static final SourceArchives.Limits DEFAULTS = SourceArchives.Limits.defaults();

    @TempDir
    Path temp;

    /** Where an escaping entry would land; must stay empty. */
    private Path outside;
    private Path destination;

    @BeforeEach
    void directories() throws IOException {
        outside = Files.createDirectories(temp.resolve("outside"));
        destination = temp.resolve("work/a/b/destination");
    }

    static Stream<Arguments> maliciousArchives() {
        return Stream.of(
                Arguments.of("climbs out with ..", (Archive) o -> TestArchive.create().file("ok.txt", "fine")
                        .file("../../../outside/evil.txt", "pwned"),
                        "entry '../../../outside/evil.txt' climbs out of the source tree with '..'"),
                Arguments.of("climbs out with .. in the middle", (Archive) o -> TestArchive.create()
                        .file("src/../../../../outside/evil.txt", "pwned"), "climbs out of the source tree with '..'"),
                Arguments.of("absolute path", (Archive) o -> TestArchive.create()
                        .file(o.resolve("evil.txt").toString(), "pwned"), "has an absolute path"),
                Arguments.of("symlink to an absolute path", (Archive) o -> TestArchive.create()
                        .symlink("escape", o.toString()), "entry 'escape' is a symbolic link to the absolute path"),
                Arguments.of("symlink climbing out", (Archive) o -> TestArchive.create().directory("a")
                        .symlink("a/escape", "../../../outside"),
                        "entry 'a/escape' is a symbolic link to '../../../outside', which points outside the source tree"),
                Arguments.of("symlink climbing out through another link", (Archive) o -> TestArchive.create()
                        .symlink("here", ".").symlink("up", "here/.."),
                        "entry 'up' is a symbolic link to 'here/..', which points outside the source tree"),
                Arguments.of("file written through a symlink", (Archive) o -> TestArchive.create()
                        .symlink("dir", "sub").file("dir/evil.txt", "pwned"),
                        "entry 'dir/evil.txt' lies inside the symbolic link 'dir'"),
                Arguments.of("symlink coming after the file it would shadow", (Archive) o -> TestArchive.create()
                        .file("dir/evil.txt", "x").symlink("dir", "sub"),
                        "entry 'dir/evil.txt' lies inside the symbolic link 'dir'"),
                Arguments.of("hard link climbing out", (Archive) o -> TestArchive.create()
                        .hardlink("passwd", "../../../../etc/passwd"),
                        "entry 'passwd' is a hard link to '../../../../etc/passwd', which climbs out"),
                Arguments.of("hard link to an absolute path", (Archive) o -> TestArchive.create()
                        .hardlink("passwd", "/etc/passwd"),
                        "entry 'passwd' is a hard link to the absolute path '/etc/passwd'"),
                Arguments.of("hard link to nothing in the archive", (Archive) o -> TestArchive.create()
                        .hardlink("shadow", "etc/shadow"), "not a file earlier in the archive"),
                Arguments.of("named pipe", (Archive) o -> TestArchive.create().special("pipe", TarConstants.LF_FIFO),
                        "entry 'pipe' is a named pipe (FIFO)"),
                Arguments.of("character device", (Archive) o -> TestArchive.create()
                        .special("dev/zero", TarConstants.LF_CHR), "entry 'dev/zero' is a device"),
                Arguments.of("block device", (Archive) o -> TestArchive.create()
                        .special("dev/sda", TarConstants.LF_BLK), "entry 'dev/sda' is a device"),
                Arguments.of("the same path twice", (Archive) o -> TestArchive.create().file("a.txt", "1")
                        .file("./a.txt", "2"), "entry 'a.txt' appears twice"),
                Arguments.of("a file inside a file", (Archive) o -> TestArchive.create().file("a", "1")
                        .file("a/b", "2"), "entry 'a/b' lies inside 'a', which is a file"),
                Arguments.of("links in a loop", (Archive) o -> TestArchive.create().symlink("a", "b")
                        .symlink("b", "a"), "goes round in a loop"));
    }

    interface Archive {
        TestArchive build(Path outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maliciousArchives")
    void maliciousArchiveIsRefusedNamingTheEntryAndNothingIsWritten(String name, Archive archive, String message) {
        Path file = archive.build(outside).writeTo(temp.resolve("source.tar.gz"));

        assertRefused(() -> SourceArchives.validate(file, DEFAULTS), message);
        assertRefused(() -> SourceArchives.extract(file, destination, DEFAULTS), message);

        assertThat(outside).isEmptyDirectory();
        assertThat(destination).doesNotExist();
        assertThat(Path.of("/etc/passwd")).exists(); // still, obviously; the point is nothing was linked to it
    }

    @Test
    void tooManyEntriesAreRefused() {
        TestArchive archive = TestArchive.create();
        for (int i = 0; i < 11; i++) {
            archive.file("f" + i + ".txt", "x");
        }
        Path file = archive.writeTo(temp.resolve("many.tar.gz"));

        assertRefused(() -> SourceArchives.validate(file, new SourceArchives.Limits(1 << 20, 1 << 20, 10, 100)),
                "more than 10 entries");
        SourceArchives.validate(file, new SourceArchives.Limits(1 << 20, 1 << 20, 11, 100));
    }

    @Test
    void overlongNamesAreRefused() {
        Path file = TestArchive.create().file("a/".repeat(2100) + "x", "x").writeTo(temp.resolve("long.tar.gz"));

        assertRefused(() -> SourceArchives.validate(file, DEFAULTS), "has a name longer than 4096 characters");
    }

    @Test
    void aCompressionBombIsRefusedByItsExpansionRatioBeforeItIsInflated() throws IOException {
        // 50 MB of zeros squeeze into ~50 KB: about 1000:1
        Path bomb = TestArchive.create().file("zeros.bin", new byte[50 << 20], 0644)
                .writeTo(temp.resolve("bomb.tar.gz"));
        assertThat(Files.size(bomb)).isLessThan(500_000);

        assertRefused(() -> SourceArchives.validate(bomb, DEFAULTS),
                "expands more than 100 times its compressed size", "compression bomb");
        assertRefused(() -> SourceArchives.extract(bomb, destination, DEFAULTS), "compression bomb");
        assertThat(destination).doesNotExist();
    }

    @Test
    void anArchiveExpandingPastTheLimitIsRefused() {
        byte[] noise = new byte[3 << 20];
        new Random(4).nextBytes(noise);
        Path file = TestArchive.create().file("noise.bin", noise, 0644).writeTo(temp.resolve("noise.tar.gz"));

        assertRefused(() -> SourceArchives.validate(file, new SourceArchives.Limits(100 << 20, 2 << 20, 10, 100)),
                "expands to more than 2 MB");
        SourceArchives.validate(file, new SourceArchives.Limits(100 << 20, 4 << 20, 10, 100));
    }

    @Test
    void anArchiveOverTheCompressedLimitIsRefused() {
        byte[] noise = new byte[200_000];
        new Random(5).nextBytes(noise);
        Path file = TestArchive.create().file("noise.bin", noise, 0644).writeTo(temp.resolve("noise.tar.gz"));

        assertRefused(() -> SourceArchives.validate(file, new SourceArchives.Limits(100_000, 1 << 30, 10, 100)),
                "at most 97.7 KB is accepted");
    }

    @Test
    void hugeHeadersAreRefusedBeforeTheyAreReadIntoMemory() {
        // a GNU long-name record of 3 MB, as a tar writer would emit before the entry it names
        byte[] name = new byte[3 << 20];
        new Random(6).nextBytes(name);
        for (int i = 0; i < name.length; i++) {
            name[i] = (byte) ('a' + (name[i] & 0x0f));
        }
        Path file = TestArchive.create().raw("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, name)
                .file("short.txt", "x").writeTo(temp.resolve("long-name.tar.gz"));

        assertRefused(() -> SourceArchives.validate(file, DEFAULTS), "entry headers", "larger than 1 MB");
    }

    @Test
    void somethingThatIsNotAGzippedTarIsRefusedSayingWhatItIs() throws IOException {
        Path text = Files.writeString(temp.resolve("text.tar.gz"), "<html>not an archive</html>");
        assertRefused(() -> SourceArchives.validate(text, DEFAULTS),
                "The source is not a gzip-compressed tar archive (.tar.gz)", "gzip signature");

        Path empty = Files.write(temp.resolve("empty.tar.gz"), new byte[0]);
        assertRefused(() -> SourceArchives.validate(empty, DEFAULTS), "The source archive is empty");

        ByteArrayOutputStream gzippedText = new ByteArrayOutputStream();
        try (var gzip = new GzipCompressorOutputStream(gzippedText)) {
            gzip.write("this is text, gzipped, but no tar inside it at all; ".repeat(30)
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path notTar = Files.write(temp.resolve("text.gz"), gzippedText.toByteArray());
        assertRefused(() -> SourceArchives.validate(notTar, DEFAULTS), "is damaged or is not a tar archive inside gzip");

        byte[] good = TestArchive.create().file("a.txt", "hello").bytes();
        Path truncated = Files.write(temp.resolve("truncated.tar.gz"),
                java.util.Arrays.copyOf(good, good.length / 2));
        assertRefused(() -> SourceArchives.validate(truncated, DEFAULTS), "is damaged");
    }

    @Test
    void aGoodArchiveExtractsWithItsDirectoriesLinksAndModes() throws IOException {
        byte[] script = "#!/bin/sh\necho built\n".getBytes(StandardCharsets.UTF_8);
        Path file = TestArchive.create()
                .directory("./")
                .directory("./src")
                .file("./src/index.html", "<h1>hello</h1>")
                .file("./src/deep/er/style.css", "h1 { color: red }")
                .file("./build.sh", script, 0755)
                .symlink("./public", "src")
                .symlink("./src/deep/er/home.html", "../../index.html")
                .hardlink("./copy.html", "src/index.html")
                .file("setuid", "x".getBytes(StandardCharsets.UTF_8), 04755)
                .writeTo(temp.resolve("site.tar.gz"));

        SourceArchives.extract(file, destination, DEFAULTS);

        assertThat(destination.resolve("src/index.html")).hasContent("<h1>hello</h1>");
        assertThat(destination.resolve("src/deep/er/style.css")).hasContent("h1 { color: red }");
        assertThat(Files.isSymbolicLink(destination.resolve("public"))).isTrue();
        assertThat(Files.readSymbolicLink(destination.resolve("public"))).isEqualTo(Path.of("src"));
        assertThat(destination.resolve("public/index.html")).hasContent("<h1>hello</h1>");
        assertThat(destination.resolve("src/deep/er/home.html")).hasContent("<h1>hello</h1>");
        assertThat(destination.resolve("copy.html")).hasContent("<h1>hello</h1>");
        assertThat(Files.getPosixFilePermissions(destination.resolve("build.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(destination.resolve("src/index.html")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getAttribute(destination.resolve("setuid"), "unix:mode")).isEqualTo(0100755);
        try (Stream<Path> all = Files.walk(destination)) {
            assertThat(all.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).count())
                    .isEqualTo(7);
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void extractRefusesADestinationThatAlreadyHoldsFiles() throws IOException {
        Path file = TestArchive.create().file("a.txt", "x").writeTo(temp.resolve("a.tar.gz"));
        Files.createDirectories(destination);
        Files.writeString(destination.resolve("old.txt"), "old");

        assertThatThrownBy(() -> SourceArchives.extract(file, destination, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallArchivesAreNotMistakenForBombs() {
        // one small file: ~10 KB of tar (mostly padding) in ~150 bytes of gzip, far beyond 100:1
        Path file = TestArchive.create().file("index.html", "hi").writeTo(temp.resolve("tiny.tar.gz"));

        SourceArchives.extract(file, destination, DEFAULTS);

        assertThat(destination.resolve("index.html")).hasContent("hi");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... parts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.kind()).isEqualTo(Refused.Kind.INVALID);
            assertThat(refused.field()).isEqualTo("source");
            for (String part : parts) {
                assertThat(refused.getMessage()).contains(part);
            }
        });
    }
}
