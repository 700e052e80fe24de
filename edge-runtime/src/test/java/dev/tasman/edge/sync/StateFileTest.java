package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path data;

    @Test
    void givenAState_whenSavedAndLoaded_thenEverythingComesBack() throws IOException {
        EdgeState state = new EdgeState();
        state.position = 42;
        state.lastEventAt = Instant.parse("2026-11-22T01:02:03Z");
        state.edgeStatus = "JOINING";
        state.projects.put("prj_1", new Project("prj_1", "hello", List.of("www.example.com"), "dpl_1", "dpl_2", 40,
                List.of(new Project.Propagation("dpl_1", "sha256:aa", 30),
                        new Project.Propagation("dpl_2", "sha256:bb", 39))));
        state.held.put("dpl_1", new Holding("dpl_1", "prj_1", "sha256:aa", true));
        state.wanted.put("dpl_2", new Wanted("dpl_2", "prj_1", "sha256:bb", false));
        StateFile file = new StateFile(data.resolve("state.json"));

        file.save(state);
        EdgeState loaded = file.load().orElseThrow();

        assertThat(loaded.stored()).isEqualTo(state.stored());
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("state.json");
        }
    }

    @Test
    void givenNoFile_whenLoaded_thenEmpty() throws IOException {
        assertThat(new StateFile(data.resolve("state.json")).load()).isEmpty();
    }

    @Test
    void givenAnUnreadableFile_whenLoaded_thenTheMessageSaysWhatToDo() throws IOException {
        Files.writeString(data.resolve("state.json"), "{ not json");

        assertThatThrownBy(() -> new StateFile(data.resolve("state.json")).load())
                .hasMessageContaining("is not readable edge state").hasMessageContaining("Move it aside");
    }

    @Test
    void givenAFileFromANewerEdge_whenLoaded_thenRefused() throws IOException {
        Files.writeString(data.resolve("state.json"), "{\"version\": 99, \"position\": 1}");

        assertThatThrownBy(() -> new StateFile(data.resolve("state.json")).load())
                .hasMessageContaining("written by a newer edge");
    }
}
