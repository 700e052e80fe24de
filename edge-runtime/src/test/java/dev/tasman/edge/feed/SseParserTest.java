package dev.tasman.edge.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<String> messages = new ArrayList<>();
    private final SseParser parser = new SseParser((id, event, data) -> messages.add(id + "|" + event + "|" + data));

    @Test
    void givenFramesCommentsAndMultiLineData_whenParsed_thenOneMessagePerBlankLine() throws Exception {
        for (String line : List.of(": heartbeat", "", "id: 12", "event: project-created", "data: {\"a\":1}", "",
                "id:13", "data: first", "data: second", "retry: 1000", "", "event: head", "data: {}", "")) {
            parser.line(line);
        }

        assertThat(messages).containsExactly("12|project-created|{\"a\":1}", "13|message|first\nsecond", "13|head|{}");
    }

    @Test
    void givenAFrameWithoutData_whenEnded_thenNothingIsDispatched() throws Exception {
        parser.line("event: head");
        parser.line("");

        assertThat(messages).isEmpty();
    }
}
