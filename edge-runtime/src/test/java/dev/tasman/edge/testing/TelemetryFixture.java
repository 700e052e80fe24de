package dev.tasman.edge.testing;

import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.telemetry.Telemetry;
import dev.tasman.edge.telemetry.TelemetryOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Telemetry shipping to a fresh {@link TelemetryReceiver} per test, on a clock the test can move a
 * minute ahead; quick intervals and retries. A JUnit extension for an instance field.
 */
public final class TelemetryFixture implements BeforeEachCallback, AfterEachCallback {

    public static final String TOKEN = "edge-token";

    public final TestClock clock = new TestClock();
    public TelemetryReceiver receiver;
    public Telemetry telemetry;

    @Override
    public void beforeEach(ExtensionContext context) {
        receiver = new TelemetryReceiver();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        receiver.closeAfter(telemetry);
    }

    /** Starts telemetry for {@code edgeId} on {@code directory}: 50 ms interval, retries 20–100 ms apart. */
    public Telemetry start(String edgeId, Path directory, UnaryOperator<TelemetryOptions> adjust) throws IOException {
        TelemetryOptions options = TelemetryOptions.of(edgeId, receiver.url(), TOKEN, 1 << 24, Duration.ofMillis(50))
                .withRetry(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 1));
        telemetry = Telemetry.start(directory, adjust.apply(options), clock);
        return telemetry;
    }

    /** Stops telemetry as an edge stopping does; {@link #start} again plays its restart. */
    public void stop() {
        telemetry.close();
        telemetry = null;
    }
}
