package dev.tasman.control.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.deployment.LogLine;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Build log lines as stored in the event store, from a given event sequence on. */
@Component
class BuildLogs {

    private static final ObjectMapper JSON = Json.mapper();
    private final JdbcTemplate jdbc;

    BuildLogs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A line with its place: the event's sequence number and the line's index in that batch. */
    record Entry(long sequence, int index, LogLine line) {
        String id() {
            return sequence + "." + index;
        }
    }

    List<Entry> after(String deploymentId, long sequence, int index) {
        List<Entry> entries = new ArrayList<>();
        jdbc.query("select sequencenumber, payload from domainevententry where aggregateidentifier = ? "
                + "and payloadtype = 'dev.tasman.api.deployment.BuildLogRecorded' and sequencenumber >= ? "
                + "order by sequencenumber", rs -> {
                    long seq = rs.getLong(1);
                    try {
                        JsonNode lines = JSON.readTree(rs.getString(2)).get("lines");
                        for (int i = 0; i < lines.size(); i++) {
                            if (seq > sequence || i > index) {
                                entries.add(new Entry(seq, i, JSON.treeToValue(lines.get(i), LogLine.class)));
                            }
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("Unreadable build log event of " + deploymentId, e);
                    }
                }, deploymentId, sequence);
        return entries;
    }
}
