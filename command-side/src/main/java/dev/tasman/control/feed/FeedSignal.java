package dev.tasman.control.feed;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Wakes waiting feed streams as soon as events commit in this process, so every connected edge hears of
 * a cutover within milliseconds of each other. Streams also poll at a slower pace, which covers events
 * committed by another control-plane instance.
 */
@Component
@ProcessingGroup("control-views")
class FeedSignal {

    private final Object lock = new Object();
    private long generation;

    @EventHandler
    void on(Object event) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unit -> wake());
        } else {
            wake();
        }
    }

    private void wake() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Waits until something committed after {@code seen} was read, or {@code millis} pass. */
    void await(long seen, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        synchronized (lock) {
            long left = millis;
            while (generation == seen && left > 0) {
                lock.wait(left);
                left = until - System.currentTimeMillis();
            }
        }
    }
}
