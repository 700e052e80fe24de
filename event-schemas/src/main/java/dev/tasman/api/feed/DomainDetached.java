package dev.tasman.api.feed;

public record DomainDetached(String projectId, String domain) implements FeedPayload {

    public static final String TYPE = "domain-removed";

    @Override
    public String type() {
        return TYPE;
    }
}
