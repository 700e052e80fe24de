package dev.tasman.query.dashboard;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells live progress streams that a deployment changed, once the change is committed (a stream that read it
 * earlier would see the old row). Costs nothing for deployments nobody watches, which is all of them in a
 * replay.
 */
@Component
class DeploymentChanges {

    private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    AutoCloseable watch(String deploymentId, Runnable onChange) {
        watchers.computeIfAbsent(deploymentId, id -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> watchers.computeIfPresent(deploymentId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    void changed(String deploymentId) {
        if (deploymentId == null || !watchers.containsKey(deploymentId)) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            notify(deploymentId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                DeploymentChanges.this.notify(deploymentId);
            }
        });
    }

    private void notify(String deploymentId) {
        watchers.getOrDefault(deploymentId, Set.of()).forEach(Runnable::run);
    }
}
