package dev.tasman.query.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The generations of the read models in the database: rows of {@code query.read_model_generation}, the schema
 * of each generation, and the views readers use. Every change runs in one transaction holding the model's
 * advisory lock, so generations change one at a time, across instances too.
 */
@Component
class GenerationTable {

    static final String ACTIVE = "ACTIVE";
    static final String BUILDING = "BUILDING";
    static final String RETIRED = "RETIRED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    GenerationTable(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    record Generation(int number, String state, String requestedBy, Instant startedAt, Instant finishedAt,
            Long position, Long headPosition, Double eventsPerSecond) {

        boolean is(String wanted) {
            return state.equals(wanted);
        }
    }

    /** Newest first. */
    List<Generation> all(ReadModel model) {
        return jdbc.query("select * from query.read_model_generation where read_model = ? order by generation desc",
                GenerationTable::generation, model.name());
    }

    <T> T locked(ReadModel model, Supplier<T> work) {
        return transaction.execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", "query.read_model." + model.name());
            return work.get();
        });
    }

    /** Creates the next generation, empty, in state {@code state}; the caller holds the lock. */
    int create(ReadModel model, String state, String requestedBy, Long headPosition) {
        Integer last = jdbc.queryForObject("select max(generation) from query.read_model_generation "
                + "where read_model = ?", Integer.class, model.name());
        int number = last == null ? 1 : last + 1;
        String schema = schema(model, number);
        jdbc.execute("drop schema if exists " + schema + " cascade"); // left by a replay whose row rolled back
        jdbc.execute("create schema " + schema);
        jdbc.execute(model.ddl(schema));
        jdbc.update("insert into query.read_model_generation (read_model, generation, state, requested_by, "
                + "started_at, position, head_position) values (?, ?, ?, ?, now(), ?, ?)", model.name(), number, state,
                requestedBy, headPosition == null ? null : 0L, headPosition);
        if (state.equals(ACTIVE)) {
            pointViewsAt(model, number);
        }
        return number;
    }

    void recordProgress(ReadModel model, int number, long position, long headPosition, Double eventsPerSecond) {
        jdbc.update("update query.read_model_generation set position = ?, head_position = ?, events_per_second = ? "
                + "where read_model = ? and generation = ?", position, headPosition, eventsPerSecond, model.name(),
                number);
    }

    /** The switch: the active generation retires, {@code number} becomes active, and the views follow it. */
    void activate(ReadModel model, int number, long position, long headPosition, Double eventsPerSecond) {
        locked(model, () -> {
            jdbc.update("update query.read_model_generation set state = 'RETIRED' where read_model = ? "
                    + "and state = 'ACTIVE'", model.name());
            int switched = jdbc.update("update query.read_model_generation set state = 'ACTIVE', finished_at = now(), "
                    + "position = ?, head_position = ?, events_per_second = ? where read_model = ? and generation = ? "
                    + "and state = 'BUILDING'", position, headPosition, eventsPerSecond, model.name(), number);
            if (switched != 1) {
                throw new IllegalStateException("generation " + number + " of " + model.name() + " is not building");
            }
            pointViewsAt(model, number);
            return null;
        });
    }

    /** A retired generation's tables and its processor's position go; the row stays as history. */
    void drop(ReadModel model, int number) {
        locked(model, () -> {
            jdbc.execute("drop schema if exists " + schema(model, number) + " cascade");
            jdbc.update("delete from query.token_entry where processorname = ?", processorName(model, number));
            return jdbc.update("update query.read_model_generation set state = 'DROPPED' where read_model = ? "
                    + "and generation = ?", model.name(), number);
        });
    }

    /** Readers switch generation here: dropping and creating views is transactional in PostgreSQL. */
    private void pointViewsAt(ReadModel model, int number) {
        for (String table : model.tables()) {
            String view = "query." + model.name() + "_" + table;
            jdbc.execute("drop view if exists " + view);
            jdbc.execute("create view " + view + " as select * from " + schema(model, number) + "." + table);
        }
    }

    static String schema(ReadModel model, int generation) {
        return "query_" + model.name() + "_" + generation;
    }

    static String processorName(ReadModel model, int generation) {
        return model.name() + "@" + generation;
    }

    private static Generation generation(ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Generation(rs.getInt("generation"), rs.getString("state"), rs.getString("requested_by"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                (Long) rs.getObject("position"), (Long) rs.getObject("head_position"),
                (Double) rs.getObject("events_per_second"));
    }
}
