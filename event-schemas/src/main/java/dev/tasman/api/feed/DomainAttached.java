package dev.tasman.api.feed;

/** Requests with {@code Host: domain} go to the project's live deployment. */
public record DomainAttached(String projectId, String domain) implements FeedPayload {

    public static final String TYPE = "domain-added";

    @Override
    public String type() {
        return TYPE;
    }
}
