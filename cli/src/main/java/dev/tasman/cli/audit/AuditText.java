package dev.tasman.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasman.cli.shared.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An audit entry's cells as a person reads them in a table row. */
final class AuditText {

    static final int PAYLOAD_WIDTH = 60;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AuditText() {
    }

    static String time(String instant) {
        try {
            return SECONDS.format(Instant.parse(instant).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException notAnInstant) {
            return instant;
        }
    }

    /**
     * The payload as compact JSON, cut to {@link #PAYLOAD_WIDTH} characters; fields that only repeat the
     * aggregate's id are left out, since the row already shows it.
     */
    static String payload(JsonNode payload, String aggregateId) {
        if (payload == null || payload.isMissingNode() || payload.isNull()) {
            return "";
        }
        JsonNode shown = payload;
        if (payload.isObject() && aggregateId != null) {
            ObjectNode copy = ((ObjectNode) payload).deepCopy();
            payload.properties().stream().filter(field -> aggregateId.equals(field.getValue().asText()))
                    .map(java.util.Map.Entry::getKey).toList().forEach(copy::remove);
            shown = copy;
        }
        String text = Json.write(shown);
        return text.length() <= PAYLOAD_WIDTH ? text : text.substring(0, PAYLOAD_WIDTH - 1) + "…";
    }
}
