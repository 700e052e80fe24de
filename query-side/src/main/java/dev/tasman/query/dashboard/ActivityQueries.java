package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.instant;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The activity feed, newest first, read through the active generation's views. */
@Component
class ActivityQueries {

    private final JdbcTemplate jdbc;

    ActivityQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code summary} reads after the actor: "alice" + " created project hello". */
    record ActivityEntry(long position, Instant at, String type, String actor, String projectId, String projectName,
            String deploymentId, String edgeId, String summary) {
    }

    /**
     * People other than admins see their projects' activity and the edges' (every user may list edges), never
     * token activity.
     */
    List<ActivityEntry> list(Visibility visibility, String projectId, String type, String actor,
            Long beforePosition, int limit) {
        Where where = new Where();
        if (!visibility.everything()) {
            where.and("(a.project_id in (select m.project_id from query.project_member m where m.subject = ?) "
                    + "or (a.project_id is null and a.type not like 'Token%'))", visibility.subject());
        }
        where.andIf(projectId, "a.project_id = ?").andIf(type, "a.type = ?").andIf(actor, "a.actor = ?")
                .andIf(beforePosition, "a.position < ?");
        return jdbc.query("select a.*, p.name project_name from query.dashboard_activity a "
                + "left join query.dashboard_project p on p.project_id = a.project_id" + where.sql()
                + " order by a.position desc limit ?",
                (rs, row) -> new ActivityEntry(rs.getLong("position"), instant(rs, "at"), rs.getString("type"),
                        rs.getString("actor"), rs.getString("project_id"), rs.getString("project_name"),
                        rs.getString("deployment_id"), rs.getString("edge_id"), rs.getString("summary")),
                where.arguments(limit));
    }
}
