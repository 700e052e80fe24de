package dev.tasman.edge.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacklogTest {

    @TempDir
    Path directory;

    @Test
    void givenSegmentsPastTheBound_whenAnotherIsAppended_thenTheOldestAreDeletedButNotTheOneBeingShipped()
            throws IOException {
        Backlog backlog = Backlog.open(directory, 3000);
        backlog.append(new byte[1000], 10, 0);
        backlog.append(new byte[1000], 11, 0);
        backlog.append(new byte[1000], 12, 3);
        Backlog.Segment shipping = backlog.nextToShip().orElseThrow();

        List<Backlog.Segment> deleted = backlog.append(new byte[1500], 13, 0);

        assertThat(shipping.records()).isEqualTo(10);
        assertThat(deleted).extracting(Backlog.Segment::records).containsExactly(11, 12);
        assertThat(deleted.get(1).dropped()).isEqualTo(3);
        assertThat(backlog.bytes()).isEqualTo(2500);
        assertThat(backlog.records()).isEqualTo(23);
        assertThat(files()).hasSize(2);
    }

    @Test
    void givenSegmentsAndAHalfWrittenFile_whenReopened_thenTheSegmentsAreCountedInOrderAndTheRestRemoved()
            throws IOException {
        Backlog before = Backlog.open(directory, 1 << 20);
        before.append("first".getBytes(), 1, 0);
        before.append("second".getBytes(), 2, 0);
        Files.write(directory.resolve(".0000000000000003-5-0.batch.123.tmp"), new byte[10]);

        Backlog after = Backlog.open(directory, 1 << 20);
        Backlog.Segment oldest = after.nextToShip().orElseThrow();
        assertThat(new String(after.read(oldest))).isEqualTo("first");
        after.shipped(oldest);
        after.append("third".getBytes(), 3, 0);

        assertThat(after.records()).isEqualTo(5);
        assertThat(after.bytes()).isEqualTo("second".length() + "third".length());
        assertThat(files()).hasSize(2).noneMatch(name -> name.endsWith(".tmp"));
        assertThat(new String(after.read(after.nextToShip().orElseThrow()))).isEqualTo("second");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
