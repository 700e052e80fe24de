package dev.tasman.control.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tasman.api.access.IssueToken;
import dev.tasman.api.access.RevokeToken;
import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.access.TokenRevoked;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An API token's life: issued (only its hash is ever recorded) and perhaps revoked. Tokens are an
 * aggregate so that who could act, and since when, is part of the audit trail.
 */
@Aggregate
class ApiToken {

    @AggregateIdentifier
    private String tokenId;
    private String subject;
    private boolean revoked;

    ApiToken() {
        // for Axon
    }

    @CommandHandler
    ApiToken(IssueToken command) {
        Check.matches("subject", command.subject(), Check.SUBJECT, "a user name");
        Check.required("kind", command.kind());
        Check.matches("tokenHash", command.tokenHash(), Check.SHA256_DIGEST, "sha256:<64 hex digits>");
        Check.maxLength("label", command.label(), 128);
        if ((command.kind() == TokenKind.EDGE) != (command.edgeId() != null)) {
            throw Refused.invalid("edgeId", "An edge token names its edge, and only an edge token does.");
        }
        if (command.edgeId() != null) {
            Check.matches("edgeId", command.edgeId(), Check.EDGE_ID, "an edge id such as syd");
        }
        apply(new TokenIssued(command.tokenId(), command.subject(), command.kind(), command.edgeId(),
                command.label(), command.tokenHash()));
    }

    @CommandHandler
    void handle(RevokeToken command) {
        if (revoked) {
            return;
        }
        apply(new TokenRevoked(tokenId, subject));
    }

    @EventSourcingHandler
    void on(TokenIssued event) {
        tokenId = event.tokenId();
        subject = event.subject();
    }

    @EventSourcingHandler
    void on(TokenRevoked event) {
        revoked = true;
    }
}
