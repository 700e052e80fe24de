package dev.tasman.query.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read model's content as one SHA-256: every row of every table as PostgreSQL prints it, in sorted order.
 * Two generations built from the same events must give the same checksum (invariant 5: replay rebuilds the
 * same content). Rows are streamed, so a large model is not held in memory.
 */
public final class Checksum {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public Checksum(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.readOnly.setReadOnly(true);
    }

    /** The checksum of what readers see now (the active generation). */
    public String of(ReadModel model) {
        MessageDigest digest = sha256();
        readOnly.executeWithoutResult(status -> model.tables().stream().sorted().forEach(table -> {
            digest.update(("table " + table + "\n").getBytes(StandardCharsets.UTF_8));
            jdbc.query("select t::text from query." + model.name() + "_" + table + " t order by 1",
                    rs -> {
                        digest.update(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                        digest.update((byte) '\n');
                    });
        }));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
