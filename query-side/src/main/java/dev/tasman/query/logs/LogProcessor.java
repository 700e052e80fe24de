package dev.tasman.query.logs;

import dev.tasman.query.projection.Processor;
import dev.tasman.query.projection.Projections;
import dev.tasman.query.shared.QueryProperties;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs processor {@code logs}: build logs and deployment timelines follow the event store into Elasticsearch.
 * It starts whether or not Elasticsearch is up; while it is not, each batch fails and is tried again.
 */
@Component
class LogProcessor implements SmartLifecycle {

    private final Projections projections;
    private final LogProjection projection;
    private final int batchSize;
    private volatile Processor processor;

    LogProcessor(Projections projections, JdbcTemplate jdbc, Indices indices, QueryProperties properties) {
        this.projections = projections;
        this.projection = new LogProjection(jdbc, indices, projections);
        this.batchSize = properties.batchSize();
    }

    @Override
    public void start() {
        processor = projections.start(LogProjection.PROCESSOR, List.of(projection), batchSize);
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

    /** Where it is and why it retries, if it does (for replay progress). */
    Processor processor() {
        return processor;
    }
}
