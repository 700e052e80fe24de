package dev.tasman.edge.sync;

import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.api.feed.EdgeHoldings;
import dev.tasman.api.feed.EdgeProgress;
import dev.tasman.api.feed.EdgeSyncFailure;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.control.ControlPlane.Reply;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The edge's callbacks to the control plane, sent one at a time in the order they were asked for
 * (holdings before the ready request that relies on them; a deployment's holdings before its
 * acknowledgement). Each call retries network errors and 5xx a few times; a 4xx is an answer, logged
 * and not retried. Futures complete with the reply, or null when the control plane stayed unreachable.
 * Progress reports go on a lane of their own, so a slow one never holds up an acknowledgement.
 */
final class Reporter implements AutoCloseable {

    private static final System.Logger log = System.getLogger(Reporter.class.getName());

    private final ControlPlane controlPlane;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("edge-report").factory());
    /** The newest holdings not yet sent: a report superseded before its turn is not sent at all. */
    private final AtomicReference<EdgeHoldings> unsentHoldings = new AtomicReference<>();
    private final ExecutorService progressLane = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("edge-progress").factory());
    /** Per deployment, the newest progress not yet sent: at most one waits, so nothing queues up behind a slow call. */
    private final Map<String, EdgeProgress> unsentProgress = new ConcurrentHashMap<>();

    Reporter(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    /** Completes with true once these holdings (or newer ones) reached the control plane. */
    CompletableFuture<Boolean> holdings(EdgeHoldings holdings) {
        unsentHoldings.set(holdings);
        return submit(() -> sendHoldings() != null);
    }

    CompletableFuture<Reply> acknowledge(EdgeAcknowledgement acknowledgement) {
        return submit(() -> {
            Reply reply = call("acknowledge " + acknowledgement.deploymentId(),
                    () -> controlPlane.acknowledge(acknowledgement));
            if (reply != null && reply.accepted()) {
                log.log(System.Logger.Level.INFO, "Acknowledged {0} ({1})", acknowledgement.deploymentId(),
                        acknowledgement.manifestDigest());
            } else if (reply != null) {
                log.log(System.Logger.Level.WARNING, "The control plane refused the acknowledgement of {0} ({1}): {2};"
                        + " not sending it again", acknowledgement.deploymentId(), reply.status(), reply.detail());
            }
            return reply;
        });
    }

    void failure(EdgeSyncFailure failure) {
        submit(() -> call("report the failed sync of " + failure.deploymentId(),
                () -> controlPlane.reportFailure(failure)));
    }

    /** Holdings first, then the ready request: the control plane judges readiness on what it was just told. */
    CompletableFuture<Reply> join(EdgeHoldings holdings) {
        unsentHoldings.set(holdings);
        return submit(() -> {
            Reply reported = sendHoldings();
            if (reported == null) {
                return null;
            }
            return call("ask to become active", controlPlane::ready);
        });
    }

    /**
     * Best effort and never blocking: sent once, soon, unless a newer report for the same deployment
     * replaces it first; a failed send is dropped (the next report, or the acknowledgement, says more).
     */
    void progress(EdgeProgress progress) {
        if (unsentProgress.put(progress.deploymentId(), progress) != null) {
            return; // a send is already waiting for its turn and will take this newer report
        }
        try {
            progressLane.execute(() -> sendProgress(progress.deploymentId()));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            unsentProgress.remove(progress.deploymentId());
        }
    }

    @Override
    public void close() {
        queue.shutdownNow();
        progressLane.shutdownNow();
    }

    private void sendProgress(String deploymentId) {
        EdgeProgress progress = unsentProgress.remove(deploymentId);
        if (progress == null) {
            return;
        }
        try {
            Reply reply = controlPlane.reportProgress(progress);
            if (!reply.accepted()) {
                log.log(System.Logger.Level.DEBUG, "The control plane refused progress of {0} ({1}): {2}; dropped",
                        deploymentId, reply.status(), reply.detail());
            }
        } catch (IOException e) {
            log.log(System.Logger.Level.DEBUG, "Could not report progress of {0}: {1}; dropped", deploymentId,
                    ControlPlane.describe(e));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the newest unsent holdings; null when unreachable (they stay unsent). */
    private Reply sendHoldings() throws InterruptedException {
        EdgeHoldings holdings = unsentHoldings.getAndSet(null);
        if (holdings == null) {
            return new Reply(204, ""); // a newer report already went out
        }
        Reply reply = call("report holdings", () -> controlPlane.reportHoldings(holdings));
        if (reply == null) {
            unsentHoldings.compareAndSet(null, holdings);
        } else if (!reply.accepted()) {
            log.log(System.Logger.Level.WARNING, "The control plane refused this edge''s holdings ({0}): {1}",
                    reply.status(), reply.detail());
        }
        return reply;
    }

    private static Reply call(String what, Call call) throws InterruptedException {
        try {
            return call.call();
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Could not {0}: {1}; trying again once the feed is back", what,
                    ControlPlane.describe(e));
            return null;
        }
    }

    private <T> CompletableFuture<T> submit(Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            queue.execute(() -> {
                try {
                    result.complete(task.run());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            result.completeExceptionally(stopping);
        }
        return result;
    }

    @FunctionalInterface
    private interface Call {
        Reply call() throws IOException, InterruptedException;
    }

    @FunctionalInterface
    private interface Task<T> {
        T run() throws Exception;
    }
}
