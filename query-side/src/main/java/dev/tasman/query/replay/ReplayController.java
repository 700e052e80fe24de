package dev.tasman.query.replay;

import dev.tasman.query.access.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding a read model from the event store while the current one keeps serving (admins only). */
@RestController
@Tag(name = "Replay")
class ReplayController {

    private final Generations generations;
    private final Access access;

    ReplayController(Generations generations, Access access) {
        this.generations = generations;
        this.access = access;
    }

    @PostMapping("/v1/admin/replay/{readModel}")
    @Operation(summary = "Rebuild a read model from the start of the event store (202; 409 while one runs)",
            description = "The rebuilt tables replace the current ones in one step once they have caught up; "
                    + "until then the current ones keep answering.")
    ResponseEntity<ReplayStatus> replay(@PathVariable String readModel) {
        String admin = access.admin().subject();
        ReplayStatus started = generations.replay(readModel, admin);
        return ResponseEntity.accepted().location(URI.create("/v1/admin/replay/" + readModel)).body(started);
    }

    @GetMapping("/v1/admin/replay/{readModel}")
    @Operation(summary = "Progress of the latest replay: state, position reached, head position, events/s")
    ReplayStatus status(@PathVariable String readModel) {
        access.admin();
        return generations.status(readModel);
    }
}
