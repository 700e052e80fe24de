package dev.tasman.edge.routing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one mutable reference to the routing table. A request reads {@link #current()} once and uses
 * that table throughout; a cutover replaces it in a single {@link #swap}. Empty until the table is
 * loaded from disk or built from the feed: health reports not-ready until then.
 */
public final class Routing {

    private final AtomicReference<RoutingTable> table = new AtomicReference<>();

    public Optional<RoutingTable> current() {
        return Optional.ofNullable(table.get());
    }

    public boolean loaded() {
        return table.get() != null;
    }

    public void swap(RoutingTable next) {
        table.set(next);
    }
}
