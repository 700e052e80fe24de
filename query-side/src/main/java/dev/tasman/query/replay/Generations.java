package dev.tasman.query.replay;

import static dev.tasman.query.replay.GenerationTable.ACTIVE;
import static dev.tasman.query.replay.GenerationTable.BUILDING;
import static dev.tasman.query.replay.GenerationTable.RETIRED;

import dev.tasman.query.projection.EventStoreHead;
import dev.tasman.query.projection.Processor;
import dev.tasman.query.projection.Projections;
import dev.tasman.query.replay.GenerationTable.Generation;
import dev.tasman.query.shared.QueryProperties;
import dev.tasman.query.shared.Refused;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The generations of each read model and the processors that fill them. One generation is ACTIVE: readers see
 * it through the views {@code query.<model>_<table>}, and processor {@code <model>@<generation>} keeps it
 * current. A replay adds a BUILDING generation in a fresh schema, filled from the start of the event store by
 * a processor of its own while the active one keeps serving; once it has caught up with the store (and with
 * the active processor), one transaction retires the old generation, activates the new one and points the views
 * at it. The retired schema and its processor's token are dropped right after.
 *
 * <p>The database holds the truth ({@link GenerationTable}); a loop reconciles this process with it, so a
 * replay survives a restart and resumes from its processor's stored position.
 */
