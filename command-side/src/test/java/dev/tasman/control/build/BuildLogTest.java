package dev.tasman.control.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.deployment.LogLine;
import dev.tasman.api.deployment.RecordBuildLog;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

class BuildLogTest {

    private final List<RecordBuildLog> recorded = new CopyOnWriteArrayList<>();

    private BuildLog log(int maxLines) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordBuildLog.class.getName(), command -> {
            recorded.add((RecordBuildLog) command.getPayload());
            return null;
        });
        return new BuildLog("dpl_1", DefaultCommandGateway.builder().commandBus(bus).build(), maxLines);
    }

    @Test
    void linesAreRecordedInOrderInBatches() {
        try (BuildLog log = log(10_000)) {
            for (int i = 0; i < BuildLog.BATCH_LINES + 5; i++) {
                log.line(new LogLine(Instant.EPOCH, "stdout", "line " + i));
            }
        }

        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0).lines()).hasSize(BuildLog.BATCH_LINES);
        assertThat(recorded.stream().flatMap(r -> r.lines().stream()).map(LogLine::text))
                .startsWith("line 0", "line 1").endsWith("line " + (BuildLog.BATCH_LINES + 4));
        assertThat(recorded).noneMatch(RecordBuildLog::truncated);
    }

    @Test
    void afterTheCapOneTruncatedMarkerIsRecordedAndLaterLinesAreDroppedButKeptForTheFailureReason() {
        try (BuildLog log = log(5)) {
            for (int i = 0; i < 20; i++) {
                log.line(new LogLine(Instant.EPOCH, "stderr", "line " + i));
            }
            assertThat(log.lastLines()).endsWith("line 19");
        }

        List<LogLine> lines = recorded.stream().flatMap(r -> r.lines().stream()).toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5).stream()).isEqualTo("system");
        assertThat(lines.get(5).text()).contains("log truncated").contains("first 5 lines");
        assertThat(recorded.get(recorded.size() - 1).truncated()).isTrue();
    }

    @Test
    void overlongLinesAreCut() {
        try (BuildLog log = log(100)) {
            log.line(new LogLine(Instant.EPOCH, "stdout", "x".repeat(BuildLog.MAX_LINE_CHARS * 3)));
        }

        String text = recorded.get(0).lines().get(0).text();
        assertThat(text).startsWith("x".repeat(BuildLog.MAX_LINE_CHARS)).contains("line cut at").hasSizeLessThan(5_000);
    }
}
