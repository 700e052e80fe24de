package dev.tasman.control.edge;

import dev.tasman.api.deployment.AcknowledgeEdge;
import dev.tasman.api.deployment.ReportEdgeSyncFailure;
import dev.tasman.api.edge.ActivateEdge;
import dev.tasman.api.edge.HeldDeployment;
import dev.tasman.api.edge.ReportHoldings;
import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.api.feed.EdgeHoldings;
import dev.tasman.api.feed.EdgeSyncFailure;
import dev.tasman.control.shared.Refused;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Check;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What edges tell the control plane, each with its own edge token: which edge is speaking comes from it. */
@RestController
@Tag(name = "Edge callbacks", description = "edge tokens only")
class EdgeCallbackController {

    private final CommandGateway commands;
    private final Access access;

    EdgeCallbackController(CommandGateway commands, Access access) {
        this.commands = commands;
        this.access = access;
    }

    @PostMapping("/v1/edge/acknowledgements")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "This edge holds every file of the deployment, each verified (idempotent)")
    void acknowledge(@RequestBody EdgeAcknowledgement request) {
        String edgeId = access.edge();
        commands.sendAndWait(new AcknowledgeEdge(Check.required("deploymentId", request.deploymentId()), edgeId,
                Check.matches("manifestDigest", request.manifestDigest(), Check.SHA256_DIGEST, "sha256:<64 hex digits>")));
    }

    @PostMapping("/v1/edge/holdings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Every deployment this edge holds complete and verified (replaces its last report)")
    void holdings(@RequestBody EdgeHoldings request) {
        String edgeId = access.edge();
        if (request.deployments() == null) {
            throw Refused.invalid("deployments", "'deployments' lists what this edge holds (an empty list when nothing).");
        }
        commands.sendAndWait(new ReportHoldings(edgeId, request.deployments().stream()
                .map(held -> held == null ? null : new HeldDeployment(held.deploymentId(), held.manifestDigest()))
                .toList()));
    }

    @PostMapping("/v1/edge/sync-failures")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "This edge could not take a deployment in (e.g. a blob failed verification)")
    void syncFailure(@RequestBody EdgeSyncFailure request) {
        String edgeId = access.edge();
        commands.sendAndWait(new ReportEdgeSyncFailure(Check.required("deploymentId", request.deploymentId()), edgeId,
                Check.required("reason", request.reason())));
    }

    @PostMapping("/v1/edge/ready")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "This edge holds every live deployment and may count toward cutovers")
    void ready() {
        commands.sendAndWait(new ActivateEdge(access.edge()));
    }
}
