package dev.tasman.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.project.ProjectRoleGranted;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void givenAPayloadThatDoesNotFit_whenDescribed_thenTheFieldIsNamedButItsValueNeverQuoted() {
        Throwable failure = catchThrowable(() -> new ObjectMapper().readValue(
                "{\"projectId\":\"p\",\"subject\":\"bob\",\"role\":\"s3cret-value\"}", ProjectRoleGranted.class));

        String described = DeadLetters.describe(new RuntimeException("wrapped", failure));

        assertThat(described).contains("InvalidFormatException at field 'role'").doesNotContain("s3cret-value");
    }

    @Test
    void givenInvalidJson_whenDescribed_thenOnlyWhereItBroke() {
        Throwable failure = catchThrowable(() -> new ObjectMapper().readTree("{\"value\": s3cret"));

        assertThat(DeadLetters.describe(failure)).contains("column").doesNotContain("s3cret");
    }
}
