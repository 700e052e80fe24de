package dev.tasman.edge.telemetry;

import dev.tasman.edge.control.Backoff;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Ships the backlog, oldest segment first, one at a time, on its own thread: a query side that is slow,
 * down or hanging holds up only this thread, never serving and never the writes to disk. A segment is
 * deleted after the query side accepted it; a refusal of the batch itself (400) deletes it as well,
 * logged, since sending it again would get the same answer. Anything else (no answer, 5xx, 401/403, other
 * 4xx) keeps it and tries again after a growing wait: nothing is lost while the query side is away, up to
 * the backlog's bound.
 */
final class Shipper implements Runnable {

    private static final System.Logger LOG = System.getLogger(Shipper.class.getName());

    private final Backlog backlog;
    private final QuerySide querySide;
    private final Backoff retry;
    private final Duration idle;
    private final Tally tally;
    private final Clock clock;
    private final Semaphore work = new Semaphore(0);
    private String failing; // the failure last logged, so a long outage is one line, not one per attempt
    private volatile boolean stopping;

    Shipper(Backlog backlog, QuerySide querySide, Backoff retry, Duration idle, Tally tally, Clock clock) {
        this.backlog = backlog;
        this.querySide = querySide;
        this.retry = retry;
        this.idle = idle;
        this.tally = tally;
        this.clock = clock;
    }

    /** A segment was written: ship it now rather than at the next idle check. */
    void wake() {
        work.release();
    }

    /** Ends {@link #run} at its next step; interrupting its thread ends a wait or a POST at once. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<Backlog.Segment> next = backlog.nextToShip();
                if (next.isEmpty()) {
                    work.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    work.drainPermits();
                    continue;
                }
                if (ship(next.get())) {
                    failures = 0;
                } else {
                    failures++;
                    Thread.sleep(retry.jittered(failures));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return whether the segment is done with (accepted or refused for good) */
    private boolean ship(Backlog.Segment segment) throws InterruptedException {
        byte[] batch;
        try {
            batch = backlog.read(segment);
        } catch (ClosedByInterruptException stopped) {
            throw new InterruptedException("stopping"); // the segment is fine: it ships after the next start
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Telemetry batch " + segment.file().getFileName() + " cannot be read ("
                    + e.getMessage() + "); dropping its " + segment.records() + " records");
            forget(segment);
            return true;
        }
        QuerySide.Answer answer = querySide.send(batch);
        if (answer.accepted()) {
            done(segment);
            tally.shipped.addAndGet(segment.records());
            tally.lastSuccessEpochSeconds = clock.instant().getEpochSecond();
            if (failing != null) {
                LOG.log(Level.INFO, "Telemetry shipping to " + querySide + " works again");
                failing = null;
            }
            return true;
        }
        if (answer.refusedForGood()) {
            LOG.log(Level.WARNING, "The query side refused telemetry batch " + segment.file().getFileName() + ": "
                    + answer + "; dropping its " + segment.records() + " records");
            forget(segment);
            return true;
        }
        backlog.retryLater();
        tally.lastErrorEpochSeconds = clock.instant().getEpochSecond();
        tally.lastErrorStatus = answer.status();
        String failure = answer.status() == 401 || answer.status() == 403
                ? "the query side refuses this edge's token (" + answer + ")" : answer.toString();
        if (!failure.equals(failing)) {
            failing = failure;
            LOG.log(Level.WARNING, "Telemetry cannot be shipped to " + querySide + ": " + failure + "; keeping "
                    + backlog.records() + " records on disk and trying again");
        }
        return false;
    }

    /** A segment that will never be delivered: deleted, its records counted as dropped and told in the next batch. */
    private void forget(Backlog.Segment segment) {
        done(segment);
        tally.lost(segment);
    }

    private void done(Backlog.Segment segment) {
        try {
            backlog.shipped(segment);
        } catch (IOException e) {
            // the file stays and is sent again after a restart: ids make that harmless
            LOG.log(Level.WARNING, "Cannot delete shipped telemetry batch " + segment.file() + ": " + e.getMessage());
        }
    }
}
