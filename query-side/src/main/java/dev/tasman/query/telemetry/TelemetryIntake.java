package dev.tasman.query.telemetry;

import dev.tasman.api.telemetry.MinuteAggregate;
import dev.tasman.api.telemetry.RequestBatch;
import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.query.access.Access;
import dev.tasman.query.logs.Document;
import dev.tasman.query.logs.Indices;
import dev.tasman.query.logs.LogEntry;
import dev.tasman.query.shared.Refused;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores a checked request batch in one bulk request: each record in the requests index under {@code
 * <edge>:<record id>}, each aggregate in the minutes index under {@code <edge>:<minute>:<project>:<deployment>},
 * so a batch sent again replaces what it stored the first time. What is older than the retention is not stored
 * (it would be deleted within the hour) and is counted as expired.
 */
@Component
class TelemetryIntake {

    private static final Logger log = LoggerFactory.getLogger(TelemetryIntake.class);

    private final Indices indices;
    private final Access access;

    TelemetryIntake(Indices indices, Access access) {
        this.indices = indices;
        this.access = access;
    }

    /** The answer: records and aggregates stored, and how many of either were past the retention. */
    record Accepted(int accepted, int aggregates, int expired) {
    }

    Accepted store(RequestBatch batch) {
        Instant oldest = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(indices.retentionDays(), ChronoUnit.DAYS);
        List<RequestRecord> records = batch.records() == null ? List.of() : batch.records();
        List<MinuteAggregate> aggregates = batch.aggregates() == null ? List.of() : batch.aggregates();
        Set<String> projects = new HashSet<>();
        records.stream().map(RequestRecord::project).filter(p -> p != null).forEach(projects::add);
        aggregates.stream().map(MinuteAggregate::project).filter(p -> p != null).forEach(projects::add);
        Map<String, String> names = access.projectNames(projects);
        String edge = batch.edge();

        List<Document> documents = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        int expired = 0;
        for (int i = 0; i < records.size(); i++) {
            RequestRecord r = records.get(i);
            if (r.time().isBefore(oldest)) {
                expired++;
                continue;
            }
            double ms = r.durationMicros() / 1000.0;
            String message = r.method() + " " + r.host() + r.path() + " " + r.status() + " in "
                    + String.format(Locale.ROOT, "%.1f", ms) + " ms";
            documents.add(new Document(Indices.Kind.REQUESTS, edge + ":" + r.id(), r.time(), LogEntry.request(r.time(),
                    "r:" + edge + ":" + r.id(), r.project(), names.get(r.project()), r.deployment(), edge, message,
                    r.host(), r.method(), r.path(), r.status(), ms, r.bytes())));
            fields.add("records[" + i + "]");
        }
        int storedRecords = documents.size();
        for (int i = 0; i < aggregates.size(); i++) {
            MinuteAggregate a = aggregates.get(i);
            if (a.minute().isBefore(oldest)) {
                expired++;
                continue;
            }
            Map<String, Long> latency = new LinkedHashMap<>();
            for (int b = 0; b < a.latency().length; b++) {
                if (a.latency()[b] != 0) {
                    latency.put(String.format(Locale.ROOT, "b%02d", b), a.latency()[b]);
                }
            }
            String id = edge + ":" + a.minute().getEpochSecond() + ":" + orDash(a.project()) + ":"
                    + orDash(a.deployment());
            documents.add(new Document(Indices.Kind.MINUTES, id, a.minute(), new MinuteDocument(a.minute(), edge,
                    a.project(), names.get(a.project()), a.deployment(), a.requests(), a.errors(), a.bytes(), latency)));
            fields.add("aggregates[" + i + "]");
        }
        for (Indices.Refusal refusal : indices.write(documents)) {
            if (refusal.retryable()) {
                throw Refused.unavailable("Elasticsearch cannot store the batch now (" + refusal.status() + " "
                        + refusal.type() + "); send it again later.");
            }
            String field = fields.get(refusal.position());
            throw Refused.invalid(field, "'" + field + "' was refused by the index (" + refusal.type() + ": "
                    + refusal.reason() + "); the rest of the batch is stored.");
        }
        if (batch.droppedRecords() > 0) {
            log.info("Edge {} dropped {} request records since its previous batch (its buffer was full)", edge,
                    batch.droppedRecords());
        }
        return new Accepted(storedRecords, documents.size() - storedRecords, expired);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
