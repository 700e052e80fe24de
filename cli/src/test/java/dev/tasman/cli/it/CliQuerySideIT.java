package dev.tasman.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code logs}, {@code audit} and {@code replay} against the packaged control plane and the packaged query
 * side on one PostgreSQL and one Elasticsearch, started once for the class (no edges: deployments build and
 * wait); the query side found from the control plane's
 * {@code GET /v1/platform} or given with {@code login --query-url}. Each command runs as a child process.
 */
class CliQuerySideIT {

    private static Path root;
    private static Platform platform;
    private static Cli admin;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("tasman-cli-query-it-");
        platform = Platform.withQuerySide(root);
        admin = new Cli(Files.createDirectories(root.resolve("admin-config")));
        Cli.Result login = admin.input(platform.adminToken() + "\n", "login", "--url", platform.controlUrl(),
                "--query-url", platform.queryUrl(), "--token-stdin");
        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Query side: " + platform.queryUrl() + ".");
        Platform.Response created = platform.api("POST", "/v1/projects", Map.of("name", "ledger"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void givenAProject_whenAuditingIt_thenItsEventsAreListed() throws Exception {
        Cli.Result[] audit = new Cli.Result[1];
        // the query side learns the project's name from the event store a moment after it is created
        Platform.await("audit --project ledger", Duration.ofSeconds(30), () -> {
            audit[0] = run(admin, "audit", "--project", "ledger");
            return audit[0].code() == 0;
        });

        assertThat(audit[0].err()).isEmpty();
        assertThat(audit[0].out().lines().findFirst().orElseThrow())
                .matches("POSITION +TIME +TYPE +AGGREGATE +ACTOR +PAYLOAD");
        assertThat(audit[0].out()).contains("ProjectCreated").containsPattern("prj_[0-9a-f]+")
                .contains("\"name\":\"ledger\"");
    }

    @Test
    void givenAProject_whenAuditingAsJsonLines_thenEachLineIsOneJsonEvent() throws Exception {
        Platform.await("the project known to the query side", Duration.ofSeconds(30),
                () -> run(admin, "audit", "--project", "ledger").code() == 0);

        Cli.Result jsonl = admin.run("audit", "--project", "ledger", "--jsonl");

        assertThat(jsonl.code()).as(jsonl.toString()).isZero();
        List<String> lines = jsonl.out().lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = Platform.JSON.readTree(line);
            assertThat(event.path("position").isIntegralNumber()).as(line).isTrue();
            assertThat(event.path("aggregateId").asText()).as(line).startsWith("prj_");
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"ProjectCreated\""));
    }

    @Test
    void givenALoginWithoutQueryUrl_whenAuditing_thenTheQuerySideIsFoundFromTheControlPlane() throws Exception {
        Cli cli = new Cli(Files.createDirectories(root.resolve("discovery-config")));
        Cli.Result login = cli.input(platform.adminToken() + "\n", "login", "--url", platform.controlUrl(),
                "--token-stdin");
        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(Files.readString(root.resolve("discovery-config/tasman/config.json"))).doesNotContain("queryUrl");

        Cli.Result audit = cli.run("audit", "--limit", "1", "--json");

        assertThat(audit.code()).as(audit.toString()).isZero();
        assertThat(Platform.JSON.readTree(audit.out()).path("items")).hasSize(1);
    }

    @Test
    void givenTheDashboard_whenReplayingIt_thenItFinishesAndReportsTheNewGeneration() throws Exception {
        int before = platform.query("/v1/admin/replay/dashboard").json().path("activeGeneration").asInt();

        Cli.Result replay = admin.run("replay", "dashboard");

        assertThat(replay.code()).as(replay.toString()).isZero();
        assertThat(replay.err()).isEmpty();
        assertThat(replay.out().lines().toList().getLast())
                .matches("Replayed dashboard: generation \\d+ serves now, rebuilt up to event \\d+ in .*\\.");
        JsonNode status = platform.query("/v1/admin/replay/dashboard").json();
        assertThat(status.path("state").asText()).isEqualTo("FINISHED");
        assertThat(status.path("activeGeneration").asInt()).isGreaterThan(before);
        assertThat(replay.out()).contains("generation " + status.path("activeGeneration").asInt() + " serves now");
    }

