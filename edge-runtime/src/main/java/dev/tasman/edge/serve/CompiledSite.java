package dev.tasman.edge.serve;

import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.edge.routing.Site;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Site} made ready to serve: its rules' patterns compiled, its files' header values worked
 * out as they are first asked for, and its skew-protection cookie. Built once per deployment on the
 * first request that needs it ({@link CompiledSites}).
 */
final class CompiledSite {

    record Redirect(PathPattern source, Destination destination, boolean permanent) {
    }

    record HeaderRule(PathPattern source, HttpString[] names, String[] values) {
    }

    record Rewrite(PathPattern source, Destination destination) {
    }

    static final String NOT_FOUND_PAGE = "/404.html";

    private static final Set<String> EDGE_OWNED = Set.of("content-length", "content-encoding", "content-range",
            "transfer-encoding", "etag", "accept-ranges", "connection", SiteSelection.DEPLOYMENT.toString(),
            SiteSelection.EDGE.toString());

    final Site site;
    final List<Redirect> redirects;
    final List<HeaderRule> headers;
    final List<Rewrite> rewrites;
    /** {@code Set-Cookie} for HTML responses: pins the page's later requests to this deployment. */
    final String cookie;
    private final ConcurrentHashMap<String, ServedFile> served = new ConcurrentHashMap<>();

    CompiledSite(Site site) {
        this.site = site;
        RoutingRules rules = site.rules();
        redirects = orEmpty(rules.redirects()).stream().map(CompiledSite::redirect).toList();
        headers = orEmpty(rules.headers()).stream().map(CompiledSite::headerRule).toList();
        rewrites = orEmpty(rules.rewrites()).stream().map(CompiledSite::rewrite).toList();
        cookie = SiteSelection.PIN_COOKIE + "=" + site.deploymentId() + "; Path=/; HttpOnly; SameSite=Lax";
    }

    String deploymentId() {
        return site.deploymentId();
    }

    String projectId() {
        return site.projectId();
    }

    RoutingRules rules() {
        return site.rules();
    }

    /** The file at {@code path} (decoded, starting with '/'), or null when the deployment has none. */
    ServedFile file(String path) {
        ServedFile file = served.get(path);
        if (file == null) {
            ManifestFile listed = site.files().get(path.substring(1));
            if (listed == null) {
                return null;
            }
            file = ServedFile.of(listed);
            served.putIfAbsent(path, file);
        }
        return file;
    }

    private static <T> List<T> orEmpty(List<T> rules) {
        return rules == null ? List.of() : rules;
    }

    private static Redirect redirect(RoutingRules.Redirect rule) {
        PathPattern source = PathPattern.compile(rule.source());
        return new Redirect(source, Destination.compile(rule.destination(), source.names()), rule.permanent());
    }

    /** Headers that describe the bytes sent or where they came from are the edge's alone: a rule setting one is ignored. */
    private static HeaderRule headerRule(RoutingRules.HeaderRule rule) {
        List<RoutingRules.Header> allowed = orEmpty(rule.headers()).stream()
                .filter(header -> !EDGE_OWNED.contains(header.key().toLowerCase(Locale.ROOT))).toList();
        HttpString[] names = allowed.stream().map(header -> new HttpString(header.key())).toArray(HttpString[]::new);
        String[] values = allowed.stream().map(RoutingRules.Header::value).toArray(String[]::new);
        return new HeaderRule(PathPattern.compile(rule.source()), names, values);
    }

    private static Rewrite rewrite(RoutingRules.Rewrite rule) {
        PathPattern source = PathPattern.compile(rule.source());
        return new Rewrite(source, Destination.compile(rule.destination(), source.names()));
    }
}
