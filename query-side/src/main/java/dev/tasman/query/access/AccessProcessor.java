package dev.tasman.query.access;

import dev.tasman.query.projection.FollowingProcessor;
import dev.tasman.query.projection.Projections;
import dev.tasman.query.shared.QueryProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs processor {@code access}: tokens and roles follow the event store from the moment the app starts. */
@Component
class AccessProcessor extends FollowingProcessor {

    static final String NAME = "access";

    AccessProcessor(Projections projections, JdbcTemplate jdbc, QueryProperties properties) {
        super(projections, NAME, new AccessProjection(jdbc), properties.batchSize());
    }
}
