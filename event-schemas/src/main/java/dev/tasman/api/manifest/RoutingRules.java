package dev.tasman.api.manifest;

import java.util.List;

/**
 * Routing rules from {@code tasman.json}, applied by the edge in this order: redirects, headers,
 * rewrites, files (with clean URLs and trailing-slash handling), then the SPA fallback.
 *
 * @param cleanUrls     serve {@code /about} from {@code about.html} and redirect {@code /about.html} to it
 * @param trailingSlash true: redirect to the slashed form; false: to the unslashed form; null: leave as is
 * @param spaFallback   path of the file served for unknown paths that accept HTML (e.g. "index.html"), or null
 */
public record RoutingRules(List<HeaderRule> headers, List<Redirect> redirects, List<Rewrite> rewrites,
        boolean cleanUrls, Boolean trailingSlash, String spaFallback) {

    public static RoutingRules none() {
        return new RoutingRules(List.of(), List.of(), List.of(), false, null, null);
    }

    /** Headers added to responses whose path matches {@code source} (a path pattern, see {@link Redirect}). */
    public record HeaderRule(String source, List<Header> headers) {
    }

    public record Header(String key, String value) {
    }

    /**
     * {@code source} is a path pattern: literal segments, {@code :name} for one segment and
     * {@code :name*} for the rest; {@code destination} may use the same names. 301/308 when permanent, else 302/307.
     */
    public record Redirect(String source, String destination, boolean permanent) {
    }

    public record Rewrite(String source, String destination) {
    }
}
