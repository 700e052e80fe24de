package dev.tasman.ops.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Project {@code hello}, live with examples/static-site: deployed on the first run, kept as it is after. */
final class HelloSite {

    static final String PROJECT = "hello";

    private HelloSite() {
    }

    /** Returns what happened, for the progress line. */
    static String ensureLive(ControlPlaneApi api, Path home) throws IOException, InterruptedException {
        ControlPlaneApi.Answer project = api.get("/v1/projects/" + PROJECT);
        if (project.status() == 404) {
            ControlPlaneApi.Answer created = api.post("/v1/projects", Map.of("name", PROJECT));
            if (created.status() != 201) {
                throw new IOException("could not create project hello: " + created.detail());
            }
        } else if (project.body().hasNonNull("liveDeploymentId")) {
            return "live: " + project.body().get("liveDeploymentId").asText();
        }
        ControlPlaneApi.Answer deployed = api.upload("/v1/projects/" + PROJECT + "/deployments",
                tarGz(home.resolve("examples/static-site")));
        if (deployed.status() != 202) {
            throw new IOException("could not deploy examples/static-site: " + deployed.detail());
        }
        String id = deployed.body().get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode deployment = api.get("/v1/deployments/" + id).body();
            String state = deployment.path("state").asText();
            switch (state) {
                case "LIVE":
                    return "deployed: " + id;
                case "FAILED", "CANCELLED", "STALLED":
                    throw new IOException("deployment " + id + " of examples/static-site is " + state + ": "
                            + deployment.path("failureReason").asText());
                default:
                    Thread.sleep(200);
            }
        }
        throw new IOException("deployment " + id + " of examples/static-site did not go live within 180 s");
    }

    /** The directory as a .tar.gz, made by the system's tar (as a user would). */
    private static byte[] tarGz(Path directory) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-czf", "-", "-C", directory.toString(), ".").start();
        byte[] archive = tar.getInputStream().readAllBytes();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + new String(tar.getErrorStream().readAllBytes()).trim());
        }
        return archive;
    }
}
