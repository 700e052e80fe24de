package dev.tasman.edge.serve;

import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.routing.Site;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled sites by deployment id. A hit is one map read and an identity check, so the compiled form
 * always belongs to the very {@link Site} object the request's table holds. A miss (a deployment's
 * first request, usually just after a cutover) also drops the compiled forms of deployments the
 * table no longer holds, so the map stays the size of the table without a background task.
 */
final class CompiledSites {

    private final ConcurrentHashMap<String, CompiledSite> byDeployment = new ConcurrentHashMap<>();

    CompiledSite of(Site site, RoutingTable table) {
        CompiledSite compiled = byDeployment.get(site.deploymentId());
        if (compiled != null && compiled.site == site) {
            return compiled;
        }
        byDeployment.values().removeIf(held -> table.sites().get(held.deploymentId()) != held.site);
        compiled = new CompiledSite(site);
        byDeployment.put(site.deploymentId(), compiled);
        return compiled;
    }
}
