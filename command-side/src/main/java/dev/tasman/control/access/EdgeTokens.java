package dev.tasman.control.access;

import dev.tasman.api.access.IssueToken;
import dev.tasman.api.access.TokenKind;
import dev.tasman.control.shared.Ids;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Each registered edge gets its own token, which reaches the edge endpoints only. */
@Component
public class EdgeTokens {

    private final CommandGateway commands;

    EdgeTokens(CommandGateway commands) {
        this.commands = commands;
    }

    /** Issues a token for {@code edgeId} and returns it: the only time it exists in the clear. */
    public String issueFor(String edgeId) {
        String token = Tokens.generate();
        commands.sendAndWait(new IssueToken(Ids.token(), "edge:" + edgeId, TokenKind.EDGE, edgeId, "edge " + edgeId,
                Tokens.hash(token)));
        return token;
    }
}
