package dev.tasman.control.edge;

import static dev.tasman.control.shared.RefusalMatchers.kind;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tasman.api.edge.ActivateEdge;
import dev.tasman.api.edge.DrainEdge;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.edge.ReactivateEdge;
import dev.tasman.api.edge.RegisterEdge;
import dev.tasman.control.shared.Refused;
import dev.tasman.control.shared.Refused.Kind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import dev.tasman.api.edge.EdgeHoldingsReported;
import dev.tasman.api.edge.HeldDeployment;
import dev.tasman.api.edge.ReportHoldings;
import dev.tasman.control.deployment.DeploymentsToHold;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeTest {

    private static final String URL = "https://syd.edge.example.com";

    private static final String DIGEST_A = "sha256:" + "a".repeat(64);
    private static final String DIGEST_B = "sha256:" + "b".repeat(64);

    private FixtureConfiguration<Edge> fixture;
    /** Live and in-flight deployments, as the deployment view would answer. */
    private final List<String> mustHold = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Edge.class);
        fixture.registerInjectableResource((DeploymentsToHold) () -> List.copyOf(mustHold));
    }

    // --- register ---------------------------------------------------------------------------------

    @Test
    void givenNoEdge_whenRegisterEdge_thenEdgeRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEdge("syd", "ap-southeast-2", URL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeRegistered("syd", "ap-southeast-2", URL));
    }

    @Test
    void givenNoEdge_whenRegisterEdgeWithPlainHttpUrlAndPort_thenEdgeRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEdge("local-1", "local", "http://localhost:8081"))
                .expectEvents(new EdgeRegistered("local-1", "local", "http://localhost:8081"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Syd", "1syd", "-syd", "syd_1", "a23456789012345678901234567890123"})
    void givenNoEdge_whenRegisterEdgeWithBadId_thenRefusedAsInvalid(String edgeId) {
        fixture.givenNoPriorActivity()
                .when(new RegisterEdge(edgeId, "ap-southeast-2", URL))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString(
                        "'id' must be 1-32 lowercase letters, digits or hyphens, starting with a letter"))
                .expectNoEvents();
    }

    @Test
    void givenNoEdge_whenRegisterEdgeWithoutId_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEdge(null, "ap-southeast-2", URL))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'id' is required"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://syd.edge.example.com", "syd.edge.example.com", "https://", "https://exa mple.com",
            "mailto:ops@example.com"})
    void givenNoEdge_whenRegisterEdgeWithBadUrl_thenRefusedAsInvalid(String url) {
        fixture.givenNoPriorActivity()
                .when(new RegisterEdge("syd", "ap-southeast-2", url))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(
                        containsString("'url' must be an http(s) URL such as https://syd.edge.example.com"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AP-SOUTHEAST-2", "ap_southeast_2", "ap-southeast-", "ap southeast"})
    void givenNoEdge_whenRegisterEdgeWithBadRegion_thenRefusedAsInvalid(String region) {
        fixture.givenNoPriorActivity()
                .when(new RegisterEdge("syd", region, URL))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'region' must be a region name such as ap-southeast-2"))
                .expectNoEvents();
    }

    // --- activate ---------------------------------------------------------------------------------

    @Test
    void givenJoiningEdge_whenActivateEdge_thenEdgeActivated() {
        fixture.given(registered())
                .when(new ActivateEdge("syd"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeActivated("syd"));
    }

    @Test
    void givenJoiningEdgeHoldingEveryLiveDeployment_whenActivateEdge_thenEdgeActivated() {
        mustHold.addAll(List.of("dpl_a", "dpl_b"));

        fixture.given(registered(), new EdgeHoldingsReported("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A),
                        new HeldDeployment("dpl_b", DIGEST_B), new HeldDeployment("dpl_old", DIGEST_B))))
                .when(new ActivateEdge("syd"))
                .expectEvents(new EdgeActivated("syd"));
    }

    @Test
    void givenJoiningEdgeMissingALiveDeployment_whenActivateEdge_thenRefusedNamingIt() {
        mustHold.addAll(List.of("dpl_a", "dpl_b"));

        fixture.given(registered(), new EdgeHoldingsReported("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A))))
                .when(new ActivateEdge("syd"))
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Edge 'syd' does not hold every live deployment yet (missing dpl_b);"
                        + " report holdings once it has fetched them."))
                .expectNoEvents();
    }

    // --- holdings ---------------------------------------------------------------------------------

    @Test
    void givenRegisteredEdge_whenReportHoldings_thenHoldingsReportedSortedById() {
        fixture.given(registered())
                .when(new ReportHoldings("syd", List.of(new HeldDeployment("dpl_b", DIGEST_B),
                        new HeldDeployment("dpl_a", DIGEST_A))))
                .expectEvents(new EdgeHoldingsReported("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A),
                        new HeldDeployment("dpl_b", DIGEST_B))));
    }

    @Test
    void givenSameHoldingsReported_whenReportHoldingsAgain_thenNothingHappens() {
        fixture.given(registered(), new EdgeHoldingsReported("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A))))
                .when(new ReportHoldings("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenHoldings_whenReportHoldingsWithoutOne_thenEvictionIsRecorded() {
        fixture.given(registered(), new EdgeHoldingsReported("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A),
                        new HeldDeployment("dpl_b", DIGEST_B))))
                .when(new ReportHoldings("syd", List.of(new HeldDeployment("dpl_b", DIGEST_B))))
                .expectEvents(new EdgeHoldingsReported("syd", List.of(new HeldDeployment("dpl_b", DIGEST_B))));
    }

    @Test
    void givenRegisteredEdge_whenReportHoldingsListingOneTwice_thenRefusedAsInvalid() {
        fixture.given(registered())
                .when(new ReportHoldings("syd", List.of(new HeldDeployment("dpl_a", DIGEST_A),
                        new HeldDeployment("dpl_a", DIGEST_A))))
                .expectException(kind(Kind.INVALID))
                .expectNoEvents();
    }

    @Test
    void givenRegisteredEdge_whenReportHoldingsWithABadDigest_thenRefusedAsInvalid() {
        fixture.given(registered())
                .when(new ReportHoldings("syd", List.of(new HeldDeployment("dpl_a", "md5:abc"))))
                .expectException(kind(Kind.INVALID))
                .expectNoEvents();
    }

    @Test
    void givenActiveEdge_whenActivateEdge_thenNothingHappens() {
        fixture.given(registered(), new EdgeActivated("syd"))
                .when(new ActivateEdge("syd"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenDrainedEdge_whenActivateEdge_thenRefusedAsConflict() {
        fixture.given(registered(), new EdgeActivated("syd"), new EdgeDrained("syd", "maintenance"))
                .when(new ActivateEdge("syd"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Edge 'syd' is drained; reactivate it before it can become active."))
                .expectNoEvents();
    }

    @Test
    void givenReactivatedEdge_whenActivateEdge_thenEdgeActivated() {
        fixture.given(registered(), new EdgeDrained("syd", "maintenance"), new EdgeReactivated("syd"))
                .when(new ActivateEdge("syd"))
                .expectEvents(new EdgeActivated("syd"));
    }

    // --- drain ------------------------------------------------------------------------------------

    @Test
    void givenActiveEdge_whenDrainEdge_thenEdgeDrainedWithReason() {
        fixture.given(registered(), new EdgeActivated("syd"))
                .when(new DrainEdge("syd", "kernel upgrade"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeDrained("syd", "kernel upgrade"));
    }

    @Test
    void givenJoiningEdge_whenDrainEdgeWithoutReason_thenEdgeDrainedWithDefaultReason() {
        fixture.given(registered())
                .when(new DrainEdge("syd", null))
                .expectEvents(new EdgeDrained("syd", "drained by an operator"));
    }

    @Test
    void givenActiveEdge_whenDrainEdgeWithBlankReason_thenEdgeDrainedWithDefaultReason() {
        fixture.given(registered(), new EdgeActivated("syd"))
                .when(new DrainEdge("syd", "  "))
                .expectEvents(new EdgeDrained("syd", "drained by an operator"));
    }

    @Test
    void givenDrainedEdge_whenDrainEdgeAgain_thenNothingHappens() {
        fixture.given(registered(), new EdgeDrained("syd", "maintenance"))
                .when(new DrainEdge("syd", "still maintenance"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- reactivate -------------------------------------------------------------------------------

    @Test
    void givenDrainedEdge_whenReactivateEdge_thenEdgeReactivated() {
        fixture.given(registered(), new EdgeActivated("syd"), new EdgeDrained("syd", "maintenance"))
                .when(new ReactivateEdge("syd"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeReactivated("syd"));
    }

    @Test
    void givenActiveEdge_whenReactivateEdge_thenNothingHappens() {
        fixture.given(registered(), new EdgeActivated("syd"))
                .when(new ReactivateEdge("syd"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenJoiningEdge_whenReactivateEdge_thenNothingHappens() {
        fixture.given(registered())
                .when(new ReactivateEdge("syd"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenReactivatedEdge_whenReactivateEdgeAgain_thenNothingHappens() {
        fixture.given(registered(), new EdgeDrained("syd", "maintenance"), new EdgeReactivated("syd"))
                .when(new ReactivateEdge("syd"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static EdgeRegistered registered() {
        return new EdgeRegistered("syd", "ap-southeast-2", URL);
    }
}