@Component
public class Generations implements InitializingBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    private final Map<String, ReadModel> models;
    private final Map<String, Replayable> inPlace;
    private final GenerationTable table;
    private final Projections projections;
    private final EventStoreHead head;
    private final QueryProperties properties;
    private final Map<String, Map<Integer, Local>> running = new HashMap<>();
    private volatile ScheduledExecutorService loop;
    private volatile String lastProblem;

    /** A processor this process runs, and where it stood when it started (for events per second). */
    private record Local(Processor processor, long startPosition, long startNanos) {

        Double eventsPerSecond() {
            double seconds = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
            long handled = processor.position().orElse(startPosition) - startPosition;
            return seconds < 0.001 ? null : Math.round(handled / seconds * 10) / 10.0;
        }
    }

    Generations(List<ReadModel> models, List<Replayable> inPlace, GenerationTable table, Projections projections,
            EventStoreHead head, QueryProperties properties) {
        this.models = models.stream().collect(Collectors.toMap(ReadModel::name, m -> m, (a, b) -> a, TreeMap::new));
        this.inPlace = inPlace.stream().collect(Collectors.toMap(Replayable::name, r -> r, (a, b) -> a,
                TreeMap::new));
        this.table = table;
        this.projections = projections;
        this.head = head;
        this.properties = properties;
    }

    /** Before the web server answers: every model has an active generation and views to read. */
    @Override
    public void afterPropertiesSet() {
        for (ReadModel model : models.values()) {
            table.locked(model, () -> {
                if (table.all(model).stream().noneMatch(g -> g.is(ACTIVE))) {
                    int first = table.create(model, ACTIVE, null, null);
                    log.info("Read model {} starts as generation {}, built from the start of the event store",
                            model.name(), first);
                }
                return null;
            });
        }
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

    public ReadModel model(String name) {
        ReadModel model = models.get(name);
        if (model == null) {
            TreeMap<String, Object> all = new TreeMap<>(models);
            all.putAll(inPlace);
            throw Refused.notFound("There is no read model '" + name + "'; the read models that can be replayed are: "
                    + String.join(", ", all.keySet()) + ".");
        }
        return model;
    }

    /**
     * Starts rebuilding {@code name} into a new generation (or, for an index rebuilt in place, from the start of
     * the store over the one that serves); 409 while a replay of it is still running.
     */
    public ReplayStatus replay(String name, String requestedBy) {
        Replayable replayable = inPlace.get(name);
        return replayable != null ? replayable.replay(requestedBy) : replayGeneration(name, requestedBy);
    }

    private synchronized ReplayStatus replayGeneration(String name, String requestedBy) {
        ReadModel model = model(name);
        int number = table.locked(model, () -> {
            table.all(model).stream().filter(g -> g.is(BUILDING)).findFirst().ifPresent(g -> {
                throw Refused.conflict("A replay of '" + name + "' is already running (generation " + g.number()
                        + ", started " + g.startedAt() + " by " + g.requestedBy() + ", at position "
                        + (g.position() == null ? 0 : g.position()) + " of " + g.headPosition() + "). Follow it at "
                        + "GET /v1/admin/replay/" + name + " and ask again once it has finished.");
            });
            return table.create(model, BUILDING, requestedBy, head.position());
        });
        log.info("Replay of read model {} requested by {}: building generation {} from the start of the event store",
                name, requestedBy, number);
        reconcile(model);
        return generationStatus(name);
    }

    public ReplayStatus status(String name) {
        Replayable replayable = inPlace.get(name);
        return replayable != null ? replayable.status() : generationStatus(name);
    }

    private synchronized ReplayStatus generationStatus(String name) {
        ReadModel model = model(name);
        List<Generation> all = table.all(model);
        Generation active = all.stream().filter(g -> g.is(ACTIVE)).findFirst().orElseThrow();
        Generation latest = all.getFirst();
        boolean building = latest.is(BUILDING);
        String state = building ? "RUNNING" : latest.requestedBy() == null ? "NONE" : "FINISHED";
        Local local = local(model).get(latest.number());
        Long position = local != null && local.processor().position().isPresent()
                ? Long.valueOf(local.processor().position().getAsLong()) : latest.position();
        Long headPosition = building ? Long.valueOf(head.position()) : latest.headPosition();
        Double rate = building && local != null ? local.eventsPerSecond() : latest.eventsPerSecond();
        Double progress = position == null || headPosition == null ? null
                : headPosition == 0 ? 1.0 : Math.min(1.0, position / (double) headPosition);
        String error = building && local != null ? local.processor().error().orElse(null) : null;
        return new ReplayStatus(name, state, active.number(), latest.number(), latest.requestedBy(),
                latest.startedAt(), latest.finishedAt(), position, headPosition, progress, rate, error);
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

    /**
     * Runs the processors the database asks for, records a replay's progress, switches when it is done, and
     * drops what a switch retired.
     */
    private synchronized void reconcile(ReadModel model) {
        List<Generation> all = table.all(model);
        List<Generation> wanted = all.stream().filter(g -> g.is(ACTIVE) || g.is(BUILDING)).toList();
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
        wanted.stream().filter(g -> g.is(BUILDING)).findFirst().ifPresent(g -> progress(model, g, local));
        table.all(model).stream().filter(g -> g.is(RETIRED)).forEach(g -> {
            Local old = local.remove(g.number());
            if (old != null) {
                old.processor().stop();
            }
            table.drop(model, g.number());
        });
    }

    private Local start(ReadModel model, Generation g) {
        int batchSize = g.is(BUILDING) ? properties.replay().batchSize() : properties.batchSize();
        Processor processor = projections.start(GenerationTable.processorName(model, g.number()),
                model.projections(GenerationTable.schema(model, g.number())), batchSize);
        return new Local(processor, g.position() == null ? 0 : g.position(), System.nanoTime());
    }

    private void progress(ReadModel model, Generation building, Map<Integer, Local> local) {
        Local replay = local.get(building.number());
        if (!replay.processor().working()) {
            return; // another instance holds the replay's processor and records its progress
        }
        long storeHead = head.position();
        long position = replay.processor().position().orElse(0);
        Double rate = replay.eventsPerSecond();
        table.recordProgress(model, building.number(), position, storeHead, rate);
        long activePosition = local.entrySet().stream().filter(e -> e.getKey() != building.number())
                .mapToLong(e -> e.getValue().processor().position().orElse(0)).max().orElse(0);
        // Not behind the store, nor behind what readers see now: switching must never step the dashboard back.
        if (replay.processor().caughtUp() && position >= storeHead && position >= activePosition) {
            table.activate(model, building.number(), position, storeHead, rate);
            log.info("Read model {} now serves generation {} (replayed up to position {} at {} events/s)",
                    model.name(), building.number(), position, rate == null ? "?" : Math.round(rate));
        }
    }

    private Map<Integer, Local> local(ReadModel model) {
        return running.computeIfAbsent(model.name(), n -> new HashMap<>());
    }
}
