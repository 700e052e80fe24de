package dev.tasman.edge.sync;

import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.routing.Site;
import java.util.HashMap;
import java.util.Map;

/** The routing table an {@link EdgeState} implies: hosts from names and domains, live deployments, every held site. */
final class RoutingTables {

    private RoutingTables() {
    }

    static RoutingTable of(EdgeState state, Map<String, Site> sites, String edgeDomain) {
        Map<String, String> hosts = new HashMap<>();
        Map<String, String> live = new HashMap<>();
        for (Project project : state.projects.values()) {
            if (project.name() != null) {
                hosts.put(project.name() + "." + edgeDomain, project.id());
            }
            if (project.live() != null && sites.containsKey(project.live())) {
                live.put(project.id(), project.live());
            }
        }
        // Custom domains after names: an operator's explicit domain wins over a generated name.
        for (Project project : state.projects.values()) {
            project.domains().forEach(domain -> hosts.put(domain, project.id()));
        }
        return new RoutingTable(state.position, hosts, live, sites);
    }
}
