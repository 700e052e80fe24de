package dev.tasman.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    @Test
    void givenASealedValueAnywhereInAPayload_whenRedacted_thenOnlyItsKeyIdIsLeft() throws Exception {
        JsonNode payload = new ObjectMapper().readTree("{\"projectId\":\"p\",\"name\":\"API_KEY\",\"value\":"
                + "{\"keyId\":\"k1\",\"ciphertext\":\"q83vEjRW\"},\"nested\":[{\"ciphertext\":\"zzz\"}]}");

        String redacted = AuditTrail.redact(payload).toString();

        assertThat(redacted).doesNotContain("q83vEjRW").doesNotContain("zzz").contains("\"keyId\":\"k1\"")
                .contains("\"ciphertext\":\"(sealed)\"");
    }
}
