package dev.tasman.api.feed;

/**
 * The project's traffic now goes to {@code deploymentId}: swap the routing table in one step. Routing
 * only ever switches to a deployment every active edge holds, so an edge that does not hold it is
 * still catching up (joining or drained) and fetches it before switching.
 *
 * @param reason DEPLOY, PROMOTE or ROLLBACK
 */
public record RoutingSwitched(String projectId, String deploymentId, String previousDeploymentId, String reason)
        implements FeedPayload {

    public static final String TYPE = "routing-cut-over";

    @Override
    public String type() {
        return TYPE;
    }
}
