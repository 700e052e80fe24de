package dev.tasman.api.edge;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the edge holds complete and verified now, replacing its previous report. */
public record ReportHoldings(@TargetAggregateIdentifier String edgeId, List<HeldDeployment> deployments) {
}
