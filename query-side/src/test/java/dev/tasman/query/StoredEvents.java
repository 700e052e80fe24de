package dev.tasman.query;

import dev.tasman.api.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes events into the event table exactly as the control plane does: through Axon's JDBC engine with the
 * control plane's settings (Jackson over {@code Json.mapper()}, JSON text columns), aggregate type and next
 * sequence number per aggregate, and the metadata every control-plane event carries.
 */
final class StoredEvents {

    private final JdbcEventStorageEngine engine;
    private final JdbcTemplate jdbc;

    StoredEvents(DataSource dataSource) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(Json.mapper()).build();
        this.engine = JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventSchema())
                .dataType(String.class)
                .build();
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Appends one event by {@code actor}, now; returns its position (global index). */
    long append(String aggregateId, Object event, String actor) {
        return append(aggregateId, event, actor, Instant.now(), UUID.randomUUID().toString());
    }

    long append(String aggregateId, Object event, String actor, Instant at, String correlationId) {
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(message(aggregateId, next(aggregateId), event, actor, at, correlationId, id)));
        return jdbc.queryForObject("select globalindex from domainevententry where eventidentifier = ?", Long.class, id);
    }

    /** Many events of one aggregate in one batch, for volume. */
    void appendAll(String aggregateId, List<?> events, String actor) {
        long sequence = next(aggregateId);
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(message(aggregateId, sequence++, event, actor, Instant.now(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString()));
        }
        engine.appendEvents(messages);
    }

    /**
     * A row as the engine writes it but with a payload of the caller's choosing: an event a projection cannot
     * read. Returns its position.
     */
    long appendRaw(String aggregateId, Class<?> payloadType, String payload) {
        return jdbc.queryForObject("insert into domainevententry (aggregateidentifier, sequencenumber, type, "
                + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                + "values (?, ?, ?, ?, ?, ?, '1', ?, ?) returning globalindex", Long.class, aggregateId,
                next(aggregateId), aggregateType(payloadType), UUID.randomUUID().toString(),
                "{\"actor\":\"mallory\",\"correlationId\":\"c-raw\",\"causationId\":\"c-raw\"}", payload,
                payloadType.getName(), org.axonframework.common.DateTimeUtils.formatInstant(Instant.now()));
    }

    long head() {
        Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    private GenericDomainEventMessage<Object> message(String aggregateId, long sequence, Object event, String actor,
            Instant at, String correlationId, String id) {
        Map<String, Object> metadata = Map.of("actor", actor, "correlationId", correlationId,
                "causationId", correlationId, "traceparent", traceparent());
        return new GenericDomainEventMessage<>(aggregateType(event.getClass()), aggregateId, sequence, event, metadata,
                id, at);
    }

    private long next(String aggregateId) {
        Long last = jdbc.queryForObject("select max(sequencenumber) from domainevententry where aggregateidentifier = ?",
                Long.class, aggregateId);
        return last == null ? 0 : last + 1;
    }

    /** The control plane's aggregates, by the package their events live in. */
    private static String aggregateType(Class<?> eventType) {
        String packageName = eventType.getPackageName();
        return switch (packageName.substring(packageName.lastIndexOf('.') + 1)) {
            case "project" -> "Project";
            case "deployment" -> "Deployment";
            case "edge" -> "Edge";
            case "access" -> "ApiToken";
            default -> throw new IllegalArgumentException("no aggregate stores " + eventType.getName());
        };
    }

    private static String traceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
