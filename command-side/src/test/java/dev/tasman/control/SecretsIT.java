package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.Json;
import dev.tasman.api.project.SealedSecret;
import dev.tasman.control.secrets.SecretBox;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecretsIT extends RunningControlPlane {

    @Autowired
    SecretBox secrets;

    @Test
    void variableValueIsEncryptedInTheEventAndNeverReturnedOrLogged(CapturedOutput output) throws Exception {
        String name = unique("secretive");
        String projectId = createProject(name, adminToken());
        String value = "pa55-" + System.nanoTime() + "-do-not-leak";

        Api.Response set = api().put("/v1/projects/" + name + "/env/DATABASE_PASSWORD", adminToken(),
                Api.json(Map.of("value", value)));

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(value);
        assertThat(api().get("/v1/projects/" + name + "/env", adminToken()).body())
                .contains("DATABASE_PASSWORD").doesNotContain(value);
        assertThat(api().get("/v1/projects/" + name + "/env/DATABASE_PASSWORD", adminToken()).json().has("value"))
                .isFalse();
        assertThat(api().get("/v1/projects/" + name, adminToken()).body()).doesNotContain(value);
        assertThat(api().get("/v1/projects/" + name + "/events", adminToken()).body()).doesNotContain(value);

        String stored = jdbc.queryForObject("select payload from domainevententry where aggregateidentifier = ? "
                + "and payloadtype like '%EnvironmentVariableSet'", String.class, projectId);
        assertThat(stored).doesNotContain(value);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where payload like ? or metadata like ?",
                Integer.class, "%" + value + "%", "%" + value + "%")).isZero();
        // It is a real encryption of the value: the platform's key opens it, bound to this variable.
        SealedSecret sealed = Json.mapper().treeToValue(Json.mapper().readTree(stored).get("value"), SealedSecret.class);
        assertThat(secrets.open(projectId, "DATABASE_PASSWORD", sealed)).isEqualTo(value);

        assertThat(output.getAll()).doesNotContain(value);
    }

    @Test
    void removedVariableIsGoneAndUnknownOneIs404() {
        String name = unique("vars");
        createProject(name, adminToken());
        api().put("/v1/projects/" + name + "/env/TOKEN", adminToken(), Api.json(Map.of("value", "x")));

        assertThat(api().delete("/v1/projects/" + name + "/env/TOKEN", adminToken()).status()).isEqualTo(204);
        assertThat(api().get("/v1/projects/" + name + "/env/TOKEN", adminToken()).status()).isEqualTo(404);
        assertThat(api().delete("/v1/projects/" + name + "/env/TOKEN", adminToken()).status()).isEqualTo(404);
    }

    @Test
    void keyAndAdminTokenFilesAreReadableByTheirOwnerOnly() throws Exception {
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        assertThat(Files.getPosixFilePermissions(DATA.resolve("admin-token"))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(DATA.resolve("keys/secrets.key"))).isEqualTo(ownerOnly);
    }
}
