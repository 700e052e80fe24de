package dev.tasman.api.feed;

/** The deployment was cancelled: stop fetching it; it never goes live. */
public record DeploymentWithdrawn(String deploymentId, String projectId, String reason) implements FeedPayload {

    public static final String TYPE = "deployment-cancelled";

    @Override
    public String type() {
        return TYPE;
    }
}
