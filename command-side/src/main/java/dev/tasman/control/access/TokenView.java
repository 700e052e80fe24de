package dev.tasman.control.access;

import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.access.TokenRevoked;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Issued tokens by hash, kept in the command's transaction: a token works the moment it is issued. */
@Component
@ProcessingGroup("control-views")
class TokenView {

    private final JdbcTemplate jdbc;

    TokenView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Entry(String id, String subject, TokenKind kind, String edgeId, String label, Instant issuedAt,
            Instant revokedAt) {
    }

    @EventHandler
    void on(TokenIssued event, @Timestamp Instant at) {
        jdbc.update("insert into api_token_view (token_id, token_hash, subject, kind, edge_id, label, issued_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)", event.tokenId(), event.tokenHash(), event.subject(),
                event.kind().name(), event.edgeId(), event.label(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(TokenRevoked event, @Timestamp Instant at) {
        jdbc.update("update api_token_view set revoked_at = ? where token_id = ?", java.sql.Timestamp.from(at),
                event.tokenId());
    }

    Optional<Caller> authenticate(String tokenHash) {
        return jdbc.query("select token_id, subject, kind, edge_id from api_token_view "
                + "where token_hash = ? and revoked_at is null", (rs, row) -> new Caller(rs.getString("subject"),
                TokenKind.valueOf(rs.getString("kind")), rs.getString("edge_id"), rs.getString("token_id")),
                tokenHash).stream().findFirst();
    }

    boolean anyActiveAdminToken() {
        Integer count = jdbc.queryForObject("select count(*) from api_token_view where kind = 'ADMIN' "
                + "and revoked_at is null", Integer.class);
        return count != null && count > 0;
    }

    Optional<Entry> find(String tokenId) {
        return jdbc.query("select * from api_token_view where token_id = ?", TokenView::entry, tokenId).stream()
                .findFirst();
    }

    List<Entry> list(String subject) {
        return subject == null
                ? jdbc.query("select * from api_token_view order by issued_at", TokenView::entry)
                : jdbc.query("select * from api_token_view where subject = ? order by issued_at", TokenView::entry,
                        subject);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Entry(rs.getString("token_id"), rs.getString("subject"), TokenKind.valueOf(rs.getString("kind")),
                rs.getString("edge_id"), rs.getString("label"), rs.getTimestamp("issued_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
