package dev.tasman.query.projection;

import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * One tracking processor that follows the event store for as long as the app runs: started with the app from
 * its stored position, stopped with it. Read models rebuilt by generations are started by {@code Generations}
 * instead; this is for the ones that always run in place (access, logs).
 */
public abstract class FollowingProcessor implements SmartLifecycle {

    private final Projections projections;
    private final String name;
    private final Object handler;
    private final int batchSize;
    private volatile Processor processor;

    protected FollowingProcessor(Projections projections, String name, Object handler, int batchSize) {
        this.projections = projections;
        this.name = name;
        this.handler = handler;
        this.batchSize = batchSize;
    }

    @Override
    public final void start() {
        processor = projections.start(name, List.of(handler), batchSize);
    }

    @Override
    public final void stop() {
        processor.stop();
        processor = null;
    }

    @Override
    public final boolean isRunning() {
        return processor != null;
    }

    /** Where it is and why it retries, if it does; null while stopped. */
    public Processor processor() {
        return processor;
    }
}
