package dev.tasman.control.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasman.embedded.LocalPostgres;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store's database: the server named by {@code TASMAN_DB_URL}, or, when none is named, a real
 * PostgreSQL started from the data directory so a machine with only a JDK runs the whole thing.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EventStoreDatabase eventStoreDatabase(ControlProperties properties) {
        if (properties.database().external()) {
            return new EventStoreDatabase(null, properties.database().url(), properties.database().username(),
                    properties.database().password());
        }
        LocalPostgres postgres = LocalPostgres.start(properties.dataDirectory().resolve("postgres"), 0);
        return new EventStoreDatabase(postgres, postgres.ensureDatabase("tasman"), LocalPostgres.USER, null);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EventStoreDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("event-store");
        config.setJdbcUrl(database.url());
        if (database.username() != null && !database.username().isBlank()) {
            config.setUsername(database.username());
        }
        if (database.password() != null && !database.password().isBlank()) {
            config.setPassword(database.password());
        }
        config.setMaximumPoolSize(16);
        log.info("Event store at {}", redact(database.url()));
        return new HikariDataSource(config);
    }

    /** JDBC URLs may carry a password as a parameter; logs get the URL without its query string. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /** The database in use, and the embedded server behind it if there is one (stopped last). */
    record EventStoreDatabase(LocalPostgres embedded, String url, String username, String password) {

        void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
