package dev.tasman.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;

/**
 * Which stored events an audit request asks for, as SQL over the control plane's event table. Times compare as
 * text: Axon stores them as fixed-width ISO-8601 UTC ({@code 2026-11-22T01:02:03.456Z}), which sorts like time
 * and never fails on a row. Payload and metadata are read as JSON only where they are JSON objects, so one
 * damaged row cannot break every query (PostgreSQL 16+ for {@code IS JSON}).
 *
 * @param projectId events whose aggregate is the project or whose payload names it as {@code projectId}
 */
record AuditFilter(String aggregate, String type, String actor, String correlationId, Instant from, Instant to,
        String projectId, long after) {

    record Query(String sql, List<Object> arguments) {
    }

    Query toSql(Long limit) {
        StringBuilder sql = new StringBuilder("select globalindex, timestamp, aggregateidentifier, type, "
                + "sequencenumber, payloadtype, payloadrevision, payload, metadata from domainevententry "
                + "where globalindex > ?");
        List<Object> arguments = new ArrayList<>(List.of(after));
        if (aggregate != null) {
            sql.append(" and aggregateidentifier = ?");
            arguments.add(aggregate);
        }
        if (type != null && type.contains(".")) {
            sql.append(" and payloadtype = ?");
            arguments.add(type);
        } else if (type != null) {
            sql.append(" and right(payloadtype, ?) = ?");
            arguments.add(type.length() + 1);
            arguments.add("." + type);
        }
        if (actor != null) {
            sql.append(" and ").append(metadata("actor")).append(" = ?");
            arguments.add(actor);
        }
        if (correlationId != null) {
            sql.append(" and ").append(metadata("correlationId")).append(" = ?");
            arguments.add(correlationId);
        }
        if (from != null) {
            sql.append(" and timestamp >= ?");
            arguments.add(DateTimeUtils.formatInstant(from));
        }
        if (to != null) {
            sql.append(" and timestamp <= ?");
            arguments.add(DateTimeUtils.formatInstant(to));
        }
        if (projectId != null) {
            sql.append(" and (aggregateidentifier = ? or (case when payload is json object "
                    + "then payload::jsonb ->> 'projectId' end) = ?)");
            arguments.add(projectId);
            arguments.add(projectId);
        }
        sql.append(" order by globalindex");
        if (limit != null) {
            sql.append(" limit ?");
            arguments.add(limit);
        }
        return new Query(sql.toString(), arguments);
    }

    private static String metadata(String key) {
        return "(case when metadata is json object then metadata::jsonb ->> '" + key + "' end)";
    }
}
