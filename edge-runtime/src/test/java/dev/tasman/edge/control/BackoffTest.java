package dev.tasman.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 3);

    @Test
    void givenFailuresInARow_thenTheDelayDoublesUpToTheCap() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.jittered(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(600));
    }

    @Test
    void givenACallFailingWithIoErrors_whenRetried_thenTriedAtMostTheAttempts() {
        Backoff quick = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> quick.retry("test", () -> {
            calls.incrementAndGet();
            throw new IOException("down");
        })).isInstanceOf(IOException.class);

        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void givenACallFailingOtherwise_whenRetried_thenNotRetried() {
        Backoff quick = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> quick.retry("test", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("final");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(calls.get()).isEqualTo(1);
    }
}
