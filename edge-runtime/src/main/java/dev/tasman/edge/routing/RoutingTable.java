package dev.tasman.edge.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a request needs to find its files, as one immutable value: a cutover builds a new table
 * and {@link Routing} swaps the reference, so a request sees the old table or the new one, never a mix.
 *
 * @param position the feed position this table reflects (everything up to it applied)
 * @param hosts    lowercase host (no port) → project id: {@code <project-name>.<edge domain>} and custom domains
 * @param live     project id → the deployment its traffic goes to
 * @param sites    deployment id → every deployment held complete and verified (live, earlier, and not yet live)
 */
public record RoutingTable(long position, Map<String, String> hosts, Map<String, String> live,
        Map<String, Site> sites) {

    public static final RoutingTable EMPTY = new RoutingTable(0, Map.of(), Map.of(), Map.of());

    public RoutingTable {
        hosts = Map.copyOf(hosts);
        live = Map.copyOf(live);
        sites = Map.copyOf(sites);
    }

    /** The project serving {@code host} (a Host header value; any port is ignored). */
    public Optional<String> projectFor(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return Optional.ofNullable(hosts.get(name));
    }

    /** The live deployment of the project serving {@code host}. */
    public Optional<Site> liveSiteFor(String host) {
        return projectFor(host).map(live::get).map(sites::get);
    }

    /** A cached deployment by id, for requests pinned to it (skew protection). */
    public Optional<Site> site(String deploymentId) {
        return deploymentId == null ? Optional.empty() : Optional.ofNullable(sites.get(deploymentId));
    }
}
