package dev.tasman.control.deployment;

import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.feed.EdgeProgress;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * How far an edge's fetch of a deployment is, from that edge's own token (which edge is speaking comes
 * from it). Kept on the {@link EdgeProgressBoard}, not sent as a command: progress is not part of the
 * deployment's history. A report that races the deployment leaving PROPAGATING is accepted and dropped.
 */
@RestController
@Tag(name = "Edge callbacks", description = "edge tokens only")
class EdgeProgressController {

    private final DeploymentView deployments;
    private final EdgeProgressBoard board;
    private final Access access;

    EdgeProgressController(DeploymentView deployments, EdgeProgressBoard board, Access access) {
        this.deployments = deployments;
        this.board = board;
        this.access = access;
    }

    @PostMapping("/v1/edge/progress")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "How many of the deployment's files and bytes this edge holds so far (best effort, "
            + "latest report wins, kept in memory only)")
    void report(@RequestBody EdgeProgress request) {
        String edgeId = access.edge();
        String deploymentId = Check.required("deploymentId", request.deploymentId());
        counted("filesTotal", request.filesTotal());
        counted("bytesTotal", request.bytesTotal());
        counted("filesPresent", request.filesPresent());
        counted("bytesPresent", request.bytesPresent());
        atMost("filesPresent", request.filesPresent(), "filesTotal", request.filesTotal());
        atMost("bytesPresent", request.bytesPresent(), "bytesTotal", request.bytesTotal());
        DeploymentView.Details deployment = deployments.find(deploymentId)
                .orElseThrow(() -> Refused.notFound("There is no deployment " + deploymentId + "."));
        if (deployment.state() == DeploymentState.PROPAGATING) {
            board.record(edgeId, request);
        }
    }

    private static void counted(String field, long value) {
        if (value < 0) {
            throw Refused.invalid(field, "'" + field + "' counts what the edge holds: 0 or more, got " + value + ".");
        }
    }

    private static void atMost(String field, long present, String totalField, long total) {
        if (present > total) {
            throw Refused.invalid(field, "'" + field + "' (" + present + ") cannot exceed '" + totalField + "' ("
                    + total + ").");
        }
    }
}
