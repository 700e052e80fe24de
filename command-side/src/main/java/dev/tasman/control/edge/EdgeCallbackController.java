package dev.tasman.control.edge;

import dev.tasman.api.deployment.AcknowledgeEdge;
import dev.tasman.api.edge.ActivateEdge;
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

    record Acknowledgement(String deploymentId, String manifestDigest) {
    }

    @PostMapping("/v1/edge/acknowledgements")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "This edge holds every file of the deployment, each verified (idempotent)")
    void acknowledge(@RequestBody Acknowledgement request) {
        String edgeId = access.edge();
        commands.sendAndWait(new AcknowledgeEdge(Check.required("deploymentId", request.deploymentId()), edgeId,
                Check.matches("manifestDigest", request.manifestDigest(), Check.SHA256_DIGEST, "sha256:<64 hex digits>")));
    }

    @PostMapping("/v1/edge/ready")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "This edge holds every live deployment and may count toward cutovers")
    void ready() {
        commands.sendAndWait(new ActivateEdge(access.edge()));
    }
}
