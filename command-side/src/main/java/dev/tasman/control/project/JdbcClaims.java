package dev.tasman.control.project;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims as rows with a primary key. {@code on conflict do nothing} waits for a competing uncommitted
 * claim to commit or roll back, so exactly one of two racing projects gets the row.
 */
@Component
class JdbcClaims implements Claims {

    private final JdbcTemplate jdbc;

    JdbcClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claimName(String name, String projectId) {
        return claim("project_name_claim", "name", name, projectId);
    }

    @Override
    public boolean claimDomain(String domain, String projectId) {
        return claim("domain_claim", "domain", domain, projectId);
    }

    @Override
    public void releaseDomain(String domain, String projectId) {
        jdbc.update("delete from domain_claim where domain = ? and project_id = ?", domain, projectId);
    }

    private boolean claim(String table, String column, String value, String projectId) {
        int inserted = jdbc.update("insert into " + table + " (" + column + ", project_id) values (?, ?) "
                + "on conflict (" + column + ") do nothing", value, projectId);
        if (inserted == 1) {
            return true;
        }
        String holder = jdbc.queryForObject("select project_id from " + table + " where " + column + " = ?",
                String.class, value);
        return projectId.equals(holder);
    }
}
