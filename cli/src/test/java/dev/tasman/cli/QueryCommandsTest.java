package dev.tasman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs}, {@code audit} and {@code replay} run in-process: which query side they ask, with which
 * parameters, what they print, and how they fail. One loopback server plays both the control plane and the
 * query side (the real ones are exercised by {@code CliQuerySideIT}).
 */
class QueryCommandsTest {

    @TempDir
    Path config;

    private LoopbackApi api;

    @BeforeEach
    void startApi() throws IOException {
        api = new LoopbackApi();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private LoopbackApi.Result loggedIn(String... args) {
        return LoopbackApi.run(config, Map.of("TASMAN_URL", api.url(), "TASMAN_TOKEN", "tsm_test",
                "TASMAN_QUERY_URL", api.url()), "", args);
    }

    @Test
    void givenFilters_whenShowingLogs_thenTheyAreSentAndLinesPrintOldestFirst() {
        api.answer("GET /v1/logs?project=hello&edge=syd&kind=request,build&q=GET%20%2Fabout&limit=2", 200, """
                {"items":[
                  {"time":"2025-11-22T14:32:06Z","kind":"request","edge":"syd","method":"GET","path":"/about",
                   "status":200,"durationMs":3},
                  {"time":"2025-11-22T14:32:05Z","kind":"build","message":"done"}],
                 "nextCursor":"c2"}""");

        LoopbackApi.Result result = loggedIn("logs", "-p", "hello", "--edge", "syd", "--kind", "request,build",
                "-q", "GET /about", "--limit", "2");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.out().lines().toList().get(0)).endsWith("build           done");
        assertThat(result.out().lines().toList().get(1)).endsWith("syd/request     GET /about 200 3 ms");
        assertThat(api.requests).singleElement().asString().contains("Bearer tsm_test");
    }

    @Test
    void givenJson_whenShowingLogs_thenTheApisAnswerAsItCame() {
        String body = "{\"items\":[],\"nextCursor\":null}";
        api.answer("GET /v1/logs?limit=100", 200, body);

        LoopbackApi.Result result = loggedIn("logs", "--json");

        assertThat(result.out()).isEqualTo(body + "\n");
    }

    @Test
    void givenSince_whenShowingLogs_thenFromIsAnInstantThatLongAgo() {
        loggedIn("logs", "--since", "2h", "--status", "500");

        assertThat(api.requests).singleElement().asString()
                .matches("GET /v1/logs\\?status=500&from=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z&limit=100 .*");
    }

