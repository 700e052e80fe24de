package dev.tasman.query.access;

import dev.tasman.query.projection.Processor;
import dev.tasman.query.projection.Projections;
import dev.tasman.query.shared.QueryProperties;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs processor {@code access}: tokens and roles follow the event store from the moment the app starts. */
@Component
class AccessProcessor implements SmartLifecycle {

    static final String NAME = "access";
    private final Projections projections;
    private final AccessProjection projection;
    private final int batchSize;
    private volatile Processor processor;

    AccessProcessor(Projections projections, JdbcTemplate jdbc, QueryProperties properties) {
        this.projections = projections;
        this.projection = new AccessProjection(jdbc);
        this.batchSize = properties.batchSize();
    }

    @Override
    public void start() {
        processor = projections.start(NAME, List.of(projection), batchSize);
    }

    @Override
    public void stop() {
        processor.stop();
        processor = null;
    }

    @Override
    public boolean isRunning() {
        return processor != null;
    }
}
