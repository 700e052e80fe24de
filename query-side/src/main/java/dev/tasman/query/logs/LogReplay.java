package dev.tasman.query.logs;

import dev.tasman.query.projection.EventStoreHead;
import dev.tasman.query.projection.Processor;
import dev.tasman.query.replay.ReplayStatus;
import dev.tasman.query.replay.Replayable;
import dev.tasman.query.shared.Refused;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replay of the logs index in place: processor {@code logs} goes back to the start of the event store and
 * writes every document again under the same id, so the index keeps serving throughout and ends up as the
 * events say (a document fixed by a newer handler replaces the old one). Request telemetry is not in the event
 * store and is left as it is. Progress is kept in memory: after a restart the replay goes on (the position is
 * stored) but its status starts over as NONE.
 */
@Component
class LogReplay implements Replayable {

    private static final Logger log = LoggerFactory.getLogger(LogReplay.class);

    private final LogProcessor processor;
    private final EventStoreHead head;
    private Run run;

    LogReplay(LogProcessor processor, EventStoreHead head) {
        this.processor = processor;
        this.head = head;
    }

    private record Run(String requestedBy, Instant startedAt, long startNanos, long headPosition,
            Instant finishedAt) {

        Run finished() {
            return new Run(requestedBy, startedAt, startNanos, headPosition, Instant.now());
        }
    }

    @Override
    public String name() {
        return LogProjection.PROCESSOR;
    }

    @Override
    public synchronized ReplayStatus replay(String requestedBy) {
        if (run != null && run.finishedAt() == null && status().state().equals("RUNNING")) {
            throw Refused.conflict("A replay of 'logs' is already running (started " + run.startedAt() + " by "
                    + run.requestedBy() + "). Follow it at GET /v1/admin/replay/logs and ask again once it has "
                    + "finished.");
        }
        run = new Run(requestedBy, Instant.now(), System.nanoTime(), head.position(), null);
        processor.processor().restartFromTheBeginning();
        log.info("Replay of the logs index requested by {}: processor logs handles the event store again from its "
                + "start, up to position {} and on", requestedBy, run.headPosition());
        return status();
    }

    @Override
    public synchronized ReplayStatus status() {
        if (run == null) {
            return new ReplayStatus(name(), "NONE", 1, 1, null, null, null, null, null, null, null, null);
        }
        Processor logs = processor.processor();
        Long position = logs.position().isPresent() ? Long.valueOf(logs.position().getAsLong()) : null;
        // Axon's replay flag stays up until an event past the reset position arrives, which on a quiet store may
        // be never: the replay is over once the position reached the head it was asked for and nothing is behind
        if (run.finishedAt() == null && position != null && position >= run.headPosition() && logs.caughtUp()) {
            run = run.finished();
            log.info("Replay of the logs index finished at position {}", position);
        }
        double seconds = Duration.ofNanos(System.nanoTime() - run.startNanos()).toMillis() / 1000.0;
        Double rate = run.finishedAt() != null || seconds < 0.001 || position == null ? null
                : Math.round(position / seconds * 10) / 10.0;
        Double progress = run.headPosition() == 0 ? 1.0 : position == null ? 0.0
                : Math.min(1.0, position / (double) run.headPosition());
        return new ReplayStatus(name(), run.finishedAt() == null ? "RUNNING" : "FINISHED", 1, 1, run.requestedBy(),
                run.startedAt(), run.finishedAt(), position, run.headPosition(), progress, rate,
                run.finishedAt() == null ? logs.error().orElse(null) : null);
    }
}
