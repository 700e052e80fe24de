package dev.tasman.cli.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the URL and token come from, and when colour is used. */
class ContextTest {

    @TempDir
    Path config;

    private Context context(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_CONFIG_HOME", config.toString());
        return new Context(all, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), null);
    }

    private void saved(String url) {
        ConfigFile.in(Map.of("XDG_CONFIG_HOME", config.toString())).write(new ConfigFile.Saved(url, "tsm_saved"));
    }

    @Test
    void givenNothing_whenTheApiIsNeeded_thenNotLoggedIn() {
        assertThatThrownBy(() -> context(Map.of()).api()).isInstanceOf(Failure.class)
                .hasMessage("Not logged in: run `tasman login` or set TASMAN_URL and TASMAN_TOKEN.");
        assertThatThrownBy(() -> context(Map.of("TASMAN_URL", "http://a")).api())
                .hasMessageStartingWith("Not logged in");
    }

    @Test
    void givenTheEnvironment_whenTheApiIsNeeded_thenItWinsOverTheSavedLogin() {
        saved("http://saved:7070");

        assertThat(context(Map.of("TASMAN_URL", "http://env:7070", "TASMAN_TOKEN", "tsm_env")).api().url())
                .isEqualTo("http://env:7070");
        assertThat(context(Map.of("TASMAN_TOKEN", "tsm_env")).api().url()).isEqualTo("http://saved:7070");
        assertThat(context(Map.of()).api().url()).isEqualTo("http://saved:7070");
        assertThat(context(Map.of("TASMAN_URL", "http://saved:7070/")).api().url()).isEqualTo("http://saved:7070");
    }

    @Test
    void givenTasmanUrlForAnotherServer_whenOnlyASavedTokenExists_thenTheTokenIsNotSentThere() {
        saved("http://saved:7070");

        assertThatThrownBy(() -> context(Map.of("TASMAN_URL", "http://elsewhere")).api()).isInstanceOf(Failure.class)
                .hasMessage("TASMAN_URL is http://elsewhere but the saved login is for http://saved:7070: set "
                        + "TASMAN_TOKEN as well, or run `tasman login --url http://elsewhere`.");
    }

    @Test
    void givenAUrlThatIsNoHttpUrl_whenTheApiIsNeeded_thenTheMessageShowsAnExample() {
        assertThatThrownBy(() -> context(Map.of("TASMAN_URL", "127.0.0.1:7070", "TASMAN_TOKEN", "t")).api())
                .hasMessage("'127.0.0.1:7070' is not the URL of a Tasman API: give one like http://127.0.0.1:7070.");
    }

    @Test
    void givenTheTerminalAndTheEnvironment_whenDecidingOnColour_thenOnlyAPersonAtATerminalGetsIt() {
        assertThat(Style.colourWanted(true, "xterm-256color", null, false)).isTrue();
        assertThat(Style.colourWanted(false, "xterm-256color", null, false)).as("piped").isFalse();
        assertThat(Style.colourWanted(true, "dumb", null, false)).as("TERM=dumb").isFalse();
        assertThat(Style.colourWanted(true, "xterm", "1", false)).as("NO_COLOR").isFalse();
        assertThat(Style.colourWanted(true, "xterm", "", false)).as("NO_COLOR empty").isTrue();
        assertThat(Style.colourWanted(true, "xterm", null, true)).as("--json").isFalse();
        assertThat(context(Map.of("TERM", "xterm")).style(false).colour()).as("no console").isFalse();
        assertThat(new Style(false).bold("x")).isEqualTo("x");
        assertThat(new Style(true).bold("x")).isEqualTo("\u001b[1mx\u001b[0m");
    }

    @Test
    void givenMessages_whenMadeSentences_thenOneLineWithOneFullStop() {
        assertThat(Sentences.of("missing required option\n  '--project'"))
                .isEqualTo("Missing required option '--project'.");
        assertThat(Sentences.end("exited with code 3.")).isEqualTo("exited with code 3.");
        assertThat(Sentences.end("waiting for edges: sin")).isEqualTo("waiting for edges: sin.");
    }

    @Test
    void givenRows_whenPrintedAsATable_thenColumnsAlign() {
        assertThat(Table.of("ID", "STATE", "URL").row("syd", "ACTIVE", "http://127.0.0.1:7081")
                .row("melbourne", "DRAINED", null).lines(Style.plain())).containsExactly(
                "ID         STATE    URL",
                "syd        ACTIVE   http://127.0.0.1:7081",
                "melbourne  DRAINED");
    }

    @Test
    void givenProblems_whenTurnedIntoMessages_thenTheDetailIsOneLine() {
        Api api = context(Map.of("TASMAN_URL", "http://a", "TASMAN_TOKEN", "t")).api();

        assertThat(api.refusal(404, "{\"title\":\"Not Found\",\"detail\":\"There is no project 'x'.\"}"))
                .hasMessage("There is no project 'x'.").extracting(Api.Refusal::status).isEqualTo(404);
        assertThat(api.refusal(400, "{\"title\":\"Bad\",\"detail\":\"line one\\n  line two\"}"))
                .hasMessage("line one line two");
        assertThat(api.refusal(409, "{\"title\":\"Conflict\"}")).hasMessage("Conflict");
        assertThat(api.refusal(401, "{\"detail\":\"The token is unknown or revoked\"}"))
                .hasMessage("The token is unknown or revoked. Log in again with `tasman login`.");
        assertThat(api.refusal(502, "<html>Bad gateway</html>"))
                .hasMessage("The server at http://a answered HTTP 502 without saying why; is http://a the Tasman API?");
    }
}
