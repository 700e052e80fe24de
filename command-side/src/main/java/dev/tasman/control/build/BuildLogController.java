package dev.tasman.control.build;

import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.control.access.Access;
import dev.tasman.control.deployment.DeploymentView;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A deployment's build log: live as Server-Sent Events (each line an event with a resumable id; an
 * {@code end} event with the final state once the build is over), or plain text with {@code ?follow=false}.
 */
@RestController
@Tag(name = "Deployments")
class BuildLogController {

    private static final Set<DeploymentState> BUILDING = EnumSet.of(DeploymentState.QUEUED, DeploymentState.BUILDING);
    private static final long POLL_MILLIS = 250;

    private final BuildLogs logs;
    private final DeploymentView deployments;
    private final Access access;
    private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();

    BuildLogController(BuildLogs logs, DeploymentView deployments, Access access) {
        this.logs = logs;
        this.deployments = deployments;
        this.access = access;
    }

    @GetMapping(path = "/v1/deployments/{id}/logs")
    @Operation(summary = "The build log: live Server-Sent Events (default), or plain text with follow=false")
    ResponseEntity<?> logs(@PathVariable String id, @RequestParam(defaultValue = "true") boolean follow,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        DeploymentView.Details deployment = deployments.find(id)
                .orElseThrow(() -> Refused.notFound("There is no deployment " + id + "."));
        access.project(deployment.projectId(), ProjectRole.VIEWER);
        if (!follow) {
            String text = logs.after(id, -1, -1).stream()
                    .map(e -> DateTimeFormatter.ISO_INSTANT.format(e.line().at()) + " " + e.line().stream() + " "
                            + e.line().text())
                    .collect(Collectors.joining("\n", "", "\n"));
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(text);
        }
        long[] position = resume(lastEventId);
        SseEmitter emitter = new SseEmitter(0L);
        streams.submit(() -> stream(id, position, emitter));
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    private void stream(String id, long[] position, SseEmitter emitter) {
        try {
            long lastBeat = System.nanoTime();
            while (true) {
                DeploymentState state = deployments.find(id).map(DeploymentView.Details::state)
                        .orElse(DeploymentState.FAILED);
                for (BuildLogs.Entry entry : logs.after(id, position[0], (int) position[1])) {
                    emitter.send(SseEmitter.event().id(entry.id()).name("log").data(Map.of(
                            "at", entry.line().at().toString(), "stream", entry.line().stream(),
                            "text", entry.line().text()), MediaType.APPLICATION_JSON));
                    position[0] = entry.sequence();
                    position[1] = entry.index();
                }
                if (!BUILDING.contains(state)) {
                    emitter.send(SseEmitter.event().name("end").data(Map.of("state", state.name()),
                            MediaType.APPLICATION_JSON));
                    emitter.complete();
                    return;
                }
                if (System.nanoTime() - lastBeat > 15_000_000_000L) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastBeat = System.nanoTime();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }

    private static long[] resume(String lastEventId) {
        if (lastEventId != null && lastEventId.matches("\\d+\\.\\d+")) {
            String[] parts = lastEventId.split("\\.");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }
        return new long[] {-1, -1};
    }

    @PreDestroy
    void stop() {
        streams.shutdownNow();
    }
}
