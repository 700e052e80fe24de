package dev.tasman.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.query.access.Access;
import dev.tasman.query.access.Caller;
import dev.tasman.query.shared.AccessDenied;
import dev.tasman.query.shared.Page;
import dev.tasman.query.shared.Params;
import dev.tasman.query.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit trail: admins read all of it; a project's owners read that project's events. One page of JSON
 * (by position: {@code after}, {@code limit} up to 500), or every match as JSON Lines, streamed as read.
 */
@RestController
@Tag(name = "Audit")
class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final Access access;
    private final AuditTrail trail;
    private final ObjectMapper json;

    AuditController(Access access, AuditTrail trail, ObjectMapper json) {
        this.access = access;
        this.trail = trail;
        this.json = json;
    }

    @GetMapping("/v1/audit")
    @Operation(summary = "Events as stored, oldest first, secrets removed",
            description = "Filters: aggregate (id), type (simple name or fully qualified), actor, correlationId, "
                    + "from/to (ISO-8601, inclusive), project (id or name: events of the project and its "
                    + "deployments). JSON Lines with Accept: application/x-ndjson or ?format=jsonl (every match "
                    + "after 'after', or 'limit' of them).")
    @ApiResponse(responseCode = "200", content = {
        @Content(mediaType = "application/json", schema = @Schema(implementation = AuditTrail.AuditPage.class)),
        @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = AuditTrail.AuditEntry.class))})
    ResponseEntity<StreamingResponseBody> audit(@RequestParam(required = false) String aggregate,
            @RequestParam(required = false) String type, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String correlationId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String project,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws JsonProcessingException {
        Caller caller = access.caller();
        Instant since = Params.instant("from", from);
        Instant until = Params.instant("to", to);
        if (since != null && until != null && since.isAfter(until)) {
            throw Refused.invalid("from", "'from' (" + since + ") is after 'to' (" + until + "); no event can be "
                    + "in between. Swap them, or leave one out.");
        }
        if (after != null && after < 0) {
            throw Refused.invalid("after", "'after' is a position in the event store, 0 or more; got " + after + ".");
        }
        boolean lines = lines(format, accept);
        AuditFilter filter = new AuditFilter(
                Params.matching("aggregate", aggregate, Params.NAME, "an aggregate id such as prj_4f9c2a7d1b3e5f60"),
                Params.matching("type", type, Params.EVENT_TYPE,
                        "an event name such as ProjectCreated, or its full class name"),
                Params.matching("actor", actor, Params.NAME, "a token subject such as alice"),
                Params.matching("correlationId", correlationId, Params.NAME, "a correlation id"),
                since, until, projectOf(caller, project), after == null ? 0 : after);
        if (lines) {
            Long most = limit == null ? null : (long) Page.limit("limit", limit, 1, Integer.MAX_VALUE);
            return ResponseEntity.ok().contentType(NDJSON).body(out -> trail.writeLines(filter, most, out));
        }
        byte[] page = json.writeValueAsBytes(trail.page(filter, Page.limit("limit", limit, 100, 500)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> out.write(page));
    }

    /** Admins may read everything; anyone else only a project they own. */
    private String projectOf(Caller caller, String project) {
        if (project != null && !project.isBlank()) {
            return access.project(project, ProjectRole.OWNER);
        }
        if (!caller.admin()) {
            throw AccessDenied.forbidden("Only platform admins read the whole audit trail; a project's owners read "
                    + "its trail with ?project=<id or name>.");
        }
        return null;
    }

    private static boolean lines(String format, String accept) {
        if (format == null || format.isBlank()) {
            try {
                return accept != null && MediaType.parseMediaTypes(accept).stream()
                        .anyMatch(type -> type.equalsTypeAndSubtype(NDJSON));
            } catch (InvalidMediaTypeException unreadable) {
                return false;
            }
        }
        return switch (format) {
            case "jsonl", "ndjson" -> true;
            case "json" -> false;
            default -> throw Refused.invalid("format", "'format' must be json (a page) or jsonl (JSON Lines), got '"
                    + (format.length() > 40 ? format.substring(0, 37) + "..." : format) + "'.");
        };
    }
}
