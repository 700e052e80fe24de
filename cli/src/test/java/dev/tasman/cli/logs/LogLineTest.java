package dev.tasman.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {

    private static final String REQUEST = """
            {"time":"2025-11-22T14:32:05.123Z","kind":"request","project":"prj_1","projectName":"hello",
             "deployment":"dpl_1","edge":"syd","message":null,"host":"hello.localhost","method":"GET",
             "path":"/about","status":503,"durationMs":12,"bytes":512}""";
    private static final String BUILD = """
            {"time":"2025-11-22T14:30:00Z","kind":"build","project":"prj_1","projectName":"hello",
             "deployment":"dpl_1","edge":null,"message":"npm run build"}""";

    @Test
    void givenARequest_whenFormatted_thenTimeEdgeKindMethodPathStatusAndDuration() {
        String line = new LogLine(Style.plain(), ZoneOffset.UTC, false).format(Json.parse(REQUEST));

        assertThat(line).isEqualTo("2025-11-22 14:32:05.123  syd/request     GET /about 503 12 ms");
    }

    @Test
    void givenABuildLineOfAnyProject_whenFormatted_thenTheProjectIsNamedAndTheMessageShown() {
        String line = new LogLine(Style.plain(), ZoneOffset.UTC, true).format(Json.parse(BUILD));

        assertThat(line).isEqualTo("2025-11-22 14:30:00.000  hello         build           npm run build");
    }

    @Test
    void givenAFastRequest_whenFormatted_thenItsDurationHasATenth() {
        String line = new LogLine(Style.plain(), ZoneOffset.UTC, false).format(Json.parse(REQUEST.replace(
                "\"durationMs\":12", "\"durationMs\":0.42")));

        assertThat(line).endsWith("GET /about 503 0.4 ms");
    }

    @Test
    void givenATerminal_whenAServerErrorIsFormatted_thenItsStatusIsRed() {
        String line = new LogLine(new Style(true), ZoneOffset.UTC, false).format(Json.parse(REQUEST));

        assertThat(line).contains("\u001b[31m503\u001b[0m");
    }

    @Test
    void givenAPageNewestFirst_whenTaken_thenOldestFirstAndAPollReturningTheSameLinesPrintsNothingTwice() {
        NewLines seen = new NewLines();
        JsonNode page = Json.parse("[" + item("14:00:02", "c") + "," + item("14:00:02", "b") + ","
                + item("14:00:01", "a") + "]");

        assertThat(messages(seen.take(page))).containsExactly("a", "b", "c");
        assertThat(seen.newest()).hasToString("2025-11-22T14:00:02Z");

        JsonNode poll = Json.parse("[" + item("14:00:03", "e") + "," + item("14:00:02", "d") + ","
                + item("14:00:02", "c") + "," + item("14:00:02", "b") + "]");
        assertThat(messages(seen.take(poll))).as("b and c were printed; d came later in the same second")
                .containsExactly("d", "e");
        assertThat(messages(seen.take(poll))).isEmpty();
    }

    private static String item(String time, String message) {
        return "{\"time\":\"2025-11-22T" + time + "Z\",\"kind\":\"build\",\"message\":\"" + message + "\"}";
    }

    private static List<String> messages(List<JsonNode> items) {
        return items.stream().map(item -> item.path("message").asText()).toList();
    }
}
