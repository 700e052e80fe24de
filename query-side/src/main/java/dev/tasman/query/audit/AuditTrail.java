package dev.tasman.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail is the event store itself, read directly: every event as stored, with its position, time,
 * aggregate, type, revision, payload and who-why metadata. Secrets are removed on the way out: any sealed value
 * (an object with a {@code ciphertext}) shows only its key id and the marker {@value #SEALED}.
 */
@Component
class AuditTrail {

    static final String SEALED = "(sealed)";
    private static final int FLUSH_EVERY = 200;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;

    AuditTrail(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        // PostgreSQL streams a result with a cursor only inside a transaction and with a fetch size.
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    record Metadata(String actor, String correlationId, String causationId, String traceparent) {
    }

    record AuditEntry(long position, Instant timestamp, String aggregateId, String aggregateType, long sequence,
            String type, String payloadType, String revision, JsonNode payload, Metadata metadata) {
    }

    /** @param nextAfter pass as {@code after} for the next page; absent on the last one */
    record AuditPage(List<AuditEntry> items, Long nextAfter) {
    }

    AuditPage page(AuditFilter filter, int limit) {
        AuditFilter.Query query = filter.toSql((long) limit + 1);
        List<AuditEntry> entries = jdbc.query(query.sql(), this::entry, query.arguments().toArray());
        if (entries.size() <= limit) {
            return new AuditPage(entries, null);
        }
        List<AuditEntry> page = entries.subList(0, limit);
        return new AuditPage(page, page.getLast().position());
    }

    /** Every matching entry (up to {@code limit} when given) as one JSON document per line, as rows arrive. */
    void writeLines(AuditFilter filter, Long limit, OutputStream out) {
        AuditFilter.Query query = filter.toSql(limit);
        readOnly.executeWithoutResult(status -> streaming.query(query.sql(), rs -> {
            try {
                out.write(json.writeValueAsBytes(entry(rs, rs.getRow())));
                out.write('\n');
                if (rs.getRow() % FLUSH_EVERY == 0) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, query.arguments().toArray()));
    }

    private AuditEntry entry(ResultSet rs, int row) throws SQLException {
        JsonNode metadata = read(rs.getString("metadata"));
        String type = rs.getString("payloadtype");
        return new AuditEntry(rs.getLong("globalindex"), DateTimeUtils.parseInstant(rs.getString("timestamp")),
                rs.getString("aggregateidentifier"), rs.getString("type"), rs.getLong("sequencenumber"),
                type.substring(type.lastIndexOf('.') + 1), type, rs.getString("payloadrevision"),
                redact(read(rs.getString("payload"))),
                new Metadata(text(metadata, "actor"), text(metadata, "correlationId"), text(metadata, "causationId"),
                        text(metadata, "traceparent")));
    }

    /** Sealed values anywhere in the payload keep their key id; the ciphertext becomes the marker. */
    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("ciphertext")) {
                object.put("ciphertext", SEALED);
            }
            object.properties().forEach(field -> redact(field.getValue()));
        } else if (node.isArray()) {
            node.forEach(AuditTrail::redact);
        }
        return node;
    }

    /** A payload that is not JSON is shown as unreadable, never as its raw text (it could hold anything). */
    private JsonNode read(String text) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf("(unreadable: not JSON)");
        }
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
