package dev.tasman.control.deployment;

import static dev.tasman.control.shared.RefusalMatchers.kind;
import static dev.tasman.control.shared.RefusalMatchers.field;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tasman.api.deployment.AcknowledgeEdge;
import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.CancelDeployment;
import dev.tasman.api.deployment.ClaimBuild;
import dev.tasman.api.deployment.BuildLogRecorded;
import dev.tasman.api.deployment.RecordBuildLog;
import dev.tasman.api.deployment.LogLine;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.DropRequiredEdge;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.deployment.RecordBuildFailed;
import dev.tasman.api.deployment.RecordBuildSucceeded;
import dev.tasman.api.deployment.RecordPropagationStalled;
import dev.tasman.api.deployment.RequestPropagation;
import dev.tasman.api.deployment.RequiredEdgeDropped;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.deployment.StartBuild;
import dev.tasman.api.edge.EdgeState;
import dev.tasman.control.shared.Refused;
import dev.tasman.control.shared.Refused.Kind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.ReportEdgeSyncFailure;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentTest {

    private static final String DEPLOYMENT = "dpl_00000000000000d1";
    private static final String PROJECT = "prj_00000000000000a1";
    private static final SourceRef SOURCE = new SourceRef("git", "https://github.com/acme/shop", "main",
            "9f2c1e0b7a6d5c4b3a291807f6e5d4c3b2a19080");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);

    private final Map<String, EdgeState> edges = new HashMap<>();
    private FixtureConfiguration<Deployment> fixture;

    @BeforeEach
    void setUp() {
        edges.put("mel", EdgeState.ACTIVE);
        edges.put("syd", EdgeState.ACTIVE);
        fixture = new AggregateTestFixture<>(Deployment.class);
        // Only AcknowledgeEdge asks the directory; a map stands in for the edges' read model.
        fixture.registerInjectableResource((EdgeDirectory) edgeId -> Optional.ofNullable(edges.get(edgeId)));
    }

    // --- start ------------------------------------------------------------------------------------

    @Test
    void givenNoDeployment_whenStartBuild_thenBuildStarted() {
        fixture.givenNoPriorActivity()
                .when(new StartBuild(DEPLOYMENT, PROJECT, DeploymentTarget.PRODUCTION, SOURCE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuildStarted(DEPLOYMENT, PROJECT, DeploymentTarget.PRODUCTION, SOURCE));
    }

    @Test
    void givenNoDeployment_whenStartBuildWithoutProject_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new StartBuild(DEPLOYMENT, " ", DeploymentTarget.PRODUCTION, SOURCE))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'projectId' is required"))
                .expectNoEvents();
    }

    @Test
    void givenNoDeployment_whenStartBuildWithoutTarget_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new StartBuild(DEPLOYMENT, PROJECT, null, SOURCE))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'target' is required"))
                .expectNoEvents();
    }

    @Test
    void givenNoDeployment_whenStartBuildWithoutSource_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new StartBuild(DEPLOYMENT, PROJECT, DeploymentTarget.PREVIEW, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'source' is required"))
                .expectNoEvents();
    }

    // --- claim ------------------------------------------------------------------------------------

    @Test
    void givenQueued_whenClaimBuild_thenBuildClaimedAndTheWorkerGoesAhead() {
        fixture.given(started())
                .when(new ClaimBuild(DEPLOYMENT, "worker-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new BuildClaimed(DEPLOYMENT, PROJECT, "worker-1"));
    }

    @Test
    void givenBuildingWhenItsWorkerDied_whenClaimedAgain_thenItIsARetry() {
        fixture.given(started(), claimed("worker-1"))
                .when(new ClaimBuild(DEPLOYMENT, "worker-2"))
                .expectResultMessagePayload(true)
                .expectEvents(new BuildClaimed(DEPLOYMENT, PROJECT, "worker-2"));
    }

    @Test
    void givenThreeLostAttempts_whenClaimedAgain_thenTheBuildFailsInsteadOfLooping() {
        fixture.given(started(), claimed("worker-1"), claimed("worker-2"), claimed("worker-3"))
                .when(new ClaimBuild(DEPLOYMENT, "worker-4"))
                .expectResultMessagePayload(false)
                .expectEvents(new BuildFailed(DEPLOYMENT, PROJECT, null,
                        "The build was interrupted 3 times (its build worker stopped); giving up.", List.of()));
    }

    @Test
    void givenBuilt_whenClaimBuildIsDeliveredAgain_thenTheWorkerSkipsIt() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new ClaimBuild(DEPLOYMENT, "worker-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenCancelled_whenClaimBuild_thenTheWorkerSkipsIt() {
        fixture.given(started(), new DeploymentCancelled(DEPLOYMENT, PROJECT, "cancelled"))
                .when(new ClaimBuild(DEPLOYMENT, "worker-1"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenBuilding_whenRecordBuildLog_thenLinesRecorded() {
        List<LogLine> lines = List.of(new LogLine(java.time.Instant.EPOCH, "stdout", "hello"));
        fixture.given(started(), claimed("worker-1"))
                .when(new RecordBuildLog(DEPLOYMENT, lines, false))
                .expectEvents(new BuildLogRecorded(DEPLOYMENT, PROJECT, lines, false));
    }

    @Test
    void givenLogTruncated_whenRecordBuildLog_thenNothingMoreIsRecorded() {
        List<LogLine> lines = List.of(new LogLine(java.time.Instant.EPOCH, "stdout", "more"));
        fixture.given(started(), claimed("worker-1"), new BuildLogRecorded(DEPLOYMENT, PROJECT, lines, true))
                .when(new RecordBuildLog(DEPLOYMENT, lines, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRecordBuildLog_thenNothingIsRecorded() {
        List<LogLine> lines = List.of(new LogLine(java.time.Instant.EPOCH, "stdout", "late"));
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RecordBuildLog(DEPLOYMENT, lines, false))
                .expectNoEvents();
    }

    @Test
    void givenQueued_whenClaimBuildWithoutWorker_thenRefusedAsInvalid() {
        fixture.given(started())
                .when(new ClaimBuild(DEPLOYMENT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'worker' is required"))
                .expectNoEvents();
    }

    // --- build succeeded --------------------------------------------------------------------------

    @Test
    void givenBuilding_whenRecordBuildSucceeded_thenBuildSucceeded() {
        fixture.given(started(), claimed("worker-1"))
                .when(new RecordBuildSucceeded(DEPLOYMENT, DIGEST, 42, 123_456L))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuildSucceeded(DEPLOYMENT, PROJECT, DIGEST, 42, 123_456L));
    }

    @Test
    void givenBuilding_whenRecordBuildSucceededWithBadDigest_thenRefusedAsInvalid() {
        fixture.given(started(), claimed("worker-1"))
                .when(new RecordBuildSucceeded(DEPLOYMENT, "sha256:" + "AB".repeat(32), 42, 123_456L))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'manifestDigest' must be sha256:<64 hex digits>"))
                .expectNoEvents();
    }

    @Test
    void givenQueued_whenRecordBuildSucceeded_thenRefusedAsWrongState() {
        fixture.given(started())
                .when(new RecordBuildSucceeded(DEPLOYMENT, DIGEST, 42, 123_456L))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("must be building for that, but it is queued."))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRecordBuildSucceededAgain_thenRefusedAsWrongState() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RecordBuildSucceeded(DEPLOYMENT, DIGEST, 42, 123_456L))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("must be building for that, but it is built."))
                .expectNoEvents();
    }

    // --- build failed -----------------------------------------------------------------------------

    @Test
    void givenBuilding_whenRecordBuildFailed_thenBuildFailed() {
        List<String> log = List.of("npm ERR! missing script: build");

        fixture.given(started(), claimed("worker-1"))
                .when(new RecordBuildFailed(DEPLOYMENT, 1, "build command failed", log))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuildFailed(DEPLOYMENT, PROJECT, 1, "build command failed", log));
    }

    @Test
    void givenQueued_whenRecordBuildFailedWithoutLog_thenBuildFailedWithEmptyLog() {
        fixture.given(started())
                .when(new RecordBuildFailed(DEPLOYMENT, null, "source archive could not be fetched", null))
                .expectEvents(
                        new BuildFailed(DEPLOYMENT, PROJECT, null, "source archive could not be fetched", List.of()));
    }

    @Test
    void givenBuilt_whenRecordBuildFailed_thenRefusedAsWrongState() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RecordBuildFailed(DEPLOYMENT, 1, "too late", List.of()))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Deployment " + DEPLOYMENT + " cannot fail its build: it is built."))
                .expectNoEvents();
    }

    @Test
    void givenFailed_whenRecordBuildFailedAgain_thenRefusedAsWrongState() {
        fixture.given(started(), claimed("worker-1"), failed())
                .when(new RecordBuildFailed(DEPLOYMENT, 1, "again", List.of()))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("cannot fail its build: it is failed."))
                .expectNoEvents();
    }

    @Test
    void givenBuilding_whenRecordBuildFailedWithoutReason_thenRefusedAsInvalid() {
        fixture.given(started(), claimed("worker-1"))
                .when(new RecordBuildFailed(DEPLOYMENT, 1, "", List.of()))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'reason' is required"))
                .expectNoEvents();
    }

    // --- request propagation ----------------------------------------------------------------------

    @Test
    void givenBuilt_whenRequestPropagation_thenPropagationRequestedToSortedDistinctEdges() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, List.of("syd", "mel", "syd")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PropagationRequested(DEPLOYMENT, PROJECT, DIGEST, List.of("mel", "syd")));
    }

    @Test
    void givenBuilt_whenRequestPropagationToNoEdges_thenRefusedAsConflict() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, List.of()))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("There is no active edge to propagate deployment " + DEPLOYMENT
                        + " to. Register an edge first."))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRequestPropagationWithoutEdgeList_thenRefusedAsConflict() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, null))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("There is no active edge"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SYD", "1syd", "syd_1", "syd.edge", "-syd", "s y d"})
    void givenBuilt_whenRequestPropagationToMalformedEdgeId_thenRefusedAsInvalid(String edgeId) {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, List.of("mel", edgeId)))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("requiredEdges"))
                .expectExceptionMessage(
                        equalTo("'requiredEdges' must be edge ids such as syd, got '" + edgeId + "'"))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRequestPropagationToTooLongEdgeId_thenRefusedAsInvalid() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, List.of("s" + "y".repeat(32))))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("requiredEdges"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void givenBuilt_whenRequestPropagationToBlankEdgeId_thenRefusedAsInvalid(String edgeId) {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, List.of("syd", edgeId)))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("requiredEdges"))
                .expectExceptionMessage(containsString("'requiredEdges' is required"))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRequestPropagationWithNullEdgeId_thenRefusedAsInvalid() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, Arrays.asList("syd", null)))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("requiredEdges"))
                .expectExceptionMessage(containsString("'requiredEdges' is required"))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRequestPropagationToEdgeIdsWithHyphensAndDigits_thenPropagationRequested() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RequestPropagation(DEPLOYMENT, List.of("local-1", "syd")))
                .expectEvents(new PropagationRequested(DEPLOYMENT, PROJECT, DIGEST, List.of("local-1", "syd")));
    }

    @Test
    void givenBuilding_whenRequestPropagation_thenRefusedAsWrongState() {
        fixture.given(started(), claimed("worker-1"))
                .when(new RequestPropagation(DEPLOYMENT, List.of("syd")))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("must be built for that, but it is building."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenRequestPropagationAgain_thenRefusedAsWrongState() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new RequestPropagation(DEPLOYMENT, List.of("syd")))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("must be built for that, but it is propagating."))
                .expectNoEvents();
    }

    // --- acknowledge ------------------------------------------------------------------------------

    @Test
    void givenPropagating_whenFirstEdgeAcknowledges_thenEdgeAcknowledgedOnly() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeAcknowledged(DEPLOYMENT, PROJECT, "mel", DIGEST));
    }

    @Test
    void givenOneEdgeLeft_whenLastEdgeAcknowledges_thenEdgeAcknowledgedAndDeploymentReady() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeAcknowledged(DEPLOYMENT, PROJECT, "mel", DIGEST),
                        new DeploymentReady(DEPLOYMENT, PROJECT, DeploymentTarget.PRODUCTION, List.of("mel", "syd")));
    }

    @Test
    void givenStalled_whenLastEdgeAcknowledges_thenDeploymentReady() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("syd"),
                        new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel")))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectEvents(new EdgeAcknowledged(DEPLOYMENT, PROJECT, "mel", DIGEST),
                        new DeploymentReady(DEPLOYMENT, PROJECT, DeploymentTarget.PRODUCTION, List.of("mel", "syd")));
    }

    @Test
    void givenPreviewPropagatingToOneEdge_whenItAcknowledges_thenDeploymentReadyForPreview() {
        fixture.given(new BuildStarted(DEPLOYMENT, PROJECT, DeploymentTarget.PREVIEW, SOURCE), claimed("worker-1"),
                        built(), new PropagationRequested(DEPLOYMENT, PROJECT, DIGEST, List.of("syd")))
                .when(new AcknowledgeEdge(DEPLOYMENT, "syd", DIGEST))
                .expectEvents(new EdgeAcknowledged(DEPLOYMENT, PROJECT, "syd", DIGEST),
                        new DeploymentReady(DEPLOYMENT, PROJECT, DeploymentTarget.PREVIEW, List.of("syd")));
    }

    @Test
    void givenEdgeAlreadyAcknowledged_whenItAcknowledgesAgain_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("mel"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenReady_whenEdgeAcknowledgesAgain_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .andGiven(acknowledged("mel"), acknowledged("syd"), ready("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "syd", DIGEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenUnknownEdgeAcknowledges_thenRefusedAsNotFound() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "per", DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("There is no registered edge 'per'."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenDrainedEdgeAcknowledges_thenRefusedAsConflict() {
        edges.put("mel", EdgeState.DRAINED);

        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString(
                        "Edge 'mel' is drained; its acknowledgements are not accepted until it is reactivated."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenJoiningEdgeAcknowledges_thenEdgeAcknowledged() {
        edges.put("mel", EdgeState.JOINING);

        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectEvents(new EdgeAcknowledged(DEPLOYMENT, PROJECT, "mel", DIGEST));
    }

    @Test
    void givenPropagating_whenEdgeNotRequiredAcknowledges_thenRefusedAsConflict() {
        edges.put("per", EdgeState.ACTIVE);

        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "per", DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        containsString("Edge 'per' was not asked to hold deployment " + DEPLOYMENT + "."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenEdgeAcknowledgesOtherManifest_thenRefusedAsConflict() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", OTHER_DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Edge 'mel' acknowledged manifest " + OTHER_DIGEST + " but deployment "
                        + DEPLOYMENT + " was built as " + DIGEST + "."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenEdgeAcknowledgesWithoutManifest_thenRefusedAsConflict() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("Edge 'mel' acknowledged manifest null"))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenEdgeAcknowledges_thenRefusedAsNotPropagating() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Deployment " + DEPLOYMENT + " is not being propagated: it is built."))
                .expectNoEvents();
    }

    @Test
    void givenCancelledWhilePropagating_whenEdgeAcknowledges_thenRefusedAsNotPropagating() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(new DeploymentCancelled(DEPLOYMENT, PROJECT, "cancelled"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("is not being propagated: it is cancelled."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenAcknowledgeWithoutEdgeId_thenRefusedAsInvalid() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new AcknowledgeEdge(DEPLOYMENT, null, DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'edgeId' is required"))
                .expectNoEvents();
    }

    // --- drop required edge ------------------------------------------------------------------------

    @Test
    void givenPropagatingToTwoEdges_whenDropUnacknowledgedEdge_thenRequiredEdgeDroppedOnly() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", "edge mel was drained: maintenance"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained: maintenance"));
    }

    @Test
    void givenPropagating_whenDropRequiredEdgeWithoutReason_thenReasonSaysTheEdgeWasDrained() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained"));
    }

    @Test
    void givenEveryOtherEdgeAcknowledged_whenDropLastWaitingEdge_thenDroppedAndReadyWithRemainingEdges() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained"),
                        ready("syd"));
    }

    @Test
    void givenStalledOnOneEdge_whenDropThatEdge_thenDroppedAndReady() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("syd"),
                        new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel")))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", "edge mel was drained: disk failure"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained: disk failure"),
                        ready("syd"));
    }

    @Test
    void givenPreviewWithOtherEdgeAcknowledged_whenDropLastWaitingEdge_thenReadyForPreview() {
        fixture.given(new BuildStarted(DEPLOYMENT, PROJECT, DeploymentTarget.PREVIEW, SOURCE), claimed("worker-1"),
                        built(), new PropagationRequested(DEPLOYMENT, PROJECT, DIGEST, List.of("mel", "syd")),
                        acknowledged("syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained"),
                        new DeploymentReady(DEPLOYMENT, PROJECT, DeploymentTarget.PREVIEW, List.of("syd")));
    }

    @Test
    void givenThreeEdgesOneAcknowledged_whenDropOneWaitingEdge_thenDroppedButNotReady() {
        edges.put("per", EdgeState.ACTIVE);

        fixture.given(propagatingTo("mel", "per", "syd")).andGiven(acknowledged("syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained"));
    }

    @Test
    void givenPropagatingToOneEdge_whenDropIt_thenDroppedButNotReady() {
        fixture.given(propagatingTo("mel"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained"));
    }

    @Test
    void givenStalledOnEveryEdge_whenDropTheLastRequiredEdge_thenDroppedButNotReady() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(
                        new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "syd", "edge syd was drained"),
                        new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel")))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectEvents(new RequiredEdgeDropped(DEPLOYMENT, PROJECT, "mel", "edge mel was drained"));
    }

    @Test
    void givenEdgeDropped_whenLastRemainingEdgeAcknowledges_thenReadyWithRemainingEdgesOnly() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(dropped("mel"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "syd", DIGEST))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EdgeAcknowledged(DEPLOYMENT, PROJECT, "syd", DIGEST), ready("syd"));
    }

    @Test
    void givenEdgeDropped_whenDroppedEdgeAcknowledges_thenRefusedAsNotAsked() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(dropped("mel"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        containsString("Edge 'mel' was not asked to hold deployment " + DEPLOYMENT + "."))
                .expectNoEvents();
    }

    @Test
    void givenEdgeDropped_whenDropItAgain_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(dropped("mel"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenEdgeAcknowledged_whenDropIt_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("mel"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenDropEdgeNotRequired_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "per", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenDropWithoutEdgeId_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenReady_whenDropRequiredEdge_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .andGiven(acknowledged("mel"), acknowledged("syd"), ready("mel", "syd"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenCancelledWhilePropagating_whenDropWaitingEdge_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .andGiven(acknowledged("syd"), new DeploymentCancelled(DEPLOYMENT, PROJECT, "cancelled"))
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenDropRequiredEdge_thenNothingHappens() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new DropRequiredEdge(DEPLOYMENT, "mel", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenEveryRequiredEdgeDropped_whenCancelDeployment_thenDeploymentCancelled() {
        fixture.given(propagatingTo("mel")).andGiven(dropped("mel"))
                .when(new CancelDeployment(DEPLOYMENT, "no edge left"))
                .expectEvents(new DeploymentCancelled(DEPLOYMENT, PROJECT, "no edge left"));
    }

    // --- stalled ----------------------------------------------------------------------------------

    @Test
    void givenPropagating_whenRecordPropagationStalled_thenPropagationStalled() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel")));
    }

    @Test
    void givenStalled_whenRecordPropagationStalledAgain_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .andGiven(new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel", "syd")))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel", "syd")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenStalledAndOneEdgeAcknowledgedSince_whenRecordPropagationStalledAgain_thenNothingHappens() {
        fixture.given(propagatingTo("mel", "syd"))
                .andGiven(new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel", "syd")), acknowledged("syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenRecordPropagationStalledNamingEdgeNotRequired_thenRefusedAsInvalid() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel", "per")))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("missingEdges"))
                .expectExceptionMessage(
                        equalTo("Edge 'per' is not one deployment " + DEPLOYMENT + " still waits for."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenRecordPropagationStalledNamingAcknowledgedEdge_thenRefusedAsInvalid() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(acknowledged("syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel", "syd")))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("missingEdges"))
                .expectExceptionMessage(
                        equalTo("Edge 'syd' is not one deployment " + DEPLOYMENT + " still waits for."))
                .expectNoEvents();
    }

    @Test
    void givenEdgeDropped_whenRecordPropagationStalledNamingDroppedEdge_thenRefusedAsInvalid() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(dropped("mel"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel")))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("Edge 'mel' is not one deployment"))
                .expectNoEvents();
    }

    @Test
    void givenEdgeDropped_whenRecordPropagationStalledOnRemainingEdge_thenPropagationStalled() {
        fixture.given(propagatingTo("mel", "syd")).andGiven(dropped("mel"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("syd")))
                .expectEvents(new PropagationStalled(DEPLOYMENT, PROJECT, List.of("syd")));
    }

    @Test
    void givenPropagating_whenRecordPropagationStalledWithoutMissingEdges_thenRefusedAsInvalid() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of()))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("A stalled propagation names the edges it waits for."))
                .expectNoEvents();
    }

    @Test
    void givenPropagating_whenRecordPropagationStalledWithNullMissingEdges_thenRefusedAsInvalid() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("names the edges it waits for"))
                .expectNoEvents();
    }

    @Test
    void givenBuilt_whenRecordPropagationStalled_thenRefusedAsWrongState() {
        fixture.given(started(), claimed("worker-1"), built())
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("mel")))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("must be propagating for that, but it is built."))
                .expectNoEvents();
    }

    @Test
    void givenReady_whenRecordPropagationStalled_thenRefusedAsWrongState() {
        fixture.given(propagatingTo("syd")).andGiven(acknowledged("syd"), ready("syd"))
                .when(new RecordPropagationStalled(DEPLOYMENT, List.of("syd")))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("must be propagating for that, but it is ready."))
                .expectNoEvents();
    }

    // --- cancel -----------------------------------------------------------------------------------

    @Test
    void givenQueued_whenCancelDeployment_thenDeploymentCancelledWithReason() {
        fixture.given(started())
                .when(new CancelDeployment(DEPLOYMENT, "wrong branch"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeploymentCancelled(DEPLOYMENT, PROJECT, "wrong branch"));
    }

    @Test
    void givenBuilding_whenCancelDeploymentWithoutReason_thenDeploymentCancelledWithDefaultReason() {
        fixture.given(started(), claimed("worker-1"))
                .when(new CancelDeployment(DEPLOYMENT, " "))
                .expectEvents(new DeploymentCancelled(DEPLOYMENT, PROJECT, "cancelled"));
    }

    @Test
    void givenStalled_whenCancelDeployment_thenDeploymentCancelled() {
        fixture.given(propagatingTo("mel")).andGiven(new PropagationStalled(DEPLOYMENT, PROJECT, List.of("mel")))
                .when(new CancelDeployment(DEPLOYMENT, null))
                .expectEvents(new DeploymentCancelled(DEPLOYMENT, PROJECT, "cancelled"));
    }

    @Test
    void givenCancelled_whenCancelDeploymentAgain_thenNothingHappens() {
        fixture.given(started(), new DeploymentCancelled(DEPLOYMENT, PROJECT, "cancelled"))
                .when(new CancelDeployment(DEPLOYMENT, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenFailed_whenCancelDeployment_thenRefusedAsConflict() {
        fixture.given(started(), claimed("worker-1"), failed())
                .when(new CancelDeployment(DEPLOYMENT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Deployment " + DEPLOYMENT + " cannot be cancelled: it is failed."))
                .expectNoEvents();
    }

    @Test
    void givenReady_whenCancelDeployment_thenRefusedAsConflict() {
        fixture.given(propagatingTo("syd")).andGiven(acknowledged("syd"), ready("syd"))
                .when(new CancelDeployment(DEPLOYMENT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("cannot be cancelled: it is ready."))
                .expectNoEvents();
    }

    // --- sync failures ----------------------------------------------------------------------------

    @Test
    void givenPropagatingDeployment_whenEdgeReportsSyncFailure_thenEdgeSyncFailedAndStillWaitingForIt() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new ReportEdgeSyncFailure(DEPLOYMENT, "syd", "blob abc did not match its SHA-256"))
                .expectEvents(new EdgeSyncFailed(DEPLOYMENT, PROJECT, "syd", "blob abc did not match its SHA-256"));
        fixture.given(propagatingTo("mel", "syd"))
                .andGiven(new EdgeSyncFailed(DEPLOYMENT, PROJECT, "syd", "tampered"))
                .when(new AcknowledgeEdge(DEPLOYMENT, "mel", DIGEST))
                .expectEvents(acknowledged("mel"));
    }

    @Test
    void givenBuildingDeployment_whenEdgeReportsSyncFailure_thenNothingIsRecorded() {
        fixture.given(started(), claimed("worker-1"))
                .when(new ReportEdgeSyncFailure(DEPLOYMENT, "syd", "no manifest"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenPropagatingDeployment_whenAnUnknownEdgeReportsSyncFailure_thenRefusedAsNotFound() {
        fixture.given(propagatingTo("mel", "syd"))
                .when(new ReportEdgeSyncFailure(DEPLOYMENT, "ghost", "tampered"))
                .expectException(Refused.class)
                .expectNoEvents();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static BuildStarted started() {
        return new BuildStarted(DEPLOYMENT, PROJECT, DeploymentTarget.PRODUCTION, SOURCE);
    }

    private static BuildClaimed claimed(String worker) {
        return new BuildClaimed(DEPLOYMENT, PROJECT, worker);
    }

    private static BuildSucceeded built() {
        return new BuildSucceeded(DEPLOYMENT, PROJECT, DIGEST, 42, 123_456L);
    }

    private static BuildFailed failed() {
        return new BuildFailed(DEPLOYMENT, PROJECT, 1, "build command failed", List.of());
    }

    /** A production deployment built as {@link #DIGEST} and sent to {@code edgeIds}. */
    private static List<Object> propagatingTo(String... edgeIds) {
        return List.of(started(), claimed("worker-1"), built(),
                new PropagationRequested(DEPLOYMENT, PROJECT, DIGEST, List.of(edgeIds)));
    }

    private static EdgeAcknowledged acknowledged(String edgeId) {
        return new EdgeAcknowledged(DEPLOYMENT, PROJECT, edgeId, DIGEST);
    }

    private static RequiredEdgeDropped dropped(String edgeId) {
        return new RequiredEdgeDropped(DEPLOYMENT, PROJECT, edgeId, "edge " + edgeId + " was drained");
    }

    private static DeploymentReady ready(String... edgeIds) {
        return new DeploymentReady(DEPLOYMENT, PROJECT, DeploymentTarget.PRODUCTION, List.of(edgeIds));
    }
}
