package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Deploying a source tree as a user would (an uploaded .tar.gz) and waiting for its build to end. */
public final class Builds {

    private Builds() {
    }

    /** Uploads {@code root} as a .tar.gz to {@code project}; returns the new deployment's id. */
    public static String deployArchive(Api api, String token, String project, Path root) throws IOException {
        Api.Response created = api.sendBytes("POST", "/v1/projects/" + project + "/deployments", token,
                SourceTrees.tarGz(root), "application/gzip");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.json().get("id").asText();
    }

    /** The deployment once it is neither QUEUED nor BUILDING; fails after {@code wait}. */
    public static JsonNode awaitEnd(Api api, String token, String id, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode deployment;
        do {
            deployment = api.get("/v1/deployments/" + id, token).json();
            String state = deployment.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("BUILDING")) {
                return deployment;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("build of " + id + " did not end within " + wait + ": " + deployment);
    }
}
