package dev.tasman.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CLI against a real platform: the packaged control plane (with its embedded PostgreSQL and sandboxed
 * builds) and three packaged edges, started once for the class. Every command runs as a child process
 * and is judged by its exit code, stdout and stderr, and deployments by what the edges then serve.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliPlatformIT {

    private static final Pattern DEPLOYMENT = Pattern.compile("Deployment (dpl_[0-9a-f]+) \\(");

    private static Path root;
    private static Platform platform;
    private static Cli admin;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("tasman-cli-it-");
        platform = Platform.start(root);
        admin = new Cli(Files.createDirectories(root.resolve("admin-config")))
                .with("TASMAN_URL", platform.controlUrl()).with("TASMAN_TOKEN", platform.adminToken());
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void loginWithTokenOnStdin_savesIt_andWhoamiUsesIt() throws Exception {
        Path config = Files.createDirectories(root.resolve("login-config"));
        Cli cli = new Cli(config);
        String subject = platform.api("GET", "/v1/whoami", null).json().path("subject").asText();

        Cli.Result login = cli.input(platform.adminToken() + "\n", "login", "--url", platform.controlUrl(),
                "--token-stdin");

        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(login.out())
                .startsWith("Logged in to " + platform.controlUrl() + " as " + subject + " (admin token)");
        Path saved = config.resolve("tasman/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved.getParent())))
                .isEqualTo("rwx------");
        assertThat(login.out() + login.err()).doesNotContain(platform.adminToken());

        Cli.Result whoami = cli.run("whoami");
        assertThat(whoami.code()).as(whoami.toString()).isZero();
        assertThat(whoami.out()).startsWith(subject + " (admin token tok_").contains(platform.controlUrl());

        Cli.Result refused = cli.input("tsm_not-a-real-token\n", "login", "--url", platform.controlUrl(),
                "--token-stdin");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines())
                .containsExactly(platform.controlUrl() + " refused the token: nothing was saved.");
        assertThat(cli.run("whoami").code()).as("the earlier login is kept").isZero();
    }

    @Test
    @Order(2)
    void projectsCreateListShow_asTextAndJson() throws Exception {
        Cli.Result created = admin.run("projects", "create", "shop");
        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.out()).startsWith("Created project shop (prj_");

        Cli.Result list = admin.run("projects", "list", "--json");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(Platform.JSON.readTree(list.out()).path("items").findValuesAsText("name")).contains("shop");

        Cli.Result show = admin.run("projects", "show", "shop", "--json");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(Platform.JSON.readTree(show.out()).path("name").asText()).isEqualTo("shop");
        assertThat(admin.run("projects", "show", "shop").out()).contains("shop", "Live", "none yet");

        Cli.Result again = admin.run("projects", "create", "shop");
        assertThat(again.code()).as(again.toString()).isEqualTo(1);
        assertThat(again.errLines()).hasSize(1);
    }

    @Test
    @Order(3)
    void envSetFromStdin_thenListShowsTheNameAndNeverTheValue() throws Exception {
        String value = "s3cret-" + System.nanoTime();

        Cli.Result set = admin.input(value + "\n", "env", "set", "API_KEY", "--project", "shop");
        assertThat(set.code()).as(set.toString()).isZero();
        assertThat(set.out()).startsWith("Set API_KEY on shop");

        Cli.Result list = admin.run("env", "list", "-p", "shop");
        Cli.Result json = admin.run("env", "list", "-p", "shop", "--json");
        assertThat(list.out()).contains("API_KEY");
        assertThat(Platform.JSON.readTree(json.out()).findValuesAsText("name")).containsExactly("API_KEY");
        for (Cli.Result result : List.of(set, list, json)) {
            assertThat(result.out() + result.err()).doesNotContain(value);
        }

        assertThat(admin.run("env", "rm", "API_KEY", "-p", "shop").code()).isZero();
        assertThat(admin.run("env", "list", "-p", "shop").out()).contains("no environment variables");
    }

    @Test
    @Order(4)
    void domainsAddListRemove() throws Exception {
        assertThat(admin.run("domains", "add", "www.shop.example", "-p", "shop").code()).isZero();
        assertThat(admin.run("domains", "list", "-p", "shop").out().lines()).containsExactly("www.shop.example");

        Cli.Result platformOwn = admin.run("domains", "add", "x.localhost", "-p", "shop");
        assertThat(platformOwn.code()).isEqualTo(1);
        assertThat(platformOwn.errLines()).singleElement().asString().contains("the platform's own");

        assertThat(admin.run("domains", "rm", "www.shop.example", "-p", "shop").code()).isZero();
        assertThat(admin.run("domains", "list", "-p", "shop", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    @Order(5)
    void deployFollowsBuildAndEdgesToLive_thenRollbackServesTheFirstAgain() throws Exception {
        Path v1 = newProject("hello");
        Files.writeString(v1.resolve("notes.txt"), "not for the web");
        Files.writeString(v1.resolve(".tasmanignore"), "notes.txt\n");

        Cli.Result first = admin.run("deploy", v1.toString(), "--project", "hello");
        System.out.println("tasman deploy (v1): " + first); // in target/failsafe-reports/*-output.txt

        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Packed " + v1, "Building", "  | ", "Built in ", "Propagating to 3 edges",
                "Live in ");
        for (Platform.Edge edge : platform.edges()) {
            assertThat(first.out()).contains("  " + edge.id() + "  acknowledged")
                    .contains(edge.id() + "  http://hello.localhost:" + edge.port() + "/");
        }
        String v1Id = deploymentId(first);
        assertServedEverywhere(v1Id, "Hello from Tasman");
        assertThat(Platform.site(platform.edges().getFirst(), "hello.localhost", "/notes.txt").status())
                .as(".tasmanignore kept notes.txt out").isEqualTo(404);

        Path v2 = copySite("v2");
        Files.writeString(v2.resolve("index.html"), Files.readString(v2.resolve("index.html"))
                .replace("Hello from Tasman", "Hello again"));
        Cli.Result second = admin.run("deploy", v2.toString(), "-p", "hello", "--prod");
        assertThat(second.code()).as(second.toString()).isZero();
        String v2Id = deploymentId(second);
        assertServedEverywhere(v2Id, "Hello again");

        Cli.Result status = admin.run("status", "--project", "hello");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).startsWith(v2Id + "  LIVE").contains("3/3 acknowledged", "hello (prj_");
        JsonNode superseded = Platform.JSON.readTree(admin.run("status", v1Id, "--json").out());
        assertThat(superseded.path("state").asText()).isEqualTo("SUPERSEDED");

        Cli.Result rollback = admin.run("rollback", "-p", "hello");
        assertThat(rollback.code()).as(rollback.toString()).isZero();
        assertThat(rollback.out().strip()).isEqualTo("Rolled back hello: " + v1Id + " is live again.");
        assertServedEverywhere(v1Id, "Hello from Tasman");
    }

    @Test
    @Order(6)
    void failingBuild_exits1WithTheReason() throws Exception {
        Path site = newProject("broken");
        Files.writeString(site.resolve("tasman.json"), "{\"buildCommand\": \"echo building; exit 3\"}");

        Cli.Result deploy = admin.run("deploy", site.toString(), "-p", "broken");
        System.out.println("tasman deploy (failing build): " + deploy);

        assertThat(deploy.code()).as(deploy.toString()).isEqualTo(1);
        String id = deploymentId(deploy);
        assertThat(deploy.out()).contains("Building", "building").doesNotContain("Live");
        String reason = platform.api("GET", "/v1/deployments/" + id, null).json().path("failureReason").asText();
        assertThat(reason).isNotBlank();
        assertThat(deploy.errLines()).containsExactly("Deployment " + id + " failed: " + reason
                + (reason.endsWith(".") ? "" : "."));
        assertThat(admin.run("status", "-p", "broken").out()).contains("FAILED", reason);
    }

    @Test
    @Order(7)
    void preview_endsAtReady_thenPromoteMakesItLive() throws Exception {
        Path site = newProject("staged");

        Cli.Result preview = admin.run("deploy", site.toString(), "-p", "staged", "--preview");
        System.out.println("tasman deploy --preview: " + preview);

        assertThat(preview.code()).as(preview.toString()).isZero();
        String id = deploymentId(preview);
        assertThat(preview.out()).contains("Ready", "tasman promote " + id + " --project staged")
                .doesNotContain("Live in");
        assertThat(Platform.site(platform.edges().getFirst(), "staged.localhost", "/").status()).isEqualTo(404);

        Cli.Result promote = admin.run("promote", id, "-p", "staged");
        assertThat(promote.code()).as(promote.toString()).isZero();
        assertThat(promote.out().strip()).isEqualTo("Promoted " + id + ": it is live on staged.");
        Platform.await("staged served by " + id, Duration.ofSeconds(20), () -> platform.edges().stream()
                .allMatch(edge -> id.equals(Platform.site(edge, "staged.localhost", "/")
                        .header("x-tasman-deployment"))));
    }

    @Test
    @Order(8)
    void ctrlC_stopsFollowingButNotTheDeployment_unlessCancelOnInterrupt() throws Exception {
        Path site = newProject("slow");
        Files.writeString(site.resolve("tasman.json"), "{\"buildCommand\": \"sleep 4\"}");

        Cli.Running following = admin.start("", "deploy", site.toString(), "-p", "slow");
        following.awaitOutput("Building");
        following.interrupt();
        Cli.Result interrupted = following.await();

        assertThat(interrupted.code()).as(interrupted.toString()).isEqualTo(130);
        String kept = deploymentId(interrupted);
        assertThat(interrupted.errLines()).containsExactly("Still deploying: tasman status " + kept);
        Platform.await(kept + " LIVE although the CLI stopped", Duration.ofSeconds(60), () -> "LIVE".equals(
                platform.api("GET", "/v1/deployments/" + kept, null).json().path("state").asText()));

        Cli.Running cancelling = admin.start("", "deploy", site.toString(), "-p", "slow", "--cancel-on-interrupt");
        cancelling.awaitOutput("Building");
        cancelling.interrupt();
        Cli.Result cancelled = cancelling.await();

        String id = deploymentId(cancelled);
        assertThat(cancelled.errLines()).as(cancelled.toString()).containsExactly("Cancelled deployment " + id + ".");
        assertThat(platform.api("GET", "/v1/deployments/" + id, null).json().path("state").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    @Order(9)
    void apiRefusals_areTheProblemDetailOnOneLine_andDebugShowsTheExchangeWithoutTheToken() throws Exception {
        Cli.Result missing = admin.run("projects", "show", "nope");
        assertThat(missing.code()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly("There is no project 'nope'.");
        assertThat(missing.out()).isEmpty();

        Cli.Result noDeployment = admin.run("status", "dpl_0000000000000000");
        assertThat(noDeployment.code()).isEqualTo(1);
        assertThat(noDeployment.errLines()).containsExactly("There is no deployment dpl_0000000000000000.");

        Cli.Result debug = admin.run("projects", "show", "nope", "--debug");
        assertThat(debug.code()).isEqualTo(1);
        assertThat(debug.err()).contains("> GET " + platform.controlUrl() + "/v1/projects/nope",
                "Authorization: Bearer (redacted)", "< HTTP 404", "There is no project 'nope'.", "\tat ")
                .doesNotContain(platform.adminToken());
    }

    @Test
    @Order(10)
    void edgesListDrainReactivate() throws Exception {
        Cli.Result list = admin.run("edges", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        for (Platform.Edge edge : platform.edges()) {
            assertThat(list.out()).containsPattern(edge.id() + " .*ACTIVE.*" + edge.url());
        }
        assertThat(Platform.JSON.readTree(admin.run("edges", "list", "--json").out()).findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(Platform.EDGES);

        Cli.Result drain = admin.run("edges", "drain", "sin", "--reason", "maintenance");
        assertThat(drain.code()).as(drain.toString()).isZero();
        assertThat(drain.out()).contains("Drained sin", "DRAINED");

        Cli.Result reactivate = admin.run("edges", "reactivate", "sin");
        assertThat(reactivate.code()).as(reactivate.toString()).isZero();
        assertThat(reactivate.out()).startsWith("Reactivated sin");
        Platform.await("sin ACTIVE again", Duration.ofSeconds(30), () -> "ACTIVE".equals(
                platform.api("GET", "/v1/edges/sin", null).json().path("state").asText()));

        Cli.Result unknown = admin.run("edges", "drain", "nowhere");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.errLines()).containsExactly("There is no edge 'nowhere'.");
    }

    private static String deploymentId(Cli.Result result) {
        Matcher matcher = DEPLOYMENT.matcher(result.out());
        assertThat(matcher.find()).as("a deployment id in: " + result).isTrue();
        return matcher.group(1);
    }

    /** Every edge serves {@code deployment} for hello.localhost, with {@code text} in its home page. */
    private static void assertServedEverywhere(String deployment, String text) throws InterruptedException {
        Platform.await("every edge serving " + deployment, Duration.ofSeconds(20), () -> platform.edges().stream()
                .allMatch(edge -> deployment.equals(Platform.site(edge, "hello.localhost", "/")
                        .header("x-tasman-deployment"))));
        for (Platform.Edge edge : platform.edges()) {
            Platform.Response page = Platform.site(edge, "hello.localhost", "/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(text);
        }
    }

    /** Creates {@code project} with the CLI; returns a copy of examples/static-site to deploy to it. */
    private static Path newProject(String project) throws IOException, InterruptedException {
        Cli.Result created = admin.run("projects", "create", project);
        assertThat(created.code()).as(created.toString()).isZero();
        return copySite(project);
    }

    /** examples/static-site copied, so a test can change it. */
    private static Path copySite(String name) throws IOException {
        Path source = Platform.home().resolve("examples/static-site");
        Path target = root.resolve("sites").resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
