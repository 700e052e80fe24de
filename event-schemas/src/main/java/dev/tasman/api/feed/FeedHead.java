package dev.tasman.api.feed;

/** Sent once the backlog is delivered: the reader has seen every edge-relevant event up to {@code position}. */
public record FeedHead(int version, long position) {
}
