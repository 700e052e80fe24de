package dev.tasman.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeToken(@TargetAggregateIdentifier String tokenId) {
}
