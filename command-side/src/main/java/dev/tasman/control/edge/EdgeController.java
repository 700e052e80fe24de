package dev.tasman.control.edge;

import dev.tasman.api.edge.DrainEdge;
import dev.tasman.api.edge.ReactivateEdge;
import dev.tasman.api.edge.RegisterEdge;
import dev.tasman.control.access.Access;
import dev.tasman.control.access.EdgeTokens;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The edge registry. Adding a region is registering an edge here: no code change. */
@RestController
@Tag(name = "Edges")
class EdgeController {

    private final CommandGateway commands;
    private final EdgeView edges;
    private final EdgeTokens edgeTokens;
    private final Access access;

    EdgeController(CommandGateway commands, EdgeView edges, EdgeTokens edgeTokens, Access access) {
        this.commands = commands;
        this.edges = edges;
        this.edgeTokens = edgeTokens;
        this.access = access;
    }

    record NewEdge(String id, String region, String url) {
    }

    record RegisteredEdge(EdgeView.Details edge, String token) {
    }

    record DrainRequest(String reason) {
    }

    @GetMapping("/v1/edges")
    List<EdgeView.Details> list() {
        access.person();
        return edges.list();
    }

    @GetMapping("/v1/edges/{id}")
    EdgeView.Details show(@PathVariable String id) {
        access.person();
        return edges.find(id).orElseThrow(() -> Refused.notFound("There is no edge '" + id + "'."));
    }

    /** The edge and its token commit together or not at all; the token is shown only in this response. */
    @PostMapping("/v1/edges")
    @Transactional
    @Operation(summary = "Register an edge (admins); returns the edge's token once")
    ResponseEntity<RegisteredEdge> register(@RequestBody NewEdge request) {
        access.admin();
        Check.required("id", request.id());
        if (edges.find(request.id()).isPresent()) {
            throw Refused.conflict("An edge with id '" + request.id() + "' is already registered.");
        }
        commands.sendAndWait(new RegisterEdge(request.id(), request.region(), request.url()));
        String token = edgeTokens.issueFor(request.id());
        return ResponseEntity.created(URI.create("/v1/edges/" + request.id()))
                .body(new RegisteredEdge(edges.find(request.id()).orElseThrow(), token));
    }

    @PostMapping("/v1/edges/{id}/drain")
    @Operation(summary = "Stop waiting for this edge: cutovers proceed without it (admins)")
    EdgeView.Details drain(@PathVariable String id, @RequestBody(required = false) DrainRequest request) {
        access.admin();
        existing(id);
        commands.sendAndWait(new DrainEdge(id, request == null ? null : Check.maxLength("reason", request.reason(), 500)));
        return existing(id);
    }

    @PostMapping("/v1/edges/{id}/reactivate")
    @Operation(summary = "Let a drained edge rejoin; it counts again once it holds every live deployment (admins)")
    EdgeView.Details reactivate(@PathVariable String id) {
        access.admin();
        existing(id);
        commands.sendAndWait(new ReactivateEdge(id));
        return existing(id);
    }

    private EdgeView.Details existing(String id) {
        return edges.find(id).orElseThrow(() -> Refused.notFound("There is no edge '" + id + "'."));
    }
}
