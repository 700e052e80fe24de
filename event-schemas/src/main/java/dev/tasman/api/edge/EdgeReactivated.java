package dev.tasman.api.edge;

import org.axonframework.serialization.Revision;

@Revision("1")
public record EdgeReactivated(String edgeId) {
}
