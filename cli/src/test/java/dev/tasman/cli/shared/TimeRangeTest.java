package dev.tasman.cli.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final ZoneOffset PLUS_TEN = ZoneOffset.ofHours(10);

    @Test
    void givenTimesAsPeopleTypeThem_whenParsed_thenInstantsWithLocalTimeInTheLocalZone() {
        assertThat(TimeRange.instant("2025-11-22T14:00:00Z", PLUS_TEN)).hasToString("2025-11-22T14:00:00Z");
        assertThat(TimeRange.instant("2025-11-22T14:00:00+11:00", PLUS_TEN)).hasToString("2025-11-22T03:00:00Z");
        assertThat(TimeRange.instant("2025-11-22T14:00", PLUS_TEN)).hasToString("2025-11-22T04:00:00Z");
        assertThat(TimeRange.instant("2025-11-22", PLUS_TEN)).hasToString("2025-11-21T14:00:00Z");
        assertThat(TimeRange.instant("yesterday", PLUS_TEN)).isNull();
        assertThat(TimeRange.instant("2025-13-01", PLUS_TEN)).isNull();
    }

    @Test
    void givenDurations_whenParsed_thenSecondsToWeeksAndNothingElse() {
        assertThat(TimeRange.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(TimeRange.duration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(TimeRange.duration("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(TimeRange.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(TimeRange.duration("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(TimeRange.duration("15")).isNull();
        assertThat(TimeRange.duration("5 minutes")).isNull();
        assertThat(TimeRange.duration("-5m")).isNull();
    }
}
