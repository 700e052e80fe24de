package dev.tasman.edge.feed;

import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;

/** What the feed reader hands on, one call at a time, in feed order. */
public interface FeedListener {

    /** The position up to which everything is applied: the reader resumes after it. */
    long position();

    /** One event; its payload is null when this edge does not know the type (skip it, keep the position). */
    void apply(FeedEvent event);

    /** The backlog is delivered: the edge has seen everything up to {@code head.position()}. */
    void caughtUp(FeedHead head);

    /** The stream ended or broke; the reader reconnects after a backoff. */
    void disconnected();
}
