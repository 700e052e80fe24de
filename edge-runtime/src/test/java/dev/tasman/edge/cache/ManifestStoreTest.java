package dev.tasman.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestStoreTest {

    @TempDir
    Path directory;

    @Test
    void givenAStoredManifest_whenLoadedWithItsDigest_thenTheSameBytes() throws IOException {
        ManifestStore store = new ManifestStore(directory);
        byte[] bytes = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);

        store.save("dpl_1", bytes);

        assertThat(store.load("dpl_1", Sha256.prefixed(bytes))).contains(bytes);
        assertThat(store.deploymentIds()).containsExactly("dpl_1");
    }

    @Test
    void givenAManifestChangedOnDisk_whenLoaded_thenItIsNotBelieved() throws IOException {
        ManifestStore store = new ManifestStore(directory);
        byte[] bytes = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);
        store.save("dpl_1", bytes);
        Files.writeString(store.path("dpl_1"), "{\"version\":2}");

        assertThat(store.load("dpl_1", Sha256.prefixed(bytes))).isEmpty();
        assertThat(store.load("dpl_2", Sha256.prefixed(bytes))).isEmpty();
    }

    @Test
    void givenAnIdThatIsNoFileName_whenUsed_thenRefused() throws IOException {
        ManifestStore store = new ManifestStore(directory);

        assertThatThrownBy(() -> store.path("../state")).isInstanceOf(IllegalArgumentException.class);
    }
}
