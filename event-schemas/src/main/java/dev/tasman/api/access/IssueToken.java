package dev.tasman.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a new API token. Only its hash travels: the token itself is shown once to whoever asked for it
 * and exists nowhere else. {@code edgeId} is set for EDGE tokens only.
 */
public record IssueToken(@TargetAggregateIdentifier String tokenId, String subject, TokenKind kind, String edgeId,
        String label, String tokenHash) {
}
