package dev.tasman.edge.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.control.ControlPlane;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the edge feed ({@code GET /v1/edge/feed?after=}) for as long as the edge runs and hands each
 * message to a {@link FeedListener} on the reading thread. Reconnects from {@link FeedListener#position()}
 * whenever the stream ends, breaks, or goes silent for longer than the heartbeat timeout, waiting
 * longer after each failed attempt (capped by the backoff's maximum).
 */
public final class FeedClient implements AutoCloseable {

    private static final System.Logger log = System.getLogger(FeedClient.class.getName());
    private static final ObjectMapper JSON = Json.tolerantMapper();
    private static final String HEAD = "head";

    private final ControlPlane controlPlane;
    private final FeedListener listener;
    private final Duration heartbeatTimeout;
    private final Backoff reconnect;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("edge-feed-watchdog").factory());
    private volatile boolean running;
    private volatile Session current;
    private volatile boolean outage;
    private Thread reader;

    /** @param heartbeatTimeout silence after which the connection counts as dead (e.g. 3× the feed's heartbeat) */
    public FeedClient(ControlPlane controlPlane, FeedListener listener, Duration heartbeatTimeout, Backoff reconnect) {
        this.controlPlane = controlPlane;
        this.listener = listener;
        this.heartbeatTimeout = heartbeatTimeout;
        this.reconnect = reconnect;
    }

    public synchronized void start() {
        if (reader == null) {
            running = true;
            reader = Thread.ofPlatform().daemon().name("edge-feed").start(this::readUntilClosed);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        Session session = current;
        if (session != null) {
            session.end(new CancellationException("the edge is stopping"));
        }
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchdog.shutdownNow();
    }

    private void readUntilClosed() {
        int failures = 0;
        while (running) {
            long after = listener.position();
            Session session = new Session();
            current = session;
            try {
                session.read(after);
                log.log(System.Logger.Level.INFO, () -> "Feed stream from " + controlPlane + " ended after position "
                        + listener.position() + "; reconnecting");
            } catch (InterruptedException | CancellationException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    logFailure(e);
                }
            }
            listener.disconnected();
            failures = session.connected ? 1 : failures + 1;
            if (!running) {
                break;
            }
            try {
                reconnect.sleep(failures);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** One warning per outage, not one per attempt; the next connection says when it is over. */
    private void logFailure(Exception e) {
        String why = ControlPlane.describe(e);
        if (outage) {
            log.log(System.Logger.Level.DEBUG, () -> "Feed attempt failed: " + why);
            return;
        }
        outage = true;
        log.log(System.Logger.Level.WARNING, () -> "Feed from " + controlPlane + " unavailable after position "
                + listener.position() + " (" + why + "); serving the last known routing and reconnecting, at most "
                + reconnect.max().toMillis() + " ms apart");
    }

    /** One connection: lines are pushed to it; a silent connection is cut by the watchdog. */
    private final class Session implements Flow.Subscriber<String> {

        private final SseParser parser = new SseParser(this::message);
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean connected;
        private volatile String problem;

        void read(long after) throws Exception {
            CompletableFuture<HttpResponse<Void>> response = controlPlane.http()
                    .sendAsync(controlPlane.feed(after), this::body);
            response.whenComplete((answer, error) -> {
                if (error != null) {
                    end(error);
                } else if (answer.statusCode() != 200) {
                    end(new IOException("the feed answered " + answer.statusCode() + ": " + problem));
                } else {
                    done.complete(null);
                }
            });
            long period = Math.max(50, heartbeatTimeout.toMillis() / 4);
            ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(this::checkAlive, period, period,
                    TimeUnit.MILLISECONDS);
            try {
                done.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                check.cancel(false);
                end(new CancellationException("session over"));
                response.cancel(true);
            }
        }

        private HttpResponse.BodySubscriber<Void> body(HttpResponse.ResponseInfo info) {
            lastActivity = System.nanoTime();
            if (info.statusCode() == 200) {
                connected = true;
                if (outage) {
                    outage = false;
                    log.log(System.Logger.Level.INFO, () -> "Feed from " + controlPlane + " connected again after"
                            + " position " + listener.position());
                }
                return HttpResponse.BodySubscribers.fromLineSubscriber(this);
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
                problem = ControlPlane.detail(info.statusCode(), bytes);
                return null;
            });
        }

        private void checkAlive() {
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
            if (silentMillis > heartbeatTimeout.toMillis()) {
                end(new IOException("nothing from the feed for " + silentMillis + " ms (heartbeats stopped)"));
            }
        }

        void end(Throwable why) {
            done.completeExceptionally(why);
            Flow.Subscription open = subscription;
            if (open != null) {
                open.cancel(); // closes the connection
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (done.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (done.isDone()) {
                return;
            }
            lastActivity = System.nanoTime();
            try {
                parser.line(line);
            } catch (Exception e) {
                end(e);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            end(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        private void message(String id, String event, String data) throws IOException {
            if (HEAD.equals(event)) {
                listener.caughtUp(JSON.readValue(data, FeedHead.class));
                return;
            }
            FeedEvent message = JSON.readValue(data, FeedEvent.class);
            if (message.version() != FeedEvent.VERSION) {
                throw new IOException("the feed event at position " + message.position() + " is in wire format version "
                        + message.version() + "; this edge reads version " + FeedEvent.VERSION + ": upgrade the edge");
            }
            listener.apply(message);
        }
    }
}
