package dev.tasman.control.build;

import dev.tasman.api.deployment.LogLine;
import dev.tasman.api.deployment.RecordBuildLog;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * One build's output on its way into events: lines are batched (every 250 ms or 200 lines) into
 * {@code RecordBuildLog}; after the cap a last "truncated" batch says so and later lines are dropped.
 * The last lines are kept for the failure reason.
 */
final class BuildLog implements AutoCloseable {

    static final int BATCH_LINES = 200;
    static final int MAX_LINE_CHARS = 4_096;
    private static final int TAIL = 30;

    private final String deploymentId;
    private final CommandGateway commands;
    private final int maxLines;
    private final List<LogLine> pending = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final ScheduledExecutorService flusher;
    private int recorded;
    private boolean truncated;

    BuildLog(String deploymentId, CommandGateway commands, int maxLines) {
        this.deploymentId = deploymentId;
        this.commands = commands;
        this.maxLines = maxLines;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "build-log-" + deploymentId);
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, 250, 250, TimeUnit.MILLISECONDS);
    }

    synchronized void line(LogLine line) {
        String text = line.text().length() > MAX_LINE_CHARS
                ? line.text().substring(0, MAX_LINE_CHARS) + " …(line cut at " + MAX_LINE_CHARS + " characters)"
                : line.text();
        tail.addLast(text);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
        if (truncated) {
            return;
        }
        if (recorded + pending.size() >= maxLines) {
            pending.add(new LogLine(Instant.now(), "system",
                    "… log truncated: only the first " + maxLines + " lines of a build are kept"));
            truncated = true;
            flush();
            return;
        }
        pending.add(new LogLine(line.at(), line.stream(), text));
        if (pending.size() >= BATCH_LINES) {
            flush();
        }
    }

    void system(String text) {
        line(new LogLine(Instant.now(), "system", text));
    }

    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<LogLine> batch = List.copyOf(pending);
        pending.clear();
        recorded += batch.size();
        commands.sendAndWait(new RecordBuildLog(deploymentId, batch, truncated));
    }

    synchronized List<String> lastLines() {
        return List.copyOf(tail);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
