package dev.tasman.query.replay;

import java.util.List;

/**
 * A read model that can be rebuilt from the event store. Each generation of it lives in a schema of its own
 * ({@code query_<name>_<generation>}); readers use the views {@code query.<name>_<table>}, which point at the
 * active generation, so a rebuilt generation replaces the old one in one transaction.
 */
public interface ReadModel {

    /** Lowercase letters only: it becomes part of schema, view and processor names. */
    String name();

    /** The tables of one generation; each is read through the view {@code query.<name>_<table>}. */
    List<String> tables();

    /** The statements that create {@link #tables()} in {@code schema}, which exists and is empty. */
    String ddl(String schema);

    /** Event handlers that write into the tables in {@code schema}, run by one tracking processor. */
    List<Object> projections(String schema);
}
