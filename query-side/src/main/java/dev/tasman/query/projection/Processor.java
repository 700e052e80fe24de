package dev.tasman.query.projection;

import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

/** A running tracking processor as the rest of the query side sees it: where it is, and a way to stop it. */
public final class Processor {

    private final String name;
    private final TrackingEventProcessor processor;

    Processor(String name, TrackingEventProcessor processor) {
        this.name = name;
        this.processor = processor;
    }

    public String name() {
        return name;
    }

    /** Whether this process holds the processor's segment (another instance may hold it instead). */
    public boolean working() {
        return !processor.processingStatus().isEmpty();
    }

    /** The global index of the last event handled, or empty before the first one. */
    public OptionalLong position() {
        return status().map(EventTrackerStatus::getCurrentPosition).orElse(OptionalLong.empty());
    }

    /** It has handled everything the store held when it last looked. */
    public boolean caughtUp() {
        return status().map(EventTrackerStatus::isCaughtUp).orElse(false);
    }

    /** It is handling again events it had handled before {@link #restartFromTheBeginning()}. */
    public boolean replaying() {
        return status().map(EventTrackerStatus::isReplaying).orElse(true);
    }

    /** Why it is retrying, when it is (the database went away, say); parked events are not errors. */
    public Optional<String> error() {
        return status().filter(EventTrackerStatus::isErrorState).map(s -> s.getError() == null ? "unknown error"
                : s.getError().getClass().getSimpleName() + ": " + s.getError().getMessage());
    }

    /**
     * Handles the whole store again from its start: stops, moves the position back to the start, starts. What
     * the handlers write must be idempotent (the same event writes the same thing), as it is for indices with
     * ids made from events.
     */
    public synchronized void restartFromTheBeginning() {
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    public void stop() {
        processor.shutDown();
    }

    private Optional<EventTrackerStatus> status() {
        return processor.processingStatus().values().stream().findFirst();
    }
}
