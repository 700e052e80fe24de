package dev.tasman.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ceiling for a replay: every event of the store read with plain JDBC in position order, every column a
 * replay needs, with a server-side cursor; and the same with each payload and metadata parsed into its record
 * by the control plane's mapper, the least any replay has to do before writing anything.
 */
final class EventScan {

    /** Events read, payload and metadata bytes, and seconds. */
    record Result(long events, long bytes, double seconds) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private EventScan() {
    }

    static Result scan(String databaseUrl, boolean parse) throws Exception {
        ObjectMapper json = Json.mapper();
        Map<String, Optional<Class<?>>> types = new HashMap<>();
        long events = 0;
        long bytes = 0;
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(databaseUrl)) {
            c.setAutoCommit(false); // or the driver reads the whole result into memory
            try (PreparedStatement select = c.prepareStatement("select globalindex, eventidentifier, "
                    + "aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, "
                    + "metadata from domainevententry order by globalindex")) {
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(1);
                        rows.getString(2);
                        rows.getString(3);
                        rows.getLong(4);
                        rows.getString(5);
                        rows.getString(6);
                        String type = rows.getString(7);
                        rows.getString(8);
                        String payload = rows.getString(9);
                        String metadata = rows.getString(10);
                        bytes += payload.length() + metadata.length();
                        if (parse) {
                            Optional<Class<?>> payloadType = types.computeIfAbsent(type, EventScan::load);
                            json.readValue(payload, payloadType.orElseThrow());
                            json.readTree(metadata);
                        }
                        events++;
                    }
                }
            }
            c.commit();
        }
        return new Result(events, bytes, (System.nanoTime() - start) / 1e9);
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
