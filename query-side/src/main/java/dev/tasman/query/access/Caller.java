package dev.tasman.query.access;

import dev.tasman.api.access.TokenKind;

/** Who is calling, as established from their bearer token; {@code edgeId} only for an edge's token. */
public record Caller(String subject, TokenKind kind, String edgeId) {

    public boolean admin() {
        return kind == TokenKind.ADMIN;
    }

    public boolean edge() {
        return kind == TokenKind.EDGE;
    }
}
