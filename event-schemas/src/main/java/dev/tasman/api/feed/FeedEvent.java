package dev.tasman.api.feed;

import java.time.Instant;

/**
 * One message on the edge feed.
 *
 * @param version   the wire format version, {@link #VERSION}
 * @param position  the event's global position in the event store; strictly increasing along the feed
 * @param timestamp when the event was recorded
 * @param payload   what happened; null when the reader does not know the payload type (skip it)
 */
public record FeedEvent(int version, long position, Instant timestamp, FeedPayload payload) {

    public static final int VERSION = 1;
}
