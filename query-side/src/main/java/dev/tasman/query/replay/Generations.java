package dev.tasman.query.replay;

import dev.tasman.query.projection.EventStoreHead;
import dev.tasman.query.projection.Processor;
import dev.tasman.query.projection.Projections;
import dev.tasman.query.shared.QueryProperties;
import dev.tasman.query.shared.Refused;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The generations of each read model and the processors that fill them. One generation is ACTIVE: readers see
 * it through the views {@code query.<model>_<table>}, and processor {@code <model>@<generation>} keeps it
 * current. A replay adds a BUILDING generation in a fresh schema, filled from the start of the event store by
 * a processor of its own while the active one keeps serving; once it has caught up with the store (and with
 * the active processor), one transaction retires the old generation, activates the new one and points the views
 * at it. The retired schema and its processor's token are dropped right after.
 *
 * <p>The database holds the truth (table {@code query.read_model_generation}); a loop reconciles this process
 * with it, so a replay survives a restart and resumes from its processor's stored position.
 */
@Component
public class Generations implements InitializingBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    private final Map<String, ReadModel> models;
    private final Projections projections;
    private final EventStoreHead head;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final QueryProperties properties;
    private final Map<String, Map<Integer, Local>> running = new HashMap<>();
    private volatile ScheduledExecutorService loop;
    private volatile String lastProblem;

    /** A processor this process runs, and where it stood when it started (for events per second). */
    private record Local(Processor processor, long startPosition, long startNanos) {
    }

    private record Generation(int number, String state, String requestedBy, Instant startedAt, Instant finishedAt,
            Long position, Long headPosition, Double eventsPerSecond) {
    }

    Generations(List<ReadModel> models, Projections projections, EventStoreHead head, JdbcTemplate jdbc,
            PlatformTransactionManager transactions, QueryProperties properties) {
        this.models = models.stream().collect(Collectors.toMap(ReadModel::name, m -> m, (a, b) -> a, TreeMap::new));
        this.projections = projections;
        this.head = head;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
    }

    /** Before the web server answers: every model has an active generation and views to read. */
    @Override
    public void afterPropertiesSet() {
        models.values().forEach(this::ensureActive);
    }

    @Override
    public void start() {
        models.values().forEach(this::reconcileQuietly);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("read-model-generations").daemon(true).factory());
        long interval = properties.replay().checkInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> models.values().forEach(this::reconcileQuietly), interval, interval,
                TimeUnit.MILLISECONDS);
        loop = scheduler;
    }

    /** The loop is interrupted first: a check waiting for an unreachable database must not hold up shutdown. */
    @Override
    public void stop() {
        ScheduledExecutorService scheduler = loop;
        loop = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            running.values().forEach(byGeneration -> byGeneration.values().forEach(l -> l.processor().stop()));
            running.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    public List<String> names() {
        return List.copyOf(models.keySet());
    }

    public ReadModel model(String name) {
        ReadModel model = models.get(name);
        if (model == null) {
            throw Refused.notFound("There is no read model '" + name + "'; the read models that can be replayed are: "
                    + String.join(", ", models.keySet()) + ".");
        }
        return model;
    }

    /** Starts rebuilding {@code name} into a new generation; 409 while a replay of it is still running. */
    public synchronized ReplayStatus replay(String name, String requestedBy) {
        ReadModel model = model(name);
        int number = locked(model, () -> {
            Optional<Generation> building = generations(model).stream().filter(g -> g.state().equals("BUILDING"))
                    .findFirst();
            if (building.isPresent()) {
                Generation g = building.get();
                throw Refused.conflict("A replay of '" + name + "' is already running (generation " + g.number()
                        + ", started " + g.startedAt() + " by " + g.requestedBy() + ", at position "
                        + (g.position() == null ? 0 : g.position()) + " of " + g.headPosition() + "). Follow it at "
                        + "GET /v1/admin/replay/" + name + " and ask again once it has finished.");
            }
            int next = create(model);
            jdbc.update("insert into query.read_model_generation (read_model, generation, state, requested_by, "
                    + "started_at, position, head_position) values (?, ?, 'BUILDING', ?, now(), 0, ?)", name, next,
                    requestedBy, head.position());
            return next;
        });
        log.info("Replay of read model {} requested by {}: building generation {} from the start of the event store",
                name, requestedBy, number);
        reconcile(model);
        return status(name);
    }

    public synchronized ReplayStatus status(String name) {
        ReadModel model = model(name);
        List<Generation> all = generations(model);
        Generation active = all.stream().filter(g -> g.state().equals("ACTIVE")).findFirst().orElseThrow();
        Generation latest = all.getFirst();
        boolean building = latest.state().equals("BUILDING");
        String state = building ? "RUNNING" : latest.requestedBy() == null ? "NONE" : "FINISHED";
        Local local = local(model).get(latest.number());
        Long position = local != null && local.processor().position().isPresent()
                ? Long.valueOf(local.processor().position().getAsLong()) : latest.position();
        Long headPosition = building ? Long.valueOf(head.position()) : latest.headPosition();
        Double rate = building && local != null ? rate(local) : latest.eventsPerSecond();
        Double progress = position == null || headPosition == null ? null
                : headPosition == 0 ? 1.0 : Math.min(1.0, position / (double) headPosition);
        String error = building && local != null ? local.processor().error().orElse(null) : null;
        return new ReplayStatus(name, state, active.number(), latest.number(), latest.requestedBy(),
                latest.startedAt(), latest.finishedAt(), position, headPosition, progress, rate, error);
    }

    private void ensureActive(ReadModel model) {
        locked(model, () -> {
            if (generations(model).stream().noneMatch(g -> g.state().equals("ACTIVE"))) {
                int first = create(model);
                jdbc.update("insert into query.read_model_generation (read_model, generation, state, started_at) "
                        + "values (?, ?, 'ACTIVE', now())", model.name(), first);
                pointViewsAt(model, first);
                log.info("Read model {} starts as generation {}, built from the start of the event store",
                        model.name(), first);
            }
            return null;
        });
    }

    /** For the loop: a database that went away is logged once, not every half second. */
    private void reconcileQuietly(ReadModel model) {
        try {
            reconcile(model);
            lastProblem = null;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                log.warn("Could not check the generations of read model {}: {}", model.name(), e.getMessage());
            }
            lastProblem = String.valueOf(e.getMessage());
        }
    }

    /** Runs the processors the database asks for, records a replay's progress, and switches when it is done. */
    private synchronized void reconcile(ReadModel model) {
        List<Generation> wanted = generations(model).stream()
                .filter(g -> g.state().equals("ACTIVE") || g.state().equals("BUILDING")).toList();
        Map<Integer, Local> local = local(model);
        for (Generation g : wanted) {
            local.computeIfAbsent(g.number(), n -> start(model, g));
        }
        local.keySet().removeIf(n -> {
            boolean unwanted = wanted.stream().noneMatch(g -> g.number() == n);
            if (unwanted) {
                local.get(n).processor().stop();
            }
            return unwanted;
        });
        wanted.stream().filter(g -> g.state().equals("BUILDING")).findFirst()
                .ifPresent(building -> progress(model, building, local));
        dropRetired(model);
    }

    /** A retired generation's tables and token go once no processor here writes to them any more. */
    private void dropRetired(ReadModel model) {
        for (Generation g : generations(model)) {
            if (g.state().equals("RETIRED")) {
                Local old = local(model).remove(g.number());
                if (old != null) {
                    old.processor().stop();
                }
                locked(model, () -> {
                    jdbc.execute("drop schema if exists " + schema(model, g.number()) + " cascade");
                    jdbc.update("delete from query.token_entry where processorname = ?", processorName(model, g.number()));
                    return jdbc.update("update query.read_model_generation set state = 'DROPPED' where read_model = ? "
                            + "and generation = ?", model.name(), g.number());
                });
            }
        }
    }

    private Local start(ReadModel model, Generation g) {
        int batchSize = g.state().equals("BUILDING") ? properties.replay().batchSize() : properties.batchSize();
        Processor processor = projections.start(processorName(model, g.number()),
                model.projections(schema(model, g.number())), batchSize);
        return new Local(processor, g.position() == null ? 0 : g.position(), System.nanoTime());
    }

    private void progress(ReadModel model, Generation building, Map<Integer, Local> local) {
        Local replay = local.get(building.number());
        if (!replay.processor().working()) {
            return; // another instance holds the replay's processor and records its progress
        }
        long storeHead = head.position();
        long position = replay.processor().position().orElse(0);
        Double rate = rate(replay);
        jdbc.update("update query.read_model_generation set position = ?, head_position = ?, events_per_second = ? "
                + "where read_model = ? and generation = ?", position, storeHead, rate, model.name(),
                building.number());
        long activePosition = local.entrySet().stream().filter(e -> e.getKey() != building.number())
                .mapToLong(e -> e.getValue().processor().position().orElse(0)).max().orElse(0);
        // Not behind the store, nor behind what readers see now: switching must never step the dashboard back.
        if (replay.processor().caughtUp() && position >= storeHead && position >= activePosition) {
            switchTo(model, building.number(), position, storeHead, rate);
        }
    }

    private void switchTo(ReadModel model, int number, long position, long storeHead, Double rate) {
        locked(model, () -> {
            jdbc.update("update query.read_model_generation set state = 'RETIRED' where read_model = ? "
                    + "and state = 'ACTIVE'", model.name());
            int switched = jdbc.update("update query.read_model_generation set state = 'ACTIVE', finished_at = now(), "
                    + "position = ?, head_position = ?, events_per_second = ? where read_model = ? and generation = ? "
                    + "and state = 'BUILDING'", position, storeHead, rate, model.name(), number);
            if (switched != 1) {
                throw new IllegalStateException("generation " + number + " of " + model.name() + " is not building");
            }
            pointViewsAt(model, number);
            return null;
        });
        log.info("Read model {} now serves generation {} (replayed up to position {} at {} events/s)", model.name(),
                number, position, rate == null ? "?" : Math.round(rate));
    }

    /** The next generation's schema with empty tables; the caller holds the model's lock. */
    private int create(ReadModel model) {
        Integer last = jdbc.queryForObject("select max(generation) from query.read_model_generation "
                + "where read_model = ?", Integer.class, model.name());
        int number = last == null ? 1 : last + 1;
        String schema = schema(model, number);
        jdbc.execute("drop schema if exists " + schema + " cascade"); // left by a replay whose row rolled back
        jdbc.execute("create schema " + schema);
        jdbc.execute(model.ddl(schema));
        return number;
    }

    /** Readers switch generation here: dropping and creating views is transactional in PostgreSQL. */
    private void pointViewsAt(ReadModel model, int number) {
        for (String table : model.tables()) {
            String view = "query." + model.name() + "_" + table;
            jdbc.execute("drop view if exists " + view);
            jdbc.execute("create view " + view + " as select * from " + schema(model, number) + "." + table);
        }
    }

    /** One transaction holding the model's advisory lock: generations change one at a time, across instances. */
    private <T> T locked(ReadModel model, Supplier<T> work) {
        return transaction.execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", "query.read_model." + model.name());
            return work.get();
        });
    }

    private List<Generation> generations(ReadModel model) {
        return jdbc.query("select * from query.read_model_generation where read_model = ? order by generation desc",
                Generations::generation, model.name());
    }

    private Map<Integer, Local> local(ReadModel model) {
        return running.computeIfAbsent(model.name(), n -> new HashMap<>());
    }

    private static Double rate(Local local) {
        double seconds = Duration.ofNanos(System.nanoTime() - local.startNanos()).toMillis() / 1000.0;
        long handled = local.processor().position().orElse(local.startPosition()) - local.startPosition();
        return seconds < 0.001 ? null : Math.round(handled / seconds * 10) / 10.0;
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
