package dev.tasman.query.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.query.shared.QueryProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress of deployments over Server-Sent Events. A stream sends the deployment now, then again whenever
 * it changed: woken when the dashboard's processor commits a change to it, and checking every second besides
 * (the processor may run in another instance). It ends once the deployment reached a final state.
 */
@Component
class ProgressStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final DeploymentQueries deployments;
    private final DeploymentChanges changes;
    private final ObjectMapper json;
    private final QueryProperties.Streams settings;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("progress-streams").daemon(true).factory());

    ProgressStreams(DeploymentQueries deployments, DeploymentChanges changes, ObjectMapper json,
            QueryProperties properties) {
        this.deployments = deployments;
        this.changes = changes;
        this.json = json;
        this.settings = properties.streams();
    }

    SseEmitter open(String deploymentId) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Stream stream = new Stream(deploymentId, emitter);
        stream.start();
        return emitter;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** One client's stream; all its work runs on the single executor thread, so it needs no locking. */
    private final class Stream {

        private final String deploymentId;
        private final SseEmitter emitter;
        private List<ScheduledFuture<?>> timers = List.of();
        private AutoCloseable watch;
        private String lastSent;
        private int sent;
        private boolean closed;

        Stream(String deploymentId, SseEmitter emitter) {
            this.deploymentId = deploymentId;
            this.emitter = emitter;
        }

        void start() {
            emitter.onCompletion(() -> executor.execute(this::close));
            emitter.onTimeout(() -> executor.execute(this::close));
            emitter.onError(e -> executor.execute(this::close));
            watch = changes.watch(deploymentId, () -> executor.execute(this::refresh));
            long heartbeat = settings.heartbeat().toMillis();
            timers = List.of(
                    executor.scheduleWithFixedDelay(this::refresh, 0, RECHECK.toMillis(), TimeUnit.MILLISECONDS),
                    executor.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS));
        }

        private void refresh() {
            if (closed) {
                return;
            }
            try {
                Optional<DeploymentQueries.DeploymentDetails> deployment = deployments.find(deploymentId);
                if (deployment.isEmpty()) {
                    return;
                }
                String current = json.writeValueAsString(deployment.get());
                if (!current.equals(lastSent)) {
                    emitter.send(SseEmitter.event().name("progress").id(Integer.toString(++sent))
                            .data(current, MediaType.APPLICATION_JSON));
                    lastSent = current;
                }
                if (DeploymentQueries.FINAL.contains(deployment.get().state())) {
                    emitter.complete();
                    close();
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }

        private void heartbeat() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("still watching " + deploymentId));
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }

        /** A failed send is a client that went away (the container reports it too); anything else is logged. */
        private void failed(Exception e) {
            if (!(e instanceof IOException) || e instanceof JsonProcessingException) {
                log.warn("Progress stream of deployment {} ended: {}", deploymentId, e.toString());
                emitter.completeWithError(e);
            }
            close();
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            timers.forEach(t -> t.cancel(false));
            try {
                watch.close();
            } catch (Exception ignored) {
                // removing a watcher cannot fail
            }
        }
    }
}
