package dev.tasman.api.access;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TokenRevoked(String tokenId, String subject) {
}
