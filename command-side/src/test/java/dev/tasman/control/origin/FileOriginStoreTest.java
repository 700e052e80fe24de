package dev.tasman.control.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOriginStoreTest {

    @TempDir
    Path root;

    @TempDir
    Path scratch;

    @Test
    void givenAFile_whenPutUnderItsHash_thenItIsStoredFannedOutAndReadsBack() throws IOException {
        FileOriginStore store = new FileOriginStore(root);
        Path file = write("hello.txt", "hello, origin");
        String sha = Sha256.of(file);

        store.put(sha, file);

        assertThat(store.contains(sha)).isTrue();
        assertThat(store.size(sha)).isEqualTo(13);
        assertThat(store.path(sha)).isEqualTo(root.resolve("blobs").resolve(sha.substring(0, 2))
                .resolve(sha.substring(2)));
        try (InputStream in = store.open(sha)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, origin");
        }
        assertThat(files(root.resolve("blobs"))).containsExactly(store.path(sha));
    }

    @Test
    void givenBytesThatHashToSomethingElse_whenPut_thenRefusedAndNothingIsLeft() throws IOException {
        FileOriginStore store = new FileOriginStore(root);
        Path file = write("a.txt", "the real content");
        String claimed = Sha256.hex("other content".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.put(claimed, file)).isInstanceOf(ContentMismatch.class)
                .hasMessageContaining(Sha256.of(file)).hasMessageContaining("not stored");

        assertThat(store.contains(claimed)).isFalse();
        assertThat(store.contains(Sha256.of(file))).isFalse();
        assertThat(files(root)).isEmpty(); // not even a temporary file
    }

    @Test
    void givenAStoredBlob_whenPutAgain_thenNothingIsWritten() throws IOException {
        FileOriginStore store = new FileOriginStore(root);
        Path file = write("a.txt", "same bytes");
        String sha = Sha256.of(file);
        store.put(sha, file);
        FileTime written = Files.getLastModifiedTime(store.path(sha));
        Files.setLastModifiedTime(store.path(sha), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        FileTime aged = Files.getLastModifiedTime(store.path(sha));

        store.put(sha, file);
        store.put(sha, scratch.resolve("does-not-exist")); // not even read: the name says it all

        assertThat(Files.getLastModifiedTime(store.path(sha))).isEqualTo(aged).isNotEqualTo(written);
        assertThat(files(root.resolve("blobs"))).hasSize(1);
    }

    @Test
    void givenNamesThatAreNotSha256_whenUsed_thenRefused() throws IOException {
        FileOriginStore store = new FileOriginStore(root);
        Path file = write("a.txt", "x");

        assertThatThrownBy(() -> store.put("../../etc/passwd", file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lowercase hex digits");
        assertThatThrownBy(() -> store.contains(Sha256.of(file).toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putManifest("../escape", new byte[1], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAnAbsentBlob_whenAskedForItsSizeOrPath_thenNoSuchElement() throws IOException {
        FileOriginStore store = new FileOriginStore(root);
        String absent = "0".repeat(64);

        assertThat(store.contains(absent)).isFalse();
        assertThatThrownBy(() -> store.size(absent)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> store.path(absent)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> store.open(absent)).isInstanceOf(IOException.class);
    }

    @Test
    void givenAManifest_whenStoredAndReplaced_thenTheLatestIsReadWithItsDigestAndNoTemporaryFileRemains()
            throws IOException {
        FileOriginStore store = new FileOriginStore(root);
        byte[] first = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"version\":2}".getBytes(StandardCharsets.UTF_8);

        assertThat(store.manifest("dpl_1")).isEmpty();
        store.putManifest("dpl_1", first, new byte[] {1, 2, 3});
        store.putManifest("dpl_1", second, new byte[] {4, 5, 6});

        OriginStore.StoredManifest stored = store.manifest("dpl_1").orElseThrow();
        assertThat(stored.canonicalJson()).isEqualTo(second);
        assertThat(stored.signature()).containsExactly(4, 5, 6);
        assertThat(stored.digest()).isEqualTo("sha256:" + Sha256.hex(second));
        assertThat(files(root.resolve("manifests"))).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("dpl_1.json", "dpl_1.sig");
    }

    @Test
    void givenWritesInterruptedByACrash_whenTheStoreStarts_thenOldTemporaryFilesGoAndNoneCountsAsContent()
            throws IOException {
        new FileOriginStore(root);
        Path abandonedManifest = Files.writeString(root.resolve("manifests/.dpl_9.json123.tmp"), "{\"torn");
        Files.createDirectories(root.resolve("blobs/ab"));
        Path abandonedBlob = Files.writeString(root.resolve("blobs/ab/.blob-1.tmp"), "torn");
        Path inProgress = Files.writeString(root.resolve("blobs/ab/.blob-2.tmp"), "still being written");
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(abandonedManifest, longAgo);
        Files.setLastModifiedTime(abandonedBlob, longAgo);

        FileOriginStore store = new FileOriginStore(root);

        assertThat(store.manifest("dpl_9")).isEmpty();
        assertThat(abandonedManifest).doesNotExist();
        assertThat(abandonedBlob).doesNotExist();
        assertThat(inProgress).exists(); // may belong to a writer that is still running
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(scratch.resolve(name), content);
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
