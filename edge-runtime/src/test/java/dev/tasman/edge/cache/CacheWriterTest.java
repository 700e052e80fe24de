package dev.tasman.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheWriterTest {

    @TempDir
    Path root;

    @Test
    void givenBytesMatchingTheirName_whenWritten_thenTheBlobIsInPlaceAndCounted() throws Exception {
        BlobCache cache = new BlobCache(root);
        CacheWriter writer = new CacheWriter(cache);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.hex(bytes);

        writer.write(sha, new ByteArrayInputStream(bytes));

        assertThat(cache.has(sha)).isTrue();
        assertThat(Files.readAllBytes(cache.path(sha))).isEqualTo(bytes);
        assertThat(writer.bytes()).isEqualTo(5);
        assertThat(new CacheWriter(cache).bytes()).as("counted again on start").isEqualTo(5);
    }

    @Test
    void givenBytesNotMatchingTheirName_whenWritten_thenRefusedAndNothingIsLeft() throws IOException {
        BlobCache cache = new BlobCache(root);
        CacheWriter writer = new CacheWriter(cache);
        String sha = Sha256.hex("expected".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> writer.write(sha, new ByteArrayInputStream("other".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CacheWriter.Mismatch.class).hasMessageContaining(sha);

        assertThat(cache.has(sha)).isFalse();
        assertThat(writer.bytes()).isZero();
        try (Stream<Path> temporary = Files.list(root.resolve("tmp"))) {
            assertThat(temporary).isEmpty();
        }
    }

    @Test
    void givenLeftoversOfADeadProcess_whenStarted_thenTmpIsEmptied() throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        Files.writeString(root.resolve("tmp").resolve("abc.part"), "partial");

        new CacheWriter(new BlobCache(root));

        try (Stream<Path> temporary = Files.list(root.resolve("tmp"))) {
            assertThat(temporary).isEmpty();
        }
    }

    @Test
    void givenBlobs_whenSwept_thenOnlyThoseToKeepRemain() throws Exception {
        BlobCache cache = new BlobCache(root);
        CacheWriter writer = new CacheWriter(cache);
        String keep = put(writer, "keep me");
        String drop = put(writer, "drop me");

        assertThat(writer.sweep(Set.of(keep))).isEqualTo(1);

        assertThat(cache.has(keep)).isTrue();
        assertThat(cache.has(drop)).isFalse();
        assertThat(writer.bytes()).isEqualTo("keep me".length());
    }

    private static String put(CacheWriter writer, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.hex(bytes);
        writer.write(sha, new ByteArrayInputStream(bytes));
        return sha;
    }
}
