package dev.tasman.api.feed;

/**
 * An edge was registered, activated, drained or reactivated. An edge that reads its own id with state
 * JOINING syncs every live deployment and then asks to become active ({@code POST /v1/edge/ready}).
 *
 * @param state JOINING, ACTIVE or DRAINED
 */
public record EdgeStatusChanged(String edgeId, String state) implements FeedPayload {

    public static final String TYPE = "edge-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
