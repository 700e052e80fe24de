package dev.tasman.query.logs;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Log entries newest first, from the logs and requests aliases, paged with search_after. */
@Component
class LogQueries {

    private final Indices indices;

    LogQueries(Indices indices) {
        this.indices = indices;
    }

    /** An entry and where the next page starts if it is the last of this one. */
    record Found(LogEntry entry, String cursorKey) {
    }

    /** A position in the sort order: the entry's time in epoch milliseconds and its sort key. */
    record After(long millis, String sortKey) {
    }

    List<Found> find(LogFilter filter, After after, int size) {
        List<String> targets = new ArrayList<>();
        if (filter.kinds().contains(LogEntry.BUILD) || filter.kinds().contains(LogEntry.TIMELINE)) {
            targets.add(indices.alias(Indices.Kind.LOGS));
        }
        if (filter.kinds().contains(LogEntry.REQUEST)) {
            targets.add(indices.alias(Indices.Kind.REQUESTS));
        }
        List<Query> must = filters(filter);
        try {
            SearchResponse<LogEntry> response = indices.client().search(s -> {
                s.index(targets).ignoreUnavailable(true).allowNoIndices(true).size(size).trackTotalHits(t -> t
                        .enabled(false))
                        .query(q -> q.bool(b -> b.filter(must)))
                        .sort(o -> o.field(f -> f.field("time").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("sortKey").order(SortOrder.Desc)));
                if (after != null) {
                    s.searchAfter(FieldValue.of(after.millis()), FieldValue.of(after.sortKey()));
                }
                return s;
            }, LogEntry.class);
            List<Found> found = new ArrayList<>();
            for (Hit<LogEntry> hit : response.hits().hits()) {
                found.add(new Found(hit.source(), hit.sort().get(0).longValue() + "|" + hit.sort().get(1)
                        .stringValue()));
            }
            return found;
        } catch (IOException | ElasticsearchException e) {
            throw indices.unavailable(e);
        }
    }

    private static List<Query> filters(LogFilter filter) {
        List<Query> must = new ArrayList<>();
        must.add(terms("kind", filter.kinds()));
        if (filter.projects() != null) {
            must.add(terms("project", filter.projects()));
        }
        if (filter.deployment() != null) {
            must.add(Query.of(q -> q.term(t -> t.field("deployment").value(filter.deployment()))));
        }
        if (filter.edge() != null) {
            must.add(Query.of(q -> q.term(t -> t.field("edge").value(filter.edge()))));
        }
        if (!filter.statuses().isEmpty() || !filter.statusClasses().isEmpty()) {
            List<Query> any = new ArrayList<>();
            for (int status : filter.statuses()) {
                any.add(Query.of(q -> q.term(t -> t.field("status").value(status))));
            }
            for (int hundreds : filter.statusClasses()) {
                any.add(Query.of(q -> q.range(r -> r.number(n -> n.field("status").gte(hundreds * 100.0)
                        .lte(hundreds * 100.0 + 99)))));
            }
            must.add(Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1"))));
        }
        if (filter.from() != null || filter.to() != null) {
            must.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("time");
                if (filter.from() != null) {
                    d.gte(filter.from().toString());
                }
                if (filter.to() != null) {
                    d.lt(filter.to().toString());
                }
                return d;
            }))));
        }
        if (filter.text() != null) {
            must.add(Query.of(q -> q.simpleQueryString(t -> t.query(filter.text())
                    .fields("message", "path.text", "host.text").defaultOperator(Operator.And).lenient(true))));
        }
        return must;
    }

    private static Query terms(String field, List<String> values) {
        List<FieldValue> wanted = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(wanted))));
    }
}
