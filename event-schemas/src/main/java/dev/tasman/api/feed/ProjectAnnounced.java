package dev.tasman.api.feed;

/** A project exists; edges serve it at {@code <name>.<edge domain>}. */
public record ProjectAnnounced(String projectId, String name) implements FeedPayload {

    public static final String TYPE = "project-created";

    @Override
    public String type() {
        return TYPE;
    }
}
