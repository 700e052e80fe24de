package dev.tasman.control.feed;

import dev.tasman.api.feed.FeedEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the edge feed out of the event store, in global-position order, without ever skipping an event.
 *
 * <p>Positions come from a sequence, taken before a transaction commits: position 8 can become visible
 * while 7 is still being written. Reading "everything after 6" would then return 8, and an edge that
 * resumed after 8 would never see 7. So a read stops at the first hole until the hole is settled: either
 * no transaction that began before the read is still open (the hole's transaction is over, so it rolled
 * back, as when two commands race on one aggregate), or the event after the hole is older than the gap
 * timeout (a safety net for long unrelated transactions, which keep the first test from answering).
 */
@Component
class EventStoreFeed {

    private static final String CARRIED = String.join(",",
            FeedTranslation.storedTypes().stream().map(type -> "'" + type + "'").toList());

    private final JdbcTemplate jdbc;
    private final Duration gapTimeout;
    private final Clock clock;

    @Autowired
    EventStoreFeed(JdbcTemplate jdbc) {
        this(jdbc, Duration.ofSeconds(10), Clock.systemUTC());
    }

    EventStoreFeed(JdbcTemplate jdbc, Duration gapTimeout, Clock clock) {
        this.jdbc = jdbc;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
    }

    /**
     * @param events   the edge-relevant events read, in order
     * @param position the position read up to (past irrelevant events too): resume after it
     * @param more     true when the read stopped at {@code limit} rather than at the end or a hole
     */
    record Batch(List<FeedEvent> events, long position, boolean more) {
    }

    private record Row(long index, String type, Instant at, String payload, Timestamp readAt) {
    }

    Batch after(long position, int limit) {
        List<Row> rows = jdbc.query("select globalindex, payloadtype, timestamp, case when payloadtype in (" + CARRIED
                + ") then payload end as payload, statement_timestamp() from domainevententry where globalindex > ? "
                + "order by globalindex limit ?", (rs, n) -> new Row(rs.getLong(1), rs.getString(2),
                        Instant.parse(rs.getString(3)), rs.getString(4), rs.getTimestamp(5)), position, limit);
        List<FeedEvent> events = new ArrayList<>();
        long reached = position;
        for (Row row : rows) {
            if (row.index() != reached + 1 && !settled(row)) {
                return new Batch(events, reached, false);
            }
            if (row.payload() != null) {
                events.add(new FeedEvent(FeedEvent.VERSION, row.index(), row.at(),
                        FeedTranslation.translate(row.type(), row.payload())));
            }
            reached = row.index();
        }
        return new Batch(events, reached, rows.size() == limit);
    }

    /** The newest position in the store: what the feed has to catch up to. */
    long head() {
        Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    private boolean settled(Row afterHole) {
        if (afterHole.at().isBefore(clock.instant().minus(gapTimeout))) {
            return true;
        }
        // The missing positions were taken before the event after them committed, so before this read began:
        // a transaction that could still commit them is one that began before the read and is still open.
        return Boolean.FALSE.equals(jdbc.queryForObject("select exists (select 1 from pg_stat_activity "
                + "where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null "
                + "and xact_start <= ?)", Boolean.class, afterHole.readAt()));
    }
}
