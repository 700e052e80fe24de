package dev.tasman.control.deployment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tasman.api.deployment.AcknowledgeEdge;
import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildLogRecorded;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.CancelDeployment;
import dev.tasman.api.deployment.ClaimBuild;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.DropRequiredEdge;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.deployment.RecordBuildFailed;
import dev.tasman.api.deployment.RecordBuildLog;
import dev.tasman.api.deployment.RecordBuildSucceeded;
import dev.tasman.api.deployment.RecordPropagationStalled;
import dev.tasman.api.deployment.ReportEdgeSyncFailure;
import dev.tasman.api.deployment.RequestPropagation;
import dev.tasman.api.deployment.RequiredEdgeDropped;
import dev.tasman.api.deployment.StartBuild;
import dev.tasman.api.edge.EdgeState;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One deployment, from queued build to "held by every required edge". It becomes READY only when every
 * edge it was propagated to has acknowledged the exact manifest it was built with.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotEvery50Events")
class Deployment {

    private static final Set<DeploymentState> CANCELLABLE = EnumSet.of(DeploymentState.QUEUED,
            DeploymentState.BUILDING, DeploymentState.BUILT, DeploymentState.PROPAGATING, DeploymentState.STALLED);

    static final int MAX_ATTEMPTS = 3;

    @AggregateIdentifier
    private String deploymentId;
    private String projectId;
    private DeploymentTarget target;
    private DeploymentState state;
    private int attempts;
    private boolean logTruncated;
    private String manifestDigest;
    private Set<String> required = new LinkedHashSet<>();
    private final Set<String> acknowledged = new TreeSet<>();

    Deployment() {
        // for Axon
    }

    @CommandHandler
    Deployment(StartBuild command) {
        Check.required("projectId", command.projectId());
        Check.required("target", command.target());
        Check.required("source", command.source());
        apply(new BuildStarted(command.deploymentId(), command.projectId(), command.target(), command.source()));
    }

    /**
     * A worker takes the build. Returns true when it should run it. A claim while BUILDING is a retry:
     * the build is handed to one worker at a time (its processor segment), so a second claim means the
     * previous worker died mid-build. After {@link #MAX_ATTEMPTS} lost attempts the build fails instead of
     * looping. A claim for a build that already ended returns false: re-delivered work is skipped.
     */
    @CommandHandler
    boolean handle(ClaimBuild command) {
        Check.required("worker", command.worker());
        if (state != DeploymentState.QUEUED && state != DeploymentState.BUILDING) {
            return false;
        }
        if (attempts >= MAX_ATTEMPTS) {
            apply(new BuildFailed(deploymentId, projectId, null, "The build was interrupted " + attempts
                    + " times (its build worker stopped); giving up.", List.of()));
            return false;
        }
        apply(new BuildClaimed(deploymentId, projectId, command.worker()));
        return true;
    }

    @CommandHandler
    void handle(RecordBuildLog command) {
        if (state != DeploymentState.BUILDING || logTruncated || command.lines() == null || command.lines().isEmpty()) {
            return;
        }
        apply(new BuildLogRecorded(deploymentId, projectId, List.copyOf(command.lines()), command.truncated()));
    }

    @CommandHandler
    void handle(RecordBuildSucceeded command) {
        Check.matches("manifestDigest", command.manifestDigest(), Check.SHA256_DIGEST, "sha256:<64 hex digits>");
        expect(DeploymentState.BUILDING, "it is " + describe(state));
        apply(new BuildSucceeded(deploymentId, projectId, command.manifestDigest(), command.fileCount(),
                command.totalBytes()));
    }

    @CommandHandler
    void handle(RecordBuildFailed command) {
        Check.required("reason", command.reason());
        if (state != DeploymentState.QUEUED && state != DeploymentState.BUILDING) {
            throw Refused.conflict("Deployment " + deploymentId + " cannot fail its build: it is " + describe(state) + ".");
        }
        List<String> lines = command.lastLogLines() == null ? List.of() : List.copyOf(command.lastLogLines());
        apply(new BuildFailed(deploymentId, projectId, command.exitCode(), command.reason(), lines));
    }

    @CommandHandler
    void handle(RequestPropagation command) {
        expect(DeploymentState.BUILT, "it is " + describe(state));
        List<String> requested = command.requiredEdges() == null ? List.of() : command.requiredEdges();
        requested.forEach(edge -> Check.matches("requiredEdges", edge, Check.EDGE_ID, "edge ids such as syd"));
        List<String> edges = List.copyOf(new TreeSet<>(requested));
        if (edges.isEmpty()) {
            throw Refused.conflict("There is no active edge to propagate deployment " + deploymentId
                    + " to. Register an edge first.");
        }
        apply(new PropagationRequested(deploymentId, projectId, manifestDigest, edges));
    }

    @CommandHandler
    void handle(AcknowledgeEdge command, EdgeDirectory edges) {
        String edge = Check.required("edgeId", command.edgeId());
        EdgeState edgeState = edges.stateOf(edge)
                .orElseThrow(() -> Refused.notFound("There is no registered edge '" + edge + "'."));
        if (edgeState == EdgeState.DRAINED) {
            throw Refused.conflict("Edge '" + edge + "' is drained; its acknowledgements are not accepted until it is reactivated.");
        }
        if (state != DeploymentState.PROPAGATING && state != DeploymentState.STALLED && state != DeploymentState.READY) {
            throw Refused.conflict("Deployment " + deploymentId + " is not being propagated: it is " + describe(state) + ".");
        }
        if (!required.contains(edge)) {
            throw Refused.conflict("Edge '" + edge + "' was not asked to hold deployment " + deploymentId + ".");
        }
        if (!manifestDigest.equals(command.manifestDigest())) {
            throw Refused.conflict("Edge '" + edge + "' acknowledged manifest " + command.manifestDigest()
                    + " but deployment " + deploymentId + " was built as " + manifestDigest + ".");
        }
        if (acknowledged.contains(edge)) {
            return;
        }
        apply(new EdgeAcknowledged(deploymentId, projectId, edge, manifestDigest));
        readyIfEveryRequiredEdgeAcknowledged();
    }

