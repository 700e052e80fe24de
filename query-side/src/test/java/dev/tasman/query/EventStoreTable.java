package dev.tasman.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The control plane's event table, created the way its Flyway migration V1 creates it (a copy of that DDL:
 * the query side may not depend on the control plane, so it cannot run its migrations).
 */
final class EventStoreTable {

    private EventStoreTable() {
    }

    static void create(String url) {
        try (InputStream ddl = EventStoreTable.class.getResourceAsStream("/control-plane-event-store.sql");
             Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not create the event store table: " + e.getMessage(), e);
        }
    }
}
