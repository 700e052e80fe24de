package dev.tasman.control.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The edge feed: Server-Sent Events of what edges act on, read from the event store (wire format in
 * {@code dev.tasman.api.feed}). Each connection streams on its own virtual thread: the backlog from the
 * requested position, a {@code head} event, then new events as they commit, with heartbeats while idle.
 */
@RestController
@Tag(name = "Edge callbacks", description = "edge tokens only")
class EdgeFeedController {

    private static final Logger log = LoggerFactory.getLogger(EdgeFeedController.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final int BATCH = 500;
    /** Streams re-read at least this often, for events committed by another control-plane instance. */
    private static final long POLL_MILLIS = 1000;

    private final EventStoreFeed feed;
    private final FeedSignal signal;
    private final Access access;
    private final Duration heartbeat;
    private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();

    EdgeFeedController(EventStoreFeed feed, FeedSignal signal, Access access,
            @Value("${tasman.control.feed.heartbeat:15s}") Duration heartbeat) {
        this.feed = feed;
        this.signal = signal;
        this.access = access;
        this.heartbeat = heartbeat;
    }

    @GetMapping(path = "/v1/edge/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events of edge-relevant events after a position (resumable; edge tokens only)",
            description = "Resume with ?after=<position> or Last-Event-ID. A 'head' event follows the backlog; "
                    + "': heartbeat' comments keep an idle stream alive.")
    SseEmitter feed(@RequestParam(name = "after", required = false) String after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        String edge = access.edge();
        long from = position(after != null ? after : lastEventId);
        SseEmitter emitter = new SseEmitter(0L);
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        streams.submit(() -> stream(edge, from, emitter, open));
        return emitter;
    }

    private void stream(String edge, long from, SseEmitter emitter, AtomicBoolean open) {
        long position = from;
        boolean caughtUp = false;
        long quietSince = System.nanoTime();
        try {
            while (open.get()) {
                long seen = signal.generation();
                EventStoreFeed.Batch batch = feed.after(position, BATCH);
                for (FeedEvent event : batch.events()) {
                    emitter.send(SseEmitter.event().id(Long.toString(event.position())).name(event.payload().type())
                            .data(json(event), MediaType.TEXT_PLAIN));
                    quietSince = System.nanoTime();
                }
                position = batch.position();
                if (batch.more()) {
                    continue;
                }
                if (!caughtUp) {
                    emitter.send(SseEmitter.event().name("head")
                            .data(json(new FeedHead(FeedEvent.VERSION, position)), MediaType.TEXT_PLAIN));
                    caughtUp = true;
                    quietSince = System.nanoTime();
                }
                if (System.nanoTime() - quietSince >= heartbeat.toNanos()) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    quietSince = System.nanoTime();
                }
                signal.await(seen, Math.min(POLL_MILLIS, heartbeat.toMillis()));
            }
        } catch (IOException | IllegalStateException gone) {
            log.debug("Feed stream of edge {} ended at position {}: {}", edge, position, gone.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Feed stream of edge {} failed at position {}; the edge will reconnect", edge, position, e);
            emitter.completeWithError(e);
            return;
        }
        emitter.complete();
    }

    private static long position(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(value.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Refused.invalid("after", "'after' must be a feed position: a whole number, 0 or more (was '"
                + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "').");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed messages are plain records", e);
        }
    }

    @PreDestroy
    void stop() {
        streams.shutdownNow();
    }
}
