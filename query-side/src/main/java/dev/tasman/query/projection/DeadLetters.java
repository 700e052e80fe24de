package dev.tasman.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Events a processor could not apply, parked in {@code query.dead_letter} with the handler that failed and
 * what went wrong, in the same transaction as the batch around them: the processor moves on, and the park is as
 * durable as the progress.
 * The error text never quotes the event (a parser's message can), only what kind of failure it was.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_ERROR = 500;
    private final JdbcTemplate jdbc;

    DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Parks events for one processor. */
    interface Parking {
        void park(EventMessage<?> event, String handler, Throwable error);
    }

    Parking parkingFor(String processor) {
        return (event, handler, error) -> park(processor, event, handler, error);
    }

    private void park(String processor, EventMessage<?> event, String handler, Throwable exception) {
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        String type = event.getPayloadType().getName();
        String error = describe(exception);
        log.warn("Parked event {} ({}) at position {}: {} in processor {} could not handle it: {}",
                event.getIdentifier(), type, position, handler, processor, error);
        jdbc.update("insert into query.dead_letter (processor, handler, position, event_id, aggregate_id, event_type, "
                + "error, parked_at) values (?, ?, ?, ?, ?, ?, ?, ?)", processor, handler, position,
                event.getIdentifier(), aggregate, type, error, java.sql.Timestamp.from(Instant.now()));
    }

    /** The chain of causes by kind; a JSON failure by where it happened, never by the value it met. */
    static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(current.getClass().getSimpleName());
            if (current instanceof JsonMappingException mapping) {
                text.append(" at field '").append(mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))).append("'");
            } else if (current instanceof JsonProcessingException json && json.getLocation() != null) {
                text.append(" at column ").append(json.getLocation().getColumnNr());
            } else if (!(current instanceof JsonProcessingException) && current.getMessage() != null) {
                text.append(": ").append(current.getMessage().lines().findFirst().orElse(""));
            }
        }
        return text.length() <= MAX_ERROR ? text.toString() : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
