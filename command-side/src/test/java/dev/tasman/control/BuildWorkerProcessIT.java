package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build workers as real processes: a build over its time limit is killed; a worker killed mid-build is replaced. */
class BuildWorkerProcessIT {

    private static final String[] SETTINGS = {"--tasman.control.builds.timeout=6s"};

    @TempDir
    Path data;

    @TempDir
    Path sources;

    @Test
    void buildOverItsTimeLimitIsStoppedAndFailsSayingSo() throws Exception {
        try (ControlPlaneProcess control = ControlPlaneProcess.start(data, SETTINGS)) {
            String token = Files.readString(data.resolve("admin-token")).trim();
            Api api = new Api(control.url());
            api.post("/v1/projects", token, Api.json(Map.of("name", "slow")));
            String id = deploy(control, token, "slow", Map.of("tasman.json",
                    Api.json(Map.of("buildCommand", "echo waiting; sleep 27.1828"))));

            JsonNode deployment = awaitEnd(api, token, id, Duration.ofSeconds(60));

            assertThat(deployment.get("state").asText()).isEqualTo("FAILED");
            assertThat(deployment.get("failureReason").asText()).contains("took longer than 6 s");
            assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                    .map(c -> c.contains("sleep 27.1828")).orElse(false))).isFalse();
        }
    }

    @Test
    void buildWhoseWorkerIsKilledMidBuildIsClaimedAgainAndCompletes() throws Exception {
        String token;
        String id;
        try (ControlPlaneProcess first = ControlPlaneProcess.start(data, SETTINGS)) {
            token = Files.readString(data.resolve("admin-token")).trim();
            Api api = new Api(first.url());
            api.post("/v1/projects", token, Api.json(Map.of("name", "retried")));
            id = deploy(first, token, "retried", Map.of("tasman.json", Api.json(Map.of(
                    "buildCommand", "echo attempt; sleep 3; mkdir -p out; echo done > out/index.html",
                    "outputDirectory", "out"))));
            awaitLog(api, token, id, "attempt", 1);
            first.kill();
        }

        try (ControlPlaneProcess second = ControlPlaneProcess.start(data, SETTINGS)) {
            Api api = new Api(second.url());
            JsonNode deployment = awaitEnd(api, token, id, Duration.ofSeconds(90));

            assertThat(deployment.get("state").asText()).isEqualTo("BUILT");
            awaitLog(api, token, id, "attempt", 2);
        }
    }

    @Test
    void twoControlPlanesOnOneDatabaseNeverBuildTheSameDeploymentTwice(@TempDir Path other) throws Exception {
        dev.tasman.embedded.LocalPostgres postgres = dev.tasman.embedded.LocalPostgres.startThrowaway();
        String database = "--tasman.control.database.url=" + postgres.ensureDatabase("shared");
        // instances sharing build work share their storage (sources, origin) and the secrets key
        String storage = "--tasman.control.storage-directory=" + data.resolve("storage");
        String key = "--tasman.control.secrets-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        try (ControlPlaneProcess first = ControlPlaneProcess.start(data, SETTINGS[0], database, storage, key);
             ControlPlaneProcess second = ControlPlaneProcess.start(other, SETTINGS[0], database, storage, key)) {
            String token = Files.readString(data.resolve("admin-token")).trim();
            Api api = new Api(first.url());
            api.post("/v1/projects", token, Api.json(Map.of("name", "shared")));
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(deploy(i % 2 == 0 ? first : second, token, "shared", Map.of("tasman.json", Api.json(Map.of(
                        "buildCommand", "sleep 0.5; mkdir -p out; echo " + i + " > out/index.html",
                        "outputDirectory", "out")))));
            }

            for (String id : ids) {
                assertThat(awaitEnd(api, token, id, Duration.ofSeconds(90)).get("state").asText()).isEqualTo("BUILT");
                try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("shared"));
                     var claims = c.prepareStatement("select count(*) from domainevententry where aggregateidentifier = ?"
                             + " and payloadtype = 'dev.tasman.api.deployment.BuildClaimed'")) {
                    claims.setString(1, id);
                    var rs = claims.executeQuery();
                    rs.next();
                    assertThat(rs.getInt(1)).as("claims of " + id).isEqualTo(1);
                }
            }
        } finally {
            postgres.close();
        }
    }

    private String deploy(ControlPlaneProcess control, String token, String project, Map<String, String> files)
            throws Exception {
        return Builds.deployArchive(new Api(control.url()), token, project,
                SourceTrees.write(Files.createTempDirectory(sources, project), files));
    }

    private static JsonNode awaitEnd(Api api, String token, String id, Duration wait) throws InterruptedException {
        return Builds.awaitEnd(api, token, id, wait);
    }

    private static void awaitLog(Api api, String token, String id, String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String log = api.get("/v1/deployments/" + id + "/logs?follow=false", token).body();
            if (log.split("stdout " + text, -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'" + text + "' not logged " + times + " time(s) for " + id);
    }
}
