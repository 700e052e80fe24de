package dev.tasman.api.edge;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The deployments an edge holds changed: these, and no others, are rollback targets on it. Recorded only
 * when the set differs from the previous report.
 */
@Revision("1")
public record EdgeHoldingsReported(String edgeId, List<HeldDeployment> deployments) {
}
