package dev.tasman.query.projection;

import dev.tasman.api.Json;
import dev.tasman.query.shared.QueryProperties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The control plane's event store as a stream (read only: nothing here appends) and the query side's own
 * token store in schema {@code query}. Axon's Spring Boot auto-configuration is deliberately absent: it would
 * add a command bus, aggregate scanning, and a token store on the control plane's own {@code tokenentry}.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** The control plane's mapping (decision 0001): events are JSON text written by {@code Json.mapper()}. */
    @Bean
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(Json.mapper()).build();
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    TransactionManager axonTransactions(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    JdbcEventStorageEngine eventStorageEngine(Serializer serializer, ConnectionProvider connections,
            TransactionManager transactions) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(new EventSchema())
                // the control plane stores payload and metadata as JSON text, not bytea (decision 0001)
                .dataType(String.class)
                .build();
    }

    @Bean(destroyMethod = "shutDown")
    EmbeddedEventStore eventStore(JdbcEventStorageEngine engine, QueryProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(engine)
                .fetchDelay(properties.pollInterval().toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(TokenSchema.builder().setTokenTable("query.token_entry").build())
                .contentType(byte[].class)
                .build();
    }
}
