package dev.tasman.query.projection;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts tracking processors over the event store. Each processor is named, keeps its position in
 * {@code query.token_entry}, handles a batch of events per transaction, and parks an event its handlers
 * throw on (in {@code query.dead_letter}) instead of stopping: one bad event must not freeze a dashboard.
 */
@Component
public class Projections {

    private final EmbeddedEventStore events;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final TransactionTemplate savepoints;
    private final DeadLetters deadLetters;

    Projections(EmbeddedEventStore events, TokenStore tokens, TransactionManager transactions,
            PlatformTransactionManager springTransactions, DeadLetters deadLetters) {
        this.events = events;
        this.tokens = tokens;
        this.transactions = transactions;
        this.savepoints = new TransactionTemplate(springTransactions);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.deadLetters = deadLetters;
    }

    /**
     * Parks {@code event} for processor {@code processor} as a failing handler would be: for work a processor
     * does after its handlers ran (a bulk write at the end of a batch), in the batch's transaction.
     */
    public void park(String processor, EventMessage<?> event, String handler, Throwable error) {
        deadLetters.parkingFor(processor).park(event, handler, error);
    }

    /** Starts processor {@code name} from its stored position (the start of the store when it has none). */
    public Processor start(String name, List<?> handlers, int batchSize) {
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .listenerInvocationErrorHandler(Isolated.HandlerFailed::propagate)
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(new Isolated(invoker, savepoints, deadLetters.parkingFor(name)))
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(batchSize)
                        .andTokenClaimInterval(1, TimeUnit.SECONDS))
                .build();
        processor.start();
        return new Processor(name, processor);
    }
}
