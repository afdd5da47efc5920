package io.github.caistatus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    @Test
    void ratioCountsMajorAndPartialDowntime() {
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Availability a = new Availability(from, from.plus(Duration.ofDays(1)),
                Duration.ofMinutes(72), Duration.ofMinutes(72), 1);
        assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(144));
        assertThat(a.ratio()).isCloseTo(0.9, within(1e-12));
        assertThat(a.unknownDurations()).isEqualTo(1);
    }

    @Test
    void rejectsAnEmptyWindow() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        assertThatThrownBy(() -> new Availability(t, t, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
