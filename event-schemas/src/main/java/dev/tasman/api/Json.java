package dev.tasman.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of every message. Stored events must stay readable forever, so the mapping is
 * fixed here rather than left to whichever ObjectMapper a service happens to configure.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Old events may hold fields a later revision dropped; upcasters handle renames, this keeps
            // a removed optional field from making history unreadable.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Json() {
    }

    /**
     * For readers of the edge feed: a payload type this reader does not know becomes null instead of
     * an error, so a newer control plane can add types without breaking older edges.
     */
    public static ObjectMapper tolerantMapper() {
        return MAPPER.copy().disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
    }

    /** A copy, so no caller can change how stored events are read. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
