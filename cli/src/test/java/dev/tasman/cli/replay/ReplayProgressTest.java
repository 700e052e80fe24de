package dev.tasman.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    private static String status(double progress, long reached, String error) {
        return "{\"readModel\":\"dashboard\",\"state\":\"RUNNING\",\"generation\":3,\"positionReached\":" + reached
                + ",\"headPosition\":1000,\"progress\":" + progress + ",\"eventsPerSecond\":2500.4,\"error\":"
                + (error == null ? "null" : "\"" + error + "\"") + "}";
    }

    @Test
    void givenNoTerminal_whenProgressIsReported_thenALineEachTenthAndWhenItStartsRetrying() {
        StringWriter out = new StringWriter();
        ReplayProgress progress = new ReplayProgress(new PrintWriter(out), Style.plain(), false);

        progress.update(Json.parse(status(0.01, 10, null)));
        progress.update(Json.parse(status(0.05, 50, null)));
        progress.update(Json.parse(status(0.12, 120, null)));
        progress.update(Json.parse(status(0.13, 130, "database restarting")));

        assertThat(out.toString().lines()).containsExactly(
                "Replaying:   1%  10/1000 events (2,500 events/s)",
                "Replaying:  12%  120/1000 events (2,500 events/s)",
                "Replaying:  13%  130/1000 events (2,500 events/s)  retrying: database restarting");
    }

    @Test
    void givenATerminal_whenProgressIsReported_thenOneBarIsRedrawnInPlace() {
        StringWriter out = new StringWriter();
        ReplayProgress progress = new ReplayProgress(new PrintWriter(out), Style.plain(), true);

        progress.update(Json.parse(status(0.5, 500, null)));
        progress.finish();

        assertThat(out.toString()).isEqualTo("\r\u001b[2K[" + "#".repeat(15) + "-".repeat(15)
                + "]  50%  500/1000 events (2,500 events/s)\r\u001b[2K");
    }

    @Test
    void givenAFinishedReplay_whenSummarised_thenGenerationEventsTimeAndRate() {
        String finished = "{\"generation\":4,\"positionReached\":1000,\"startedAt\":\"2025-11-22T14:00:00Z\","
                + "\"finishedAt\":\"2025-11-22T14:00:02.500Z\",\"eventsPerSecond\":400.0}";

        assertThat(ReplayProgress.summary("dashboard", Json.parse(finished))).isEqualTo(
                "Replayed dashboard: generation 4 serves now, rebuilt up to event 1000 in 2.5 s (400 events/s).");
    }
}
