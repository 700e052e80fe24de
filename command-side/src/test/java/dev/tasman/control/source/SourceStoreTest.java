package dev.tasman.control.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Refused;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceStoreTest {

    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path data;

    private SourceStore store() {
        return new SourceStore(new ControlProperties(data, null, null, null, null, null));
    }

    @Test
    void anArchiveIsStoredUnderItsSha256() throws IOException {
        SourceStore store = store();

        String sha256 = store.store(body("hello"), 100);

        assertThat(sha256).isEqualTo(HELLO_SHA256);
        assertThat(store.contains(sha256)).isTrue();
        assertThat(store.path(sha256)).isEqualTo(data.resolve("sources").resolve(HELLO_SHA256 + ".tar.gz")
                .toAbsolutePath()).hasContent("hello");
        assertThat(store.store(body("hello"), 100)).as("the same bytes again").isEqualTo(sha256);
        assertThat(files()).containsExactly(HELLO_SHA256 + ".tar.gz");
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndLeavesNothing() throws IOException {
        SourceStore store = store();

        assertThatThrownBy(() -> store.store(body("x".repeat(101)), 100))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.field()).isEqualTo("source"))
                .hasMessageContaining("larger than 100 bytes");
        assertThat(files()).isEmpty();
        assertThat(store.store(body("x".repeat(100)), 100)).hasSize(64);
    }

    @Test
    void anArchiveThatIsNotStoredIsNotFound() {
        SourceStore store = store();

        assertThat(store.contains(HELLO_SHA256)).isFalse();
        assertThat(store.contains("../../etc/passwd")).isFalse();
        assertThat(store.contains(null)).isFalse();
        assertThatThrownBy(() -> store.path(HELLO_SHA256)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.kind()).isEqualTo(Refused.Kind.NOT_FOUND));
        assertThatThrownBy(() -> store.path("../../etc/passwd")).isInstanceOf(Refused.class);
    }

    private java.util.List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("sources"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