    @Test
    void givenAnUnknownReadModel_whenReplaying_thenTheApiNamesTheKnownOnesOnOneLine() throws Exception {
        Cli.Result replay = admin.run("replay", "dashbord");

        assertThat(replay.code()).as(replay.toString()).isEqualTo(1);
        assertThat(replay.errLines()).singleElement().asString().contains("dashbord").contains("dashboard");
        assertThat(replay.out()).isEmpty();
    }

    @Test
    void givenDeployments_whenShowingAndFollowingLogs_thenTimelineOldestFirstAndEachNewLineOnce() throws Exception {
        String site = Platform.home().resolve("examples/static-site").toString();
        String first = deploy(site);
        Cli.Result[] logs = new Cli.Result[1];
        // the query side indexes the events into Elasticsearch a moment after they happen
        Platform.await("the first build's timeline", Duration.ofSeconds(120), () -> {
            logs[0] = run(admin, "logs", "--deployment", first);
            return logs[0].code() == 0 && logs[0].out().contains("build succeeded");
        });
        List<String> lines = logs[0].out().lines().toList();
        assertThat(lines.getFirst()).contains("timeline").endsWith("build queued for a production deployment from "
                + "an uploaded archive");
        assertThat(lines.stream().filter(line -> line.contains("build succeeded")).findFirst().orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  timeline +build succeeded: \\d+ files, \\d+ bytes");
        JsonNode timeline = Platform.JSON.readTree(admin.run("logs", "-d", first, "-k", "timeline", "--json").out());
        assertThat(timeline.path("items").findValuesAsText("kind")).isNotEmpty().containsOnly("timeline");

        Cli.Running follow = admin.start("", "logs", "--project", "ledger", "--follow");
        follow.awaitOutput("build succeeded");
        deploy(site);
        follow.awaitOutput("the second build's timeline", text -> count(text, "build succeeded") == 2);
        follow.interrupt();
        Cli.Result followed = follow.await();

        List<String> shown = followed.out().lines().toList();
        assertThat(shown).as(followed.toString()).doesNotHaveDuplicates();
        assertThat(count(followed.out(), "build queued")).as(followed.toString()).isEqualTo(2);
    }

    @Test
    void givenBadInput_whenRunningQueryCommands_thenOneLineAndTheRightExitCode() throws Exception {
        assertOneLine(admin.run("audit", "--from", "yesterday"), 2, "'yesterday' is not a time");
        assertOneLine(admin.run("audit", "--from", "2025-12-02", "--to", "2025-12-01"), 2, "--from");
        assertOneLine(admin.run("audit", "--json", "--jsonl"), 2, "not both");
        assertOneLine(admin.run("audit", "--limt", "5"), 2, "'--limt'");
        assertOneLine(admin.run("logs", "--since", "5 minutes"), 2, "is not a duration");
        assertOneLine(admin.run("logs", "--kind", "builds"), 2, "--kind");
        assertOneLine(admin.run("replay"), 2, "READMODEL");
        assertOneLine(admin.run("audit", "--project", "no-such-project"), 1, "no-such-project");
        assertOneLine(admin.run("audit", "--type", "Not A Type!"), 1, "type");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertOneLine(admin.with("TASMAN_QUERY_URL", "http://127.0.0.1:" + closed).run("audit"), 1,
                "Cannot reach the Tasman query side at http://127.0.0.1:" + closed + ": connection refused.");
        assertOneLine(new Cli(Files.createDirectories(root.resolve("nobody-config"))).run("audit"), 1,
                "Not logged in");
    }

    /** Uploads {@code site} to project ledger without following it; its deployment id. */
    private static String deploy(String site) throws IOException, InterruptedException {
        Cli.Result deployed = admin.run("deploy", site, "--project", "ledger", "--no-follow");
        assertThat(deployed.code()).as(deployed.toString()).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("tasman status (dpl_[0-9a-f]+)").matcher(deployed.out());
        assertThat(id.find()).as(deployed.toString()).isTrue();
        return id.group(1);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static void assertOneLine(Cli.Result result, int code, String part) {
        assertThat(result.code()).as(result.toString()).isEqualTo(code);
        assertThat(result.errLines()).as(result.toString()).singleElement().asString().contains(part);
    }

    private static Cli.Result run(Cli cli, String... args) {
        try {
            return cli.run(args);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
