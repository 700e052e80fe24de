package dev.tasman.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedPayload;
import dev.tasman.api.feed.RoutingSwitched;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A stored message per feed payload type: edges of every release must keep reading what they read today. */
class FeedWireFormatTest {

    private final ObjectMapper json = Json.tolerantMapper();

    @Test
    void everyPayloadTypeHasAStoredSampleThatRoundTrips() throws IOException {
        for (var type : FeedPayload.class.getPermittedSubclasses()) {
            String name = typeName(type);
            try (InputStream in = getClass().getResourceAsStream("/feed/v1/" + name + ".json")) {
                assertThat(in).as("stored sample feed/v1/%s.json", name).isNotNull();
                JsonNode stored = json.readTree(in);
                FeedEvent event = json.treeToValue(stored, FeedEvent.class);
                assertThat(event.version()).isEqualTo(FeedEvent.VERSION);
                assertThat(event.payload()).isInstanceOf(type);
                assertThat(json.writeValueAsString(event)).isEqualTo(json.writeValueAsString(stored));
            }
        }
    }

    @Test
    void anUnknownPayloadTypeReadsAsNullSoOlderEdgesSkipIt() throws IOException {
        FeedEvent event = json.readValue("""
                {"version":1,"position":5,"timestamp":"2026-11-22T00:00:00Z",
                 "payload":{"type":"something-new","field":1}}""", FeedEvent.class);
        assertThat(event.position()).isEqualTo(5);
        assertThat(event.payload()).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        FeedEvent event = json.readValue("""
                {"version":1,"position":5,"timestamp":"2026-11-22T00:00:00Z","extra":true,
                 "payload":{"type":"routing-cut-over","projectId":"p","deploymentId":"d","reason":"DEPLOY","later":2}}""",
                FeedEvent.class);
        assertThat(event.payload()).isEqualTo(new RoutingSwitched("p", "d", null, "DEPLOY"));
    }

    private static String typeName(Class<?> type) {
        return Arrays.stream(FeedPayload.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
                .filter(t -> t.value().equals(type)).findFirst().orElseThrow().name();
    }
}
