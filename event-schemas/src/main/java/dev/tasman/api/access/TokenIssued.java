package dev.tasman.api.access;

import org.axonframework.serialization.Revision;

/** {@code tokenHash} is {@code sha256:<hex>} of a 256-bit random token: it cannot be turned back into the token. */
@Revision("1")
public record TokenIssued(String tokenId, String subject, TokenKind kind, String edgeId, String label,
        String tokenHash) {
}
