package dev.tasman.control.access;

import dev.tasman.api.project.ProjectRole;
import dev.tasman.control.project.ProjectView;
import dev.tasman.control.shared.AccessDenied;
import dev.tasman.control.shared.Refused;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Authorisation, asked for explicitly by each endpoint. A project someone holds no role in answers
 * 404, as if it did not exist; a role too small for the action answers 403 naming the role needed.
 */
@Component
public class Access {

    private final ProjectView projects;

    Access(ProjectView projects) {
        this.projects = projects;
    }

    public Caller caller() {
        Object caller = RequestContextHolder.currentRequestAttributes()
                .getAttribute(ApiTokenFilter.CALLER, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller c) {
            return c;
        }
        throw AccessDenied.unauthenticated("This API needs a token: send 'Authorization: Bearer <token>'.");
    }

    public Caller admin() {
        Caller caller = caller();
        if (!caller.admin()) {
            throw AccessDenied.forbidden("Only platform admins can do this.");
        }
        return caller;
    }

    /** Any person (admin or user), not an edge. */
    public Caller person() {
        Caller caller = caller();
        if (caller.edge()) {
            throw AccessDenied.forbidden("Edge tokens reach only the edge endpoints.");
        }
        return caller;
    }

    public String edge() {
        Caller caller = caller();
        if (!caller.edge()) {
            throw AccessDenied.forbidden("Only edge tokens reach the edge endpoints.");
        }
        return caller.edgeId();
    }

    /** Resolves a project by id or name and checks the caller holds at least {@code needed} in it. */
    public String project(String idOrName, ProjectRole needed) {
        Caller caller = person();
        String projectId = projects.resolve(idOrName)
                .orElseThrow(() -> Refused.notFound("There is no project '" + idOrName + "'."));
        if (caller.admin()) {
            return projectId;
        }
        ProjectRole held = projects.roles(projectId).get(caller.subject());
        if (held == null) {
            throw Refused.notFound("There is no project '" + idOrName + "'.");
        }
        if (!held.includes(needed)) {
            throw AccessDenied.forbidden("This needs the " + needed.name().toLowerCase() + " role in the project; '"
                    + caller.subject() + "' is " + held.name().toLowerCase() + ".");
        }
        return projectId;
    }
}
