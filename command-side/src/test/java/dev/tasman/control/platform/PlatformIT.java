package dev.tasman.control.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.control.Api;
import dev.tasman.control.RunningControlPlane;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/platform} on the running control plane, with no query side configured. */
class PlatformIT extends RunningControlPlane {

    @Test
    void givenAPersonsToken_whenAskingForThePlatform_thenTheQueryUrlIsNullAndTheEdgeDomainIsLocalhost() {
        Api.Response response = api().get("/v1/platform", userToken(unique("reader")));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().has("queryUrl")).as("null is written, not left out: " + response).isTrue();
        assertThat(response.json().get("queryUrl").isNull()).as(response.toString()).isTrue();
        assertThat(response.json().get("edgeDomain").asText()).isEqualTo("localhost");
    }

    @Test
    void givenNoToken_whenAskingForThePlatform_thenItAnswers401WithAProblem() {
        Api.Response response = api().send("GET", "/v1/platform", null, null, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains("needs a token");
    }
}
