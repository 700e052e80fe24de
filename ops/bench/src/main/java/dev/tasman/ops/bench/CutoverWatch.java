package dev.tasman.ops.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One thread per edge asking for {@code /} on a kept-alive connection as fast as the edge answers (or with a
 * pause between requests, to leave the two cores to the platform), noting when the deployment it serves
 * ({@code x-tasman-deployment}) changes. A switch lies between the sending of the last
 * request answered by the old deployment and the receipt of the first answered by the new one: that window is
 * the resolution, about two round trips. Every answer must be a 200.
 */
final class CutoverWatch implements AutoCloseable {

    /** An edge's switch to {@code deploymentId}, between {@code afterNanos} and {@code beforeNanos} (System.nanoTime). */
    record Switch(String edgeId, String deploymentId, long afterNanos, long beforeNanos) {

        long estimateNanos() {
            return afterNanos + (beforeNanos - afterNanos) / 2;
        }

        long windowNanos() {
            return beforeNanos - afterNanos;
        }
    }

    private final String host;
    private final long pauseNanos;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Switch> latest = new ConcurrentHashMap<>();
    private final Map<String, String> serving = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final LongAdder polls = new LongAdder();
    private final LongAdder pollNanos = new LongAdder();
    private volatile boolean running = true;

    CutoverWatch(List<LoopbackPlatform.Edge> edges, String host, long pauseNanos) {
        this.host = host;
        this.pauseNanos = pauseNanos;
        for (LoopbackPlatform.Edge edge : edges) {
            threads.add(Thread.ofPlatform().name("poll-" + edge.id()).start(() -> poll(edge)));
        }
    }

    private void poll(LoopbackPlatform.Edge edge) {
        try (RawHttp http = new RawHttp(edge.port(), host)) {
            String current = null;
            long previousSent = System.nanoTime();
            while (running) {
                long sent = System.nanoTime();
                RawHttp.Response response = http.get("/", false);
                long received = System.nanoTime();
                String deployment = response.header("x-tasman-deployment");
                if (response.status() != 200 || deployment == null) {
                    problems.add(edge.id() + " answered / with " + response.status() + " " + response.headers());
                    return;
                }
                if (current != null && !deployment.equals(current)) {
                    latest.put(edge.id(), new Switch(edge.id(), deployment, previousSent, received));
                }
                current = deployment;
                serving.put(edge.id(), deployment);
                previousSent = sent;
                polls.increment();
                pollNanos.add(received - sent);
                if (pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(edge.id() + ": " + e);
        }
    }

    /** Waits until every edge serves {@code deploymentId}, then returns each edge's switch to it, by edge id. */
    Map<String, Switch> awaitSwitched(String deploymentId, Duration timeout) throws InterruptedException {
        Map<String, Switch> switches = new TreeMap<>();
        await(deploymentId, timeout, () -> {
            switches.clear();
            latest.forEach((edge, change) -> {
                if (change.deploymentId().equals(deploymentId) && deploymentId.equals(serving.get(edge))) {
                    switches.put(edge, change);
                }
            });
            return switches.size() == threads.size();
        });
        return switches;
    }

    /** Waits until every poller has an answer and every edge serves {@code deploymentId}. */
    void awaitServing(String deploymentId, Duration timeout) throws InterruptedException {
        await(deploymentId, timeout, () -> serving.size() == threads.size()
                && serving.values().stream().allMatch(deploymentId::equals));
    }

    private void await(String deploymentId, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            failOnProblems();
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after " + timeout.toSeconds() + " s the edges serve " + serving
                        + ", not all " + deploymentId);
            }
            Thread.sleep(1);
        }
    }

    /** Mean time of one poll (request sent → answer read), in microseconds. */
    double meanPollMicros() {
        return pollNanos.sum() / 1000.0 / Math.max(1, polls.sum());
    }

    long polls() {
        return polls.sum();
    }

    private void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("polling the edges failed: " + problems);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
        failOnProblems();
    }
}
