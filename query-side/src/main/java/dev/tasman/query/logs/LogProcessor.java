package dev.tasman.query.logs;

import dev.tasman.query.projection.FollowingProcessor;
import dev.tasman.query.projection.Projections;
import dev.tasman.query.shared.QueryProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs processor {@code logs}: build logs and deployment timelines follow the event store into Elasticsearch.
 * It starts whether or not Elasticsearch is up; while it is not, each batch fails and is tried again.
 */
@Component
class LogProcessor extends FollowingProcessor {

    LogProcessor(Projections projections, JdbcTemplate jdbc, Indices indices, QueryProperties properties) {
        super(projections, LogProjection.PROCESSOR, new LogProjection(jdbc, indices, projections),
                properties.batchSize());
    }
}
