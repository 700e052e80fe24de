package dev.tasman.control.access;

import dev.tasman.api.access.IssueToken;
import dev.tasman.api.access.RevokeToken;
import dev.tasman.api.access.TokenKind;
import dev.tasman.control.shared.AccessDenied;
import dev.tasman.control.shared.Ids;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tokens", description = "API tokens: shown once, stored hashed")
class TokenController {

    private final CommandGateway commands;
    private final TokenView tokens;
    private final Access access;

    TokenController(CommandGateway commands, TokenView tokens, Access access) {
        this.commands = commands;
        this.tokens = tokens;
        this.access = access;
    }

    record WhoAmI(String subject, TokenKind kind, String tokenId) {
    }

    /** {@code subject} defaults to the caller; only admins issue tokens for others or admin tokens. */
    record NewToken(String subject, Boolean admin, String label) {
    }

    record IssuedToken(String id, String subject, TokenKind kind, String label, String token) {
    }

    record TokenSummary(String id, String subject, TokenKind kind, String edgeId, String label, Instant issuedAt,
            Instant revokedAt) {
    }

    @GetMapping("/v1/whoami")
    @Operation(summary = "Who the presented token belongs to")
    WhoAmI whoami() {
        Caller caller = access.person();
        return new WhoAmI(caller.subject(), caller.kind(), caller.tokenId());
    }

    @PostMapping("/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API token; the response is the only time the token is shown")
    IssuedToken issue(@RequestBody(required = false) NewToken request) {
        Caller caller = access.person();
        NewToken wanted = request == null ? new NewToken(null, null, null) : request;
        String subject = wanted.subject() == null ? caller.subject() : wanted.subject();
        boolean admin = Boolean.TRUE.equals(wanted.admin());
        if (!caller.admin() && (admin || !subject.equals(caller.subject()))) {
            throw AccessDenied.forbidden("Only platform admins can issue admin tokens or tokens for someone else.");
        }
        String token = Tokens.generate();
        String id = Ids.token();
        TokenKind kind = admin ? TokenKind.ADMIN : TokenKind.USER;
        commands.sendAndWait(new IssueToken(id, subject, kind, null, wanted.label(), Tokens.hash(token)));
        return new IssuedToken(id, subject, kind, wanted.label(), token);
    }

    @GetMapping("/v1/tokens")
    @Operation(summary = "Tokens: all of them for admins, one's own otherwise (never the token itself)")
    List<TokenSummary> list() {
        Caller caller = access.person();
        return tokens.list(caller.admin() ? null : caller.subject()).stream()
                .map(t -> new TokenSummary(t.id(), t.subject(), t.kind(), t.edgeId(), t.label(), t.issuedAt(),
                        t.revokedAt()))
                .toList();
    }

    @DeleteMapping("/v1/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token; it stops working at once")
    void revoke(@PathVariable String id) {
        Caller caller = access.person();
        TokenView.Entry entry = tokens.find(id)
                .filter(t -> caller.admin() || t.subject().equals(caller.subject()))
                .orElseThrow(() -> Refused.notFound("There is no token " + id + "."));
        commands.sendAndWait(new RevokeToken(entry.id()));
    }
}
