package dev.tasman.control.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.feed.EdgeProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The progress board stays bounded: by state, by age and by count. */
class EdgeProgressBoardTest {

    private final MovableClock clock = new MovableClock();
    private final EdgeProgressBoard board = new EdgeProgressBoard(clock, 2);

    @Test
    void givenTwoReportsFromOneEdge_whenShown_thenOnlyTheLatest() {
        board.record("syd", new EdgeProgress("dpl_1", 4, 1, 40, 10));
        board.record("syd", new EdgeProgress("dpl_1", 4, 2, 40, 20));

        assertThat(board.of("dpl_1", DeploymentState.PROPAGATING)).containsOnlyKeys("syd")
                .hasEntrySatisfying("syd", report -> assertThat(report.filesPresent()).isEqualTo(2));
    }

    @Test
    void givenADeploymentNoLongerPropagating_whenShown_thenItsReportsAreGoneForGood() {
        board.record("syd", new EdgeProgress("dpl_1", 4, 1, 40, 10));

        assertThat(board.of("dpl_1", DeploymentState.READY)).isEmpty();
        assertThat(board.of("dpl_1", DeploymentState.PROPAGATING)).isEmpty();
    }

    @Test
    void givenAReportOlderThanTenMinutes_whenShown_thenDropped() {
        board.record("syd", new EdgeProgress("dpl_1", 4, 1, 40, 10));
        clock.now = clock.now.plus(EdgeProgressBoard.KEPT).plusSeconds(1);
        board.record("mel", new EdgeProgress("dpl_1", 4, 1, 40, 10));

        assertThat(board.of("dpl_1", DeploymentState.PROPAGATING)).containsOnlyKeys("mel");
    }

    @Test
    void givenTheCapReached_whenAnotherEdgeReports_thenTheOldestReportMakesRoom() {
        board.record("syd", new EdgeProgress("dpl_1", 4, 1, 40, 10));
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        board.record("mel", new EdgeProgress("dpl_1", 4, 1, 40, 10));
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        board.record("sin", new EdgeProgress("dpl_1", 4, 1, 40, 10));

        assertThat(board.of("dpl_1", DeploymentState.PROPAGATING)).containsOnlyKeys("mel", "sin");
    }

    private static final class MovableClock extends Clock {

        Instant now = Instant.parse("2026-12-07T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
