package dev.tasman.query.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event inside a savepoint, all of a processor's handlers together: an event is applied to every
 * table or to none. PostgreSQL refuses every statement of a transaction after one failed, so without the
 * savepoint one failing event would poison the whole batch (and the dead letter recording it); with it, that
 * event's work is rolled back alone, the event is parked, and the batch goes on.
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
