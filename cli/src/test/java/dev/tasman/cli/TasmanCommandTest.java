package dev.tasman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.cli.shared.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and the one line on stderr, run in-process. The few API answers these need come from a
 * loopback HTTP server that answers like the control plane's error handling does (the real platform is
 * exercised by the *IT tests).
 */
class TasmanCommandTest {

    @TempDir
    Path config;

    private LoopbackApi api;
    private List<String> requests;

    @BeforeEach
    void startApi() throws IOException {
        api = new LoopbackApi();
        requests = api.requests;
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private String url() {
        return api.url();
    }

    private LoopbackApi.Result run(Map<String, String> env, String stdin, String... args) {
        return LoopbackApi.run(config, env, stdin, args);
    }

    private LoopbackApi.Result run(String... args) {
        return run(Map.of(), "", args);
    }

    private LoopbackApi.Result loggedIn(String... args) {
        return run(Map.of("TASMAN_URL", url(), "TASMAN_TOKEN", "tsm_test"), "", args);
    }

    @Test
    void givenHelpOrVersion_whenRun_thenTheyPrintAndExit0() {
        assertThat(run("--help")).satisfies(r -> {
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: tasman", "deploy", "rollback", "edges");
        });
        assertThat(run("deploy", "--help").out()).contains("--cancel-on-interrupt", "--preview", "DIR");
        assertThat(run("edges", "drain", "--help").out()).contains("--reason");
        assertThat(run("--version").out()).startsWith("tasman ");
        assertThat(run().code()).as("tasman alone shows what it can do").isZero();
    }

    @Test
    void givenAWrongCommandLine_whenRun_thenOneLineOnStderrAndExit2() {
        LoopbackApi.Result unknown = run("projects", "list", "--bogus");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly("Unknown option: '--bogus'. See `tasman projects list --help`.");
        assertThat(unknown.out()).isEmpty();

        assertThat(run("projects", "show").errLines())
                .containsExactly("Missing required parameter: 'NAME'. See `tasman projects show --help`.");
        assertThat(run("projects").errLines())
                .containsExactly("Missing subcommand: tasman projects create|list|show. See `tasman projects --help`.");
        assertThat(run("deploy", "--prjoect", "x").errLines()).singleElement().asString()
                .startsWith("Unknown option: '--prjoect'. Did you mean --project");
        assertThat(run("deploy", "--prod", "--preview", "-p", "x").code()).isEqualTo(2);
        assertThat(run("status").code()).isEqualTo(2);
        assertThat(run(Map.of(), "tsm_x\n", "login", "--url", "127.0.0.1:7070", "--token-stdin")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("'127.0.0.1:7070' is not the URL of a Tasman API: give one "
                    + "like http://127.0.0.1:7070.");
        });
        assertThat(run("projets").errLines()).singleElement().asString().contains("Did you mean projects");
    }

    @Test
    void givenNoLogin_whenACommandNeedsTheApi_thenNotLoggedInAndExit1() {
        LoopbackApi.Result result = run("projects", "list");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "Not logged in: run `tasman login` or set TASMAN_URL and TASMAN_TOKEN.");
    }

    @Test
    void givenNothingListening_whenACommandCallsTheApi_thenCannotReachAndExit1() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        LoopbackApi.Result result = run(Map.of("TASMAN_URL", "http://127.0.0.1:" + closed, "TASMAN_TOKEN", "t"), "", "whoami");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("Cannot reach the Tasman API at http://127.0.0.1:" + closed
                + ": connection refused.");
    }

    @Test
    void givenARefusal_whenTheApiAnswersAProblem_thenItsDetailAndExit1() {
        LoopbackApi.Result result = loggedIn("projects", "show", "missing");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("No such thing here.");
        assertThat(requests).singleElement().asString().startsWith("GET /v1/projects/missing Bearer tsm_test");
    }

    @Test
    void givenDebug_whenARequestFails_thenTheExchangeAndStackTraceAreShownButNotTheToken() {
        LoopbackApi.Result result = loggedIn("--debug", "projects", "show", "missing");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("> GET " + url() + "/v1/projects/missing", "Bearer (redacted)", "< HTTP 404",
                "No such thing here.", "\tat dev.tasman.cli").doesNotContain("tsm_test");
    }

    @Test
    void givenAnUnexpectedError_whenRun_thenOneLineWithoutStackTrace() {
        StringWriter err = new StringWriter();
        Context context = new Context(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), null);

        int code = new Errors(context).handleExecutionException(new IllegalStateException("boom"), null, null);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("tasman failed unexpectedly: "
                + "java.lang.IllegalStateException: boom. Run it again with --debug for the details.");
    }

    @Test
    void givenATokenOnStdin_whenLoggingIn_thenItIsCheckedAndSavedPrivately() throws IOException {
        api.answer("GET /v1/whoami", 200, "{\"subject\":\"ada\",\"kind\":\"USER\",\"tokenId\":\"tok_1\"}");

        LoopbackApi.Result result = run(Map.of(), "tsm_typed\n", "login", "--url", url(), "--token-stdin");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Logged in to " + url() + " as ada (user token).");
        assertThat(requests).singleElement().asString().contains("Bearer tsm_typed");
        Path saved = config.resolve("tasman/config.json");
        assertThat(Files.readString(saved)).contains("\"token\":\"tsm_typed\"", "\"url\":\"" + url() + "\"");

        LoopbackApi.Result whoami = run("whoami");
        assertThat(whoami.out()).isEqualTo("ada (user token tok_1) at " + url() + "\n");
    }

    @Test
    void givenARefusedToken_whenLoggingIn_thenNothingIsSaved() {
        api.answer("GET /v1/whoami", 401, "{\"title\":\"Unauthorized\",\"detail\":\"Unknown token.\"}");

        LoopbackApi.Result result = run(Map.of(), "tsm_wrong\n", "login", "--url", url(), "--token-stdin");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(url() + " refused the token: nothing was saved.");
        assertThat(config.resolve("tasman/config.json")).doesNotExist();
        assertThat(run(Map.of(), "", "login", "--url", url()).errLines()).as("no terminal, no --token-stdin")
                .containsExactly("No terminal to ask for the token on: pipe it in with `tasman login --token-stdin`.");
    }

    @Test
    void givenAValueOnStdin_whenSettingAVariable_thenItIsSentButNeverPrintedOrTraced() {
        api.answer("PUT /v1/projects/shop/env/API_KEY", 200, "{\"name\":\"API_KEY\"}");

        LoopbackApi.Result result = run(Map.of("TASMAN_URL", url(), "TASMAN_TOKEN", "t"), "s3cret-value\n", "--debug", "env",
                "set", "API_KEY", "-p", "shop");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(requests).singleElement().asString().endsWith("{\"value\":\"s3cret-value\"}");
        assertThat(result.out() + result.err()).doesNotContain("s3cret").contains("body redacted");
    }
}
