package dev.tasman.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a project answers. The API does not publish the edge domain, so it is read off the edges'
 * registered URLs: edges on this machine (127.0.0.1, localhost) answer at {@code <project>.localhost} on
 * their own ports, one URL each; otherwise the first edge's host is taken as the edge domain.
 */
final class SiteUrls {

    private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    record Site(String edge, String url) {
    }

    private SiteUrls() {
    }

    static List<Site> of(JsonNode edges, String project) {
        List<JsonNode> serving = new ArrayList<>();
        edges.forEach(edge -> {
            if ("ACTIVE".equals(Json.text(edge, "state", ""))) {
                serving.add(edge);
            }
        });
        if (serving.isEmpty()) {
            edges.forEach(serving::add);
        }
        List<Site> sites = new ArrayList<>();
        for (JsonNode edge : serving) {
            URI url = uri(Json.text(edge, "url", ""));
            if (url == null) {
                continue;
            }
            String host = url.getHost().toLowerCase(Locale.ROOT);
            if (!LOCAL.contains(host)) {
                return List.of(new Site(null, url.getScheme() + "://" + project + "." + host + "/"));
            }
            sites.add(new Site(Json.text(edge, "id", "?"), "http://" + project + ".localhost"
                    + (url.getPort() > 0 ? ":" + url.getPort() : "") + "/"));
        }
        return sites;
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text);
            return uri.getHost() == null || uri.getScheme() == null ? null : uri;
        } catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }
}
