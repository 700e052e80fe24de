package dev.tasman.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The newest position in the control plane's event store: how far a processor has to go. */
@Component
public class EventStoreHead {

    private final JdbcTemplate jdbc;

    EventStoreHead(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long position() {
        Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return head == null ? 0 : head;
    }
}
