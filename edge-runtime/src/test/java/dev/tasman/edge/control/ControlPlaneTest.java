package dev.tasman.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.edge.testing.FakeControlPlane;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlPlaneTest {

    final FakeControlPlane fake = new FakeControlPlane();
    final Backoff quick = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 3);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void givenAConflict_whenAcknowledging_thenTheReplyCarriesTheProblemDetailAndIsNotRetried() throws Exception {
        fake.acknowledgementStatus(409);
        ControlPlane controlPlane = new ControlPlane(URI.create(fake.url() + "/"), FakeControlPlane.TOKEN, "syd",
                quick);

        ControlPlane.Reply reply = controlPlane.acknowledge(new EdgeAcknowledgement("dpl_1", "sha256:00"));

        assertThat(reply.accepted()).isFalse();
        assertThat(reply.detail()).isEqualTo("this edge is not required for dpl_1");
        assertThat(fake.count("POST /v1/edge/acknowledgements")).isEqualTo(1);
    }

    @Test
    void givenAWrongToken_whenFetchingAManifest_thenRefusedWithTheDetail() {
        ControlPlane controlPlane = new ControlPlane(fake.url(), "wrong", "syd", quick);

        assertThatThrownBy(() -> controlPlane.manifest("dpl_1")).isInstanceOf(ControlPlane.Refused.class)
                .hasMessage("HTTP 401: no valid edge token");
    }

    @Test
    void givenNoControlPlane_whenCalling_thenUnavailableAfterTheAttempts() {
        ControlPlane controlPlane = new ControlPlane(URI.create("http://127.0.0.1:1"), FakeControlPlane.TOKEN, "syd",
                quick);

        assertThatThrownBy(controlPlane::ready).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void givenBodiesOfAllKinds_whenReadAsProblems_thenTheMostUsefulText() {
        assertThat(ControlPlane.detail(409, "{\"title\":\"Conflict\",\"detail\":\"drained\"}".getBytes(
                StandardCharsets.UTF_8))).isEqualTo("drained");
        assertThat(ControlPlane.detail(404, "{\"title\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Not Found");
        assertThat(ControlPlane.detail(502, "Bad gateway".getBytes(StandardCharsets.UTF_8))).isEqualTo("Bad gateway");
        assertThat(ControlPlane.detail(500, new byte[0])).isEqualTo("HTTP 500");
    }

    @Test
    void givenAToken_whenPrinted_thenItIsNotShown() {
        assertThat(new ControlPlane(fake.url(), FakeControlPlane.TOKEN, "syd", quick).toString())
                .doesNotContain(FakeControlPlane.TOKEN);
    }
}
