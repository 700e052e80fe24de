package dev.tasman.query.logs;

import dev.tasman.query.projection.Projections;
import dev.tasman.query.shared.Refused;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The documents one batch of processor {@code logs} produced, written in one bulk request just before the
 * batch's transaction (and with it the processor's position) commits. When Elasticsearch cannot take them the
 * commit fails, the position stays where it was, and the processor tries the same events again later: nothing
 * is skipped and nothing is parked for an outage. A document Elasticsearch refuses for what it holds is the
 * event's fault, not the outage's: that event is parked, like one its handler could not read.
 */
final class LogBatch {

    private static final String RESOURCE = LogBatch.class.getName();

    private final Indices indices;
    private final Projections projections;
    private final String processor;
    private final List<Document> documents = new ArrayList<>();
    private final List<EventMessage<?>> events = new ArrayList<>();

    private LogBatch(Indices indices, Projections projections, String processor) {
        this.indices = indices;
        this.projections = projections;
        this.processor = processor;
    }

    /** The batch being handled on this thread, opened with its first document. */
    static LogBatch current(Indices indices, Projections projections, String processor) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(RESOURCE, key -> {
            LogBatch opened = new LogBatch(indices, projections, processor);
            batch.onPrepareCommit(u -> opened.flush());
            return opened;
        });
    }

    /** All documents of one event: added together, after its handler made every one of them. */
    void add(EventMessage<?> event, List<Document> made) {
        for (Document document : made) {
            documents.add(document);
            events.add(event);
        }
    }

    private void flush() {
        List<Indices.Refusal> refused = indices.write(documents);
        for (Indices.Refusal refusal : refused) {
            if (refusal.retryable()) {
                throw Refused.unavailable("Elasticsearch refused a document for now (" + refusal.status() + " "
                        + refusal.type() + "); the batch is written again later.");
            }
        }
        Set<String> parked = new HashSet<>();
        for (Indices.Refusal refusal : refused) {
            EventMessage<?> event = events.get(refusal.position());
            if (parked.add(event.getIdentifier())) {
                projections.park(processor, event, LogProjection.class.getSimpleName(),
                        new IllegalArgumentException("Elasticsearch refused its document (" + refusal.status() + " "
                                + refusal.type() + ")"));
            }
        }
    }
}
