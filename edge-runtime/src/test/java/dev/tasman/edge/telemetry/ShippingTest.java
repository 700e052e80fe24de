package dev.tasman.edge.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.serve.ServedRequest;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.TelemetryFixture;
import dev.tasman.edge.testing.TelemetryReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shipper against a real receiver, with the backlog in real files. */
class ShippingTest {

    @RegisterExtension
    final TelemetryFixture fixture = new TelemetryFixture();
    @TempDir
    Path directory;
    TelemetryReceiver receiver;
    Telemetry telemetry;

    @BeforeEach
    void receiver() {
        receiver = fixture.receiver;
    }

    @Test
    void givenAQuerySideAnswering503ForAWhile_whenItRecovers_thenEveryRecordArrivesExactlyOnce() throws IOException {
        receiver.answer(503);
        start(options -> options);
        serve(12_000, "/outage");
        Eventually.until("several attempts were refused", () -> receiver.attempts.get() >= 3);
        assertThat(telemetry.backlog().records()).isPositive();

        receiver.answer(202);
        Eventually.until("every record arrived", () -> receiver.records().size() >= 12_000);

        List<String> ids = receiver.records().stream().map(RequestRecord::id).toList();
        assertThat(ids).hasSize(12_000).doesNotHaveDuplicates();
        assertThat(receiver.accepted).allSatisfy(batch -> assertThat(batch.records()).hasSizeLessThanOrEqualTo(5000));
        Eventually.until("the backlog is empty", () -> telemetry.backlog().records() == 0
                && telemetry.tally().shipped.get() == 12_000);
        assertThat(telemetry.tally().dropped).hasValue(0);
        assertThat(telemetry.tally().lastErrorStatus).isEqualTo(503);
        assertThat(telemetry.backlog().bytes()).isZero();
    }

    @Test
    void givenABacklogOnDisk_whenTheEdgeRestarts_thenItIsShippedAfterTheRestart() throws IOException {
        receiver.answer(503);
        start(options -> options);
        serve(300, "/before");
        Eventually.until("the records are on disk", () -> telemetry.backlog().records() == 300);
        fixture.stop();

        receiver.answer(202);
        start(options -> options);
        serve(1, "/after");
        Eventually.until("the backlog and the new record arrived", () -> receiver.records().size() >= 301);

        List<RequestRecord> records = receiver.records();
        assertThat(records).hasSize(301).extracting(RequestRecord::id).doesNotHaveDuplicates();
        assertThat(records).filteredOn(record -> record.path().equals("/before")).hasSize(300);
    }

    @Test
    void givenTheBufferBound_whenTheBacklogOutgrowsIt_thenTheOldestAreDroppedAndCountedInTheNextBatch()
            throws IOException {
        receiver.answer(503);
        start(options -> options.withBufferBytes(40_000).withRetry(new Backoff(Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1)));
        for (int round = 1; round <= 6; round++) {
            serve(50, "/round-" + round);
            long written = 50L * round;
            Eventually.until("round written", () -> telemetry.queued() == 0
                    && telemetry.backlog().records() + droppedSoFar() == written);
        }
        long dropped = droppedSoFar();
        assertThat(dropped).isPositive();
        assertThat(telemetry.backlog().bytes()).isLessThanOrEqualTo(40_000);
        fixture.stop();

        receiver.answer(202);
        start(options -> options.withBufferBytes(40_000));
        Eventually.until("the whole backlog was shipped", () -> telemetry.backlog().bytes() == 0
                && telemetry.tally().untold.get() == 0);

        assertThat(receiver.records()).hasSize((int) (300 - dropped));
        assertThat(receiver.droppedReported()).isEqualTo(dropped);
        Set<String> arrived = receiver.records().stream().map(RequestRecord::path).collect(Collectors.toSet());
        assertThat(arrived).contains("/round-6").doesNotContain("/round-2");
    }

    @Test
    void givenAMalformedBatchAnswer_whenShipped_thenTheBatchIsDroppedAndTheNextOneSaysSo() throws IOException {
        receiver.answer(400);
        start(options -> options);
        serve(10, "/refused");
        Eventually.until("the batch was refused and dropped", () -> telemetry.backlog().records() == 0
                && droppedSoFar() == 10);

        receiver.answer(202);
        serve(1, "/accepted");
        Eventually.until("the next batches arrived", () -> !receiver.records().isEmpty()
                && receiver.droppedReported() >= 10);

        assertThat(receiver.records()).extracting(RequestRecord::path).containsExactly("/accepted");
        assertThat(receiver.droppedReported()).isEqualTo(10);
    }

    @Test
    void givenARefusedToken_whenShipped_thenTheRecordsAreKeptUntilItIsAccepted() throws IOException {
        receiver.answer(401);
        start(options -> options);
        serve(10, "/unauthorised");
        Eventually.until("several attempts were refused", () -> receiver.attempts.get() >= 2);
        assertThat(telemetry.backlog().records()).isEqualTo(10);

        receiver.answer(202);
        Eventually.until("the records arrived", () -> receiver.records().size() == 10);
        assertThat(receiver.droppedReported()).isZero();
    }

    @Test
    void givenARequestWithAnOddMethodNoHostAndAHugePath_whenShipped_thenItsFieldsAreWithinTheContractsLimits()
            throws IOException {
        start(options -> options);

        telemetry.served(new ServedRequest(Instant.now(), null, "M-SEARCH", "/" + "a".repeat(5000), 405, 90, 0, null,
                null));
        telemetry.served(new ServedRequest(Instant.now(), "h".repeat(300), "GET", "", 404, 90, 0, null, null));
        Eventually.until("both records arrived", () -> receiver.records().size() == 2);

        RequestRecord odd = receiver.records().get(0);
        assertThat(odd.method()).isEqualTo("OTHER");
        assertThat(odd.host()).isEqualTo("-");
        assertThat(odd.path()).hasSize(2048).startsWith("/aaa");
        RequestRecord longHost = receiver.records().get(1);
        assertThat(longHost.host()).hasSize(255);
        assertThat(longHost.path()).isEqualTo("/");
    }

    private void start(UnaryOperator<TelemetryOptions> adjust) throws IOException {
        telemetry = fixture.start("syd", directory, adjust);
    }

    private void serve(int requests, String path) {
        for (int i = 0; i < requests; i++) {
            telemetry.served(new ServedRequest(Instant.now(), "docs.edge.test", "GET", path, 200, 150 + i, 1234,
                    "prj_docs", "dpl_docs1"));
        }
    }

    private long droppedSoFar() {
        return telemetry.tally().dropped.get();
    }
}
