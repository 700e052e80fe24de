package dev.tasman.query.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The control plane's PostgreSQL. Unlike the control plane the query side never starts one itself: it reads
 * the event store that is already there, so a missing URL is a start-up failure that says what to set, raised
 * as soon as the settings are read ({@link DatabaseRequired}), before anything else starts (tests therefore
 * name their database as a system property, not as a dynamic one, which would arrive too late).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(QueryProperties properties) {
        QueryProperties.Database database = properties.database();
        HikariConfig config = new HikariConfig();
        config.setPoolName("query");
        config.setJdbcUrl(database.url());
        if (database.username() != null && !database.username().isBlank()) {
            config.setUsername(database.username());
        }
        if (database.password() != null && !database.password().isBlank()) {
            config.setPassword(database.password());
        }
        config.setMaximumPoolSize(12);
        log.info("Reading the event store at {}", redact(database.url()));
        return new HikariDataSource(config);
    }

    /** JDBC URLs may carry a password as a parameter; logs get the URL without its query string. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /** Runs once every property source (files, environment, arguments) is in place, before the context exists. */
    static final class DatabaseRequired implements EnvironmentPostProcessor, Ordered {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            String url = environment.getProperty("tasman.query.database.url");
            if (url == null || url.isBlank()) {
                throw new MissingDatabase();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // after application.properties has been read
        }
    }

    static final class MissingDatabase extends RuntimeException {
        MissingDatabase() {
            super("tasman.query.database.url is empty", null, false, false);
        }
    }

    /** Turns the missing URL into Spring Boot's short "APPLICATION FAILED TO START" text, no stack trace. */
    static final class MissingDatabaseAnalyzer extends AbstractFailureAnalyzer<MissingDatabase> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, MissingDatabase cause) {
            return new FailureAnalysis("The query side reads the control plane's event store, and no database was "
                    + "named (tasman.query.database.url is empty).",
                    "Set TASMAN_DB_URL to the JDBC URL the control plane uses, for example "
                            + "jdbc:postgresql://127.0.0.1:5432/tasman?user=postgres (TASMAN_DB_USER and "
                            + "TASMAN_DB_PASSWORD if they are not in the URL).", cause);
        }
    }
}
