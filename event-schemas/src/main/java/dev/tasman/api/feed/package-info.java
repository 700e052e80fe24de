/**
 * The edge feed's wire format: what the control plane streams to edges over Server-Sent Events
 * ({@code GET /v1/edge/feed?after=<position>}). Versioned by {@link FeedEvent#VERSION}; no Axon
 * annotations here, so the edge runtime can read it without Axon on its classpath.
 *
 * <p>Framing, one SSE event per message:
 * <pre>
 * id: &lt;position&gt;            global position in the event store; resume with ?after= or Last-Event-ID
 * event: &lt;payload type&gt;      e.g. routing-cut-over (see {@link FeedPayload})
 * data: &lt;FeedEvent as JSON&gt;
 * </pre>
 * After the backlog the feed sends one {@code event: head} whose data is a {@link FeedHead}: the
 * edge has now seen everything up to that position. While idle, a comment line
 * ({@code : heartbeat}) goes out at a fixed interval so both sides notice a dead connection.
 *
 * <p>Compatibility: a reader ignores payload types and fields it does not know; a change that a
 * version-1 reader would misread raises {@link FeedEvent#VERSION}.
 */
package dev.tasman.api.feed;
