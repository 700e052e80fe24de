package dev.tasman.control.shared;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store with payload and metadata stored as JSON
 * text (readable with plain SQL; Flyway owns the tables), one Jackson mapping for everything, the
 * metadata every message carries, and the control views updated inside the command's transaction.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** Processing group of the views the control plane reads itself: updated in the command's transaction. */
    public static final String CONTROL_VIEWS = "control-views";

    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jackson();
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(Json.mapper()).build();
    }

    /**
     * Snapshots are aggregates' private fields, not records: a mapping that reads fields, only for
     * snapshots. A snapshot that no longer loads (a field changed) is skipped and the aggregate is
     * rebuilt from its events, so snapshots need no upcasters.
     */
    static Serializer snapshotSerializer() {
        ObjectMapper fields = Json.mapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    /** Loading a project with thousands of events replays at most this many after its latest snapshot. */
    @Bean
    SnapshotTriggerDefinition snapshotEvery50Events(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }

    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer())
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                // JSON text rather than bytea: an operator can read the store with psql.
                .dataType(String.class)
                .build();
    }

    @Bean
    CorrelationDataProvider messageMetadata() {
        return new MessageMetadata();
    }

    @Bean
    ConfigurerModule controlViewsInTransaction() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(CONTROL_VIEWS)
                .registerListenerInvocationErrorHandler(CONTROL_VIEWS, c -> PropagatingErrorHandler.instance()));
    }

    /** Registered by Axon on the command gateway, which every controller sends through. */
    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> requestMetadataOnCommands() {
        return new RequestMetadataInterceptor();
    }

    /** Commands sent while serving a request carry its actor, correlation and trace. */
    static final class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> enrich(command);
        }

        private static CommandMessage<?> enrich(CommandMessage<?> command) {
            return RequestContext.current().<CommandMessage<?>>map(context -> {
                Map<String, Object> added = new HashMap<>();
                putIfMissing(command, added, MessageMetadata.ACTOR, context.actor());
                putIfMissing(command, added, MessageMetadata.CORRELATION_ID, context.correlationId());
                putIfMissing(command, added, MessageMetadata.CAUSATION_ID, context.correlationId());
                putIfMissing(command, added, MessageMetadata.TRACEPARENT, context.traceparent());
                return command.andMetaData(added);
            }).orElse(command);
        }

        private static void putIfMissing(CommandMessage<?> command, Map<String, Object> added, String key,
                String value) {
            if (value != null && !command.getMetaData().containsKey(key)) {
                added.put(key, value);
            }
        }
    }
}
