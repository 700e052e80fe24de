package dev.tasman.query.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.telemetry.RequestBatch;
import dev.tasman.query.access.Access;
import dev.tasman.query.access.Caller;
import dev.tasman.query.shared.AccessDenied;
import dev.tasman.query.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Edges send the requests they served here ({@link RequestBatch}), each with its own edge token and for its own
 * edge only. 202 once stored; 400 names the field at fault (the edge drops such a batch); 503 when Elasticsearch
 * cannot take it (the edge keeps the batch and sends it again).
 */
@RestController
@Tag(name = "Logs and metrics")
class TelemetryController {

    private static final ObjectMapper JSON = Json.mapper();

    private final Access access;
    private final TelemetryIntake intake;

    TelemetryController(Access access, TelemetryIntake intake) {
        this.access = access;
        this.intake = intake;
    }

    @PostMapping("/v1/telemetry/requests")
    @Operation(summary = "An edge's request records and per-minute aggregates (edge tokens only, own edge only)",
            description = "Answers 202 {\"accepted\": records stored, \"aggregates\": aggregates stored, "
                    + "\"expired\": older than the retention, not stored}. Sending a batch again does not count "
                    + "it twice.")
    ResponseEntity<TelemetryIntake.Accepted> requests(@RequestBody(required = false) byte[] body) {
        Caller caller = access.caller();
        if (!caller.edge()) {
            throw AccessDenied.forbidden("Only edges send request telemetry, each with its own edge token.");
        }
        RequestBatch batch = parse(body);
        if (batch != null && batch.edge() != null && !batch.edge().equals(caller.edgeId())) {
            throw AccessDenied.forbidden("This token belongs to edge '" + caller.edgeId() + "'; it may send "
                    + "telemetry for that edge only, not for '" + batch.edge() + "'.");
        }
        BatchCheck.check(batch, Instant.now());
        return ResponseEntity.accepted().body(intake.store(batch));
    }

    private static RequestBatch parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readValue(body, RequestBatch.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining());
            field = field.startsWith(".") ? field.substring(1) : field;
            throw Refused.invalid(field.isEmpty() ? "body" : field, "'" + (field.isEmpty() ? "body" : field)
                    + "' does not have the type the request batch contract gives it (see RequestBatch).");
        } catch (JsonProcessingException e) {
            throw Refused.invalid("body", "The body is not JSON" + (e.getLocation() == null ? "." : " (at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")."));
        } catch (IOException e) {
            throw Refused.invalid("body", "The body could not be read.");
        }
    }
}
