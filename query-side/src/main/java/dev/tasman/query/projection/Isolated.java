package dev.tasman.query.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event to every table or to none, all of a processor's handlers together, and parks an event
 * they fail on. PostgreSQL refuses every statement of a transaction after one failed, so a failing event needs a
 * savepoint around it to be rolled back alone while the batch goes on. Savepoints cost two round trips per event
 * (a fifth of a replay's time, measured), and events almost never fail, so events are first applied without one:
 * when one fails, the whole batch is thrown back (Axon rolls its transaction back and retries it from the last
 * stored position about a second later), and that retry applies every event of the batch inside a savepoint, so
 * the failed one (and any other in the batch) is parked and the rest goes on; the batch after it is optimistic
 * again.
 */
final class Isolated implements EventHandlerInvoker {

    private final SimpleEventHandlerInvoker handlers;
    private final TransactionTemplate savepoint;
    private final DeadLetters.Parking parking;
    /**
     * Whether any handler takes a payload type, asked by the processor for every event: worked out once per
     * type, not by walking every handler each time (most events of a replay are build logs no handler takes).
     */
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();
    /** Events are applied inside a savepoint each: an event of this batch failed without one. */
    private volatile boolean careful;

    /** @param handlers must let a handler's exception through (see {@link HandlerFailed#propagate}) */
    Isolated(SimpleEventHandlerInvoker handlers, TransactionTemplate savepoint, DeadLetters.Parking parking) {
        this.handlers = handlers;
        this.savepoint = savepoint;
        this.parking = parking;
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) {
        if (!canHandle(event, segment)) {
            return; // most events concern another projection: no savepoint for them
        }
        if (!careful) {
            try {
                handlers.handle(event, segment);
                return;
            } catch (Exception e) {
                careful = true;
                throw new RetryWithSavepoints(event, e);
            }
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(batch -> careful = false);
        }
        try {
            savepoint.executeWithoutResult(status -> {
                try {
                    handlers.handle(event, segment);
                } catch (HandlerFailed failed) {
                    throw failed;
                } catch (Exception e) {
                    throw new HandlerFailed("?", e);
                }
            });
        } catch (HandlerFailed failed) {
            parking.park(event, failed.handler, failed.getCause());
        }
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        return canHandleType(event.getPayloadType()) && handlers.canHandle(event, segment);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handledTypes.computeIfAbsent(payloadType, handlers::canHandleType);
    }

    /** An event failed outside a savepoint: its batch is rolled back and retried with savepoints. */
    static final class RetryWithSavepoints extends RuntimeException {

        private RetryWithSavepoints(EventMessage<?> event, Throwable cause) {
            super("Event " + event.getIdentifier() + " (" + event.getPayloadType().getSimpleName() + ") failed; its "
                    + "batch is retried with a savepoint per event so that it can be parked alone", cause);
        }
    }

    /** A handler threw: which one, and what. */
    static final class HandlerFailed extends RuntimeException {

        private final String handler;

        private HandlerFailed(String handler, Throwable cause) {
            super(null, cause, false, false);
            this.handler = handler;
        }

        /** The error handler for {@code handlers}: stop at the first failing handler and say which it was. */
        static void propagate(Exception e, EventMessage<?> event, EventMessageHandler handler) {
            throw new HandlerFailed(handler.getTargetType().getSimpleName(), e);
        }
    }
}