    @Test
    void givenBadLogsArguments_whenRun_thenOneLineAndExit2WithoutAnyRequest() {
        assertUsage(loggedIn("logs", "--since", "5x"), "Invalid value for option '--since': '5x' is not a duration");
        assertUsage(loggedIn("logs", "--since", "1h", "--from", "2025-11-22"), "Give --since or --from, not both.");
        assertUsage(loggedIn("logs", "--follow", "--to", "2025-11-22"), "--follow waits for new lines");
        assertUsage(loggedIn("logs", "--limit", "501"), "--limit must be between 1 and 500, got 501.");
        assertUsage(loggedIn("logs", "--kind", "error"), "--kind");
        assertUsage(loggedIn("logs", "--from", "22/11/2025"), "'22/11/2025' is not a time");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void givenAQuerySideDown_whenShowingLogs_thenItsProblemIsTheOneLine() {
        api.answer("GET /v1/logs?limit=100", 503, "{\"title\":\"Service Unavailable\",\"detail\":\"Elasticsearch "
                + "does not answer; logs are back when it does.\"}");

        LoopbackApi.Result result = loggedIn("logs");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("Elasticsearch does not answer; logs are back when it does.");
    }

    @Test
    void givenAControlPlaneThatKnowsNoQuerySide_whenAuditing_thenTheLineSaysHowToTellIt() {
        api.answer("GET /v1/platform", 200, "{\"queryUrl\":null,\"edgeDomain\":\"localhost\"}");

        LoopbackApi.Result result = LoopbackApi.run(config, Map.of("TASMAN_URL", api.url(), "TASMAN_TOKEN", "t"), "",
                "audit");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("The control plane at " + api.url() + " does not say where "
                + "its query side is: run `tasman login --query-url URL`, or set TASMAN_QUERY_URL.");
    }

    @Test
    void givenALoginWithAQueryUrl_whenAuditing_thenTheSavedQuerySideIsAskedWithTheSameToken() throws IOException {
        api.answer("GET /v1/whoami", 200, "{\"subject\":\"ada\",\"kind\":\"ADMIN\",\"tokenId\":\"tok_1\"}");
        api.answer("GET /v1/audit?type=ProjectCreated&limit=1", 200, """
                {"items":[{"position":7,"timestamp":"2025-11-22T14:00:00Z","aggregateId":"prj_1","type":"ProjectCreated",
                  "payload":{"projectId":"prj_1","name":"hello"},"metadata":{"actor":"ada"}}],"nextAfter":7}""");
        LoopbackApi.Result login = LoopbackApi.run(config, Map.of(), "tsm_saved\n", "login", "--url", api.url(),
                "--query-url", api.url() + "/", "--token-stdin");
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(Files.readString(config.resolve("tasman/config.json"))).contains("\"queryUrl\":\"" + api.url());

        LoopbackApi.Result audit = LoopbackApi.run(config, Map.of(), "", "audit", "--type", "ProjectCreated",
                "--limit", "1");

        assertThat(audit.code()).as(audit.err()).isZero();
        assertThat(audit.out().lines().toList()).hasSize(3);
        assertThat(audit.out().lines().toList().get(1)).startsWith("7 ").contains("ProjectCreated", "prj_1", "ada",
                "{\"name\":\"hello\"}");
        assertThat(audit.out().lines().toList().get(2)).isEqualTo("More: the same with --after 7.");
        assertThat(api.requests).last().asString().startsWith("GET /v1/audit?type=ProjectCreated&limit=1 Bearer tsm_saved");
    }

    @Test
    void givenAReplayAlreadyRunning_whenReplaying_thenThatOneIsFollowedToTheEnd() {
        api.answer("POST /v1/admin/replay/dashboard", 409, "{\"title\":\"Conflict\",\"detail\":\"A replay of "
                + "'dashboard' is already running (generation 5).\"}");
        api.answer("GET /v1/admin/replay/dashboard", 200, "{\"readModel\":\"dashboard\",\"state\":\"FINISHED\","
                + "\"activeGeneration\":5,\"generation\":5,\"positionReached\":812,\"headPosition\":812,"
                + "\"progress\":1.0,\"eventsPerSecond\":1624.0,\"startedAt\":\"2025-11-22T14:00:00Z\","
                + "\"finishedAt\":\"2025-11-22T14:00:00.500Z\"}");

        LoopbackApi.Result result = loggedIn("replay", "dashboard");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "A replay of dashboard is already running (generation 5): following it.",
                "Replayed dashboard: generation 5 serves now, rebuilt up to event 812 in 0.5 s (1,624 events/s).");
    }

    @Test
    void givenBadAuditArguments_whenRun_thenOneLineAndExit2() {
        assertUsage(loggedIn("audit", "--json", "--jsonl"), "Give --json (one page) or --jsonl");
        assertUsage(loggedIn("audit", "--after", "-1"), "--after is a position");
        assertUsage(loggedIn("audit", "--from", "2025-11-23", "--to", "2025-11-22"), "is after --to");
        assertUsage(loggedIn("login", "--query-url", "query:8090", "--token-stdin"), "--query-url: ");
        assertThat(api.requests).isEmpty();
    }

    private static void assertUsage(LoopbackApi.Result result, String part) {
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains(part);
    }
}
