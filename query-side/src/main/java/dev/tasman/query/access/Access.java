package dev.tasman.query.access;

import dev.tasman.api.access.TokenKind;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.query.shared.AccessDenied;
import dev.tasman.query.shared.Refused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Authorisation as the control plane does it (decision 0003): admins see everything; a person sees the
 * projects they hold a role in, and a project they hold none in answers 404 as if it did not exist; a role too
 * small answers 403 naming the role needed.
 */
@Component
public class Access {

    static final String CALLER = Access.class.getName() + ".caller";
    private final JdbcTemplate jdbc;

    Access(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Caller caller() {
        Object caller = RequestContextHolder.currentRequestAttributes().getAttribute(CALLER,
                RequestAttributes.SCOPE_REQUEST);
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

    /** The id of the project named by id or name, if the caller may see it; 404 otherwise. */
    public String project(String idOrName) {
        return project(idOrName, ProjectRole.VIEWER);
    }

    /** As {@link #project(String)}, and the caller must hold at least {@code needed} in it (403 otherwise). */
    public String project(String idOrName, ProjectRole needed) {
        Caller caller = caller();
        String projectId = jdbc.queryForList("select project_id from query.access_project where project_id = ? "
                + "or name = ?", String.class, idOrName, idOrName).stream().findFirst()
                .orElseThrow(() -> Refused.notFound("There is no project '" + idOrName + "'."));
        if (caller.admin()) {
            return projectId;
        }
        ProjectRole held = role(projectId, caller.subject())
                .orElseThrow(() -> Refused.notFound("There is no project '" + idOrName + "'."));
        if (!held.includes(needed)) {
            throw AccessDenied.forbidden("This needs the " + needed.name().toLowerCase() + " role in the project; '"
                    + caller.subject() + "' is " + held.name().toLowerCase() + ".");
        }
        return projectId;
    }

    /** Whether the caller may see project {@code projectId} (for things found by their own id first). */
    public void requireVisible(String projectId, String whatNotFound) {
        Caller caller = caller();
        if (!caller.admin() && role(projectId, caller.subject()).isEmpty()) {
            throw Refused.notFound(whatNotFound);
        }
    }

    /**
     * The projects whose rows the caller sees in a list: empty for an admin, who sees everything (rows of no
     * project too); otherwise the ids of the projects they hold a role in.
     */
    public Optional<List<String>> visibleProjects() {
        Caller caller = caller();
        if (caller.admin()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForList("select project_id from query.project_member where subject = ?",
                String.class, caller.subject()));
    }

    /** Project names by id, for the ids given that the query side knows. */
    public Map<String, String> projectNames(Collection<String> idsOrNames) {
        Map<String, String> names = new HashMap<>();
        if (idsOrNames.isEmpty()) {
            return names;
        }
        String[] keys = idsOrNames.toArray(String[]::new);
        jdbc.query("select project_id, name from query.access_project where project_id = any(?) or name = any(?)",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, keys, keys);
        return names;
    }

    private Optional<ProjectRole> role(String projectId, String subject) {
        List<String> roles = jdbc.queryForList("select role from query.project_member where project_id = ? "
                + "and subject = ?", String.class, projectId, subject);
        return roles.stream().findFirst().map(ProjectRole::valueOf);
    }

    Optional<Caller> authenticate(String bearerToken) {
        return jdbc.query("select subject, kind, edge_id from query.api_token where token_hash = ? "
                + "and revoked_at is null", (rs, row) -> new Caller(rs.getString("subject"),
                        TokenKind.valueOf(rs.getString("kind")), rs.getString("edge_id")),
                hash(bearerToken)).stream().findFirst();
    }

    /** {@code sha256:<hex>} of the token, as the control plane records it in {@code TokenIssued}. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
