package dev.tasman.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.cli.shared.Json;
import org.junit.jupiter.api.Test;

class AuditTextTest {

    @Test
    void givenAPayload_whenShortened_thenTheAggregatesOwnIdIsLeftOutAndTheRestCutToTheWidth() {
        assertThat(AuditText.payload(Json.parse("{\"projectId\":\"prj_1\",\"name\":\"hello\"}"), "prj_1"))
                .isEqualTo("{\"name\":\"hello\"}");
        String cut = AuditText.payload(Json.parse("{\"command\":\"" + "x".repeat(100) + "\"}"), "prj_1");
        assertThat(cut).hasSize(AuditText.PAYLOAD_WIDTH).endsWith("…");
        assertThat(AuditText.payload(null, "prj_1")).isEmpty();
    }
}
