package dev.tasman.query.dashboard;

import dev.tasman.api.edge.EdgeState;
import dev.tasman.query.access.Access;
import dev.tasman.query.shared.Page;
import dev.tasman.query.shared.Params;
import dev.tasman.query.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's projects, edges and activity feed. Lists are pages of at most 100 ({@code limit}, default
 * 20) with an opaque {@code nextCursor} to pass back as {@code cursor}.
 */
@RestController
@Tag(name = "Dashboard")
class DashboardController {

    private static final Pattern NAME_PART = Pattern.compile("[a-z0-9-]{1,63}");

    private final Access access;
    private final ProjectQueries projects;
    private final EdgeQueries edges;
    private final ActivityQueries activity;

    DashboardController(Access access, ProjectQueries projects, EdgeQueries edges, ActivityQueries activity) {
        this.access = access;
        this.projects = projects;
        this.edges = edges;
        this.activity = activity;
    }

    @GetMapping("/v1/dashboard/projects")
    @Operation(summary = "Projects the caller can see, by name; q filters by part of the name")
    Page<ProjectQueries.ProjectSummary> projects(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Visibility visibility = Visibility.of(access.caller());
        String contains = Params.matching("q", q, NAME_PART, "part of a project name (lowercase letters, digits, "
                + "hyphens)");
        int l = Page.limit(limit);
        return Page.of(projects.list(visibility, contains, Page.after(cursor), l + 1), l,
                ProjectQueries.ProjectSummary::name);
    }

    @GetMapping("/v1/dashboard/projects/{project}")
    @Operation(summary = "A project by id or name: settings, live deployment, domains, variable names, members")
    ProjectQueries.ProjectDetails project(@PathVariable String project) {
        String projectId = access.project(project);
        return projects.find(projectId).orElseThrow(() -> Refused.notFound("Project '" + project
                + "' has no dashboard entry yet; it appears within a second of being created."));
    }

    @GetMapping("/v1/dashboard/edges")
    @Operation(summary = "Every edge: state, holdings, last seen, sync lag; state filters (comma-separated)")
    Page<EdgeQueries.EdgeDetails> edges(@RequestParam(required = false) String state,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Visibility visibility = Visibility.of(access.caller());
        int l = Page.limit(limit);
        return Page.of(edges.list(visibility, Params.enums("state", state, EdgeState.class), Page.after(cursor),
                l + 1), l, EdgeQueries.EdgeDetails::id);
    }

    @GetMapping("/v1/dashboard/activity")
    @Operation(summary = "Who did what when, newest first; filter by project (id or name), type, actor")
    Page<ActivityQueries.ActivityEntry> activity(@RequestParam(required = false) String project,
            @RequestParam(required = false) String type, @RequestParam(required = false) String actor,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Visibility visibility = Visibility.of(access.caller());
        String projectId = project == null || project.isBlank() ? null : access.project(project);
        String eventType = Params.matching("type", type, Params.EVENT_TYPE, "an event name such as ProjectCreated");
        String subject = Params.matching("actor", actor, Params.NAME, "a token subject such as alice");
        int l = Page.limit(limit);
        return Page.of(activity.list(visibility, projectId, eventType == null ? null
                : eventType.substring(eventType.lastIndexOf('.') + 1), subject, Page.afterPosition(cursor), l + 1), l,
                e -> Long.toString(e.position()));
    }
}