    /**
     * Recorded for the deployment's history: while propagating (the edge does not acknowledge, so the
     * deadline still applies) and after (a joining edge could not fetch a live deployment).
     */
    @CommandHandler
    void handle(ReportEdgeSyncFailure command, EdgeDirectory edges) {
        String edge = Check.required("edgeId", command.edgeId());
        Check.required("reason", command.reason());
        Check.maxLength("reason", command.reason(), 2000);
        if (edges.stateOf(edge).isEmpty()) {
            throw Refused.notFound("There is no registered edge '" + edge + "'.");
        }
        if (state != DeploymentState.PROPAGATING && state != DeploymentState.STALLED
                && state != DeploymentState.READY) {
            return;
        }
        apply(new EdgeSyncFailed(deploymentId, projectId, edge, command.reason()));
    }

    @CommandHandler
    void handle(DropRequiredEdge command) {
        if (!required.contains(command.edgeId()) || acknowledged.contains(command.edgeId())
                || (state != DeploymentState.PROPAGATING && state != DeploymentState.STALLED)) {
            return;
        }
        apply(new RequiredEdgeDropped(deploymentId, projectId, command.edgeId(),
                command.reason() == null || command.reason().isBlank() ? "edge " + command.edgeId() + " was drained"
                        : command.reason()));
        readyIfEveryRequiredEdgeAcknowledged();
    }

    /** Ready needs at least one holder: with every required edge dropped, it waits (or is cancelled). */
    private void readyIfEveryRequiredEdgeAcknowledged() {
        if (state != DeploymentState.READY && !required.isEmpty() && acknowledged.containsAll(required)) {
            apply(new DeploymentReady(deploymentId, projectId, target, List.copyOf(new TreeSet<>(required))));
        }
    }

    @CommandHandler
    void handle(RecordPropagationStalled command) {
        if (state == DeploymentState.STALLED) {
            return;
        }
        expect(DeploymentState.PROPAGATING, "it is " + describe(state));
        List<String> missing = command.missingEdges() == null ? List.of() : command.missingEdges();
        if (missing.isEmpty()) {
            throw Refused.invalid("missingEdges", "A stalled propagation names the edges it waits for.");
        }
        for (String edge : missing) {
            if (edge == null || !required.contains(edge) || acknowledged.contains(edge)) {
                throw Refused.invalid("missingEdges", "Edge '" + edge + "' is not one deployment " + deploymentId
                        + " still waits for.");
            }
        }
        apply(new PropagationStalled(deploymentId, projectId, List.copyOf(missing)));
    }

    @CommandHandler
    void handle(CancelDeployment command) {
        if (state == DeploymentState.CANCELLED) {
            return;
        }
        if (!CANCELLABLE.contains(state)) {
            throw Refused.conflict("Deployment " + deploymentId + " cannot be cancelled: it is " + describe(state) + ".");
        }
        apply(new DeploymentCancelled(deploymentId, projectId,
                command.reason() == null || command.reason().isBlank() ? "cancelled" : command.reason()));
    }

    private void expect(DeploymentState expected, String otherwise) {
        if (state != expected) {
            throw Refused.conflict("Deployment " + deploymentId + " must be " + describe(expected) + " for that, but "
                    + otherwise + ".");
        }
    }

    private static String describe(DeploymentState state) {
        return state.name().toLowerCase();
    }

    @EventSourcingHandler
    void on(BuildStarted event) {
        deploymentId = event.deploymentId();
        projectId = event.projectId();
        target = event.target();
        state = DeploymentState.QUEUED;
    }

    @EventSourcingHandler
    void on(BuildClaimed event) {
        state = DeploymentState.BUILDING;
        attempts++;
    }

    @EventSourcingHandler
    void on(BuildLogRecorded event) {
        logTruncated = event.truncated();
    }

    @EventSourcingHandler
    void on(BuildSucceeded event) {
        state = DeploymentState.BUILT;
        manifestDigest = event.manifestDigest();
    }

    @EventSourcingHandler
    void on(BuildFailed event) {
        state = DeploymentState.FAILED;
    }

    @EventSourcingHandler
    void on(PropagationRequested event) {
        state = DeploymentState.PROPAGATING;
        required = new LinkedHashSet<>(event.requiredEdges());
    }

    @EventSourcingHandler
    void on(EdgeAcknowledged event) {
        acknowledged.add(event.edgeId());
    }

    @EventSourcingHandler
    void on(RequiredEdgeDropped event) {
        required.remove(event.edgeId());
    }

    @EventSourcingHandler
    void on(DeploymentReady event) {
        state = DeploymentState.READY;
    }

    @EventSourcingHandler
    void on(PropagationStalled event) {
        state = DeploymentState.STALLED;
    }

    @EventSourcingHandler
    void on(DeploymentCancelled event) {
        state = DeploymentState.CANCELLED;
    }
}
