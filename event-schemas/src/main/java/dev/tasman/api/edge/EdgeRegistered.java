package dev.tasman.api.edge;

import org.axonframework.serialization.Revision;

/** A new edge joins; it syncs every live deployment before it counts as active. */
@Revision("1")
public record EdgeRegistered(String edgeId, String region, String url) {
}
