package io.github.caistatus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final Instant T0 = Instant.parse("2023-05-04T17:00:00Z");
    private static final Instant T1 = Instant.parse("2023-05-04T18:00:00Z");

    private static Incident incident(Instant start, Optional<Instant> end) {
        return new Incident("x", "character.ai", start, end, Health.MAINTENANCE, Cause.MAINTENANCE, "planned",
                Source.BUNDLED, true, List.of(), Optional.empty());
    }

    @Test
    void coversItsStartButNotItsEnd() {
        Incident i = incident(T0, Optional.of(T1));
        assertThat(i.isActiveAt(T0)).isTrue();
        assertThat(i.isActiveAt(T1.minusNanos(1))).isTrue();
        assertThat(i.isActiveAt(T1)).isFalse();
        assertThat(i.isActiveAt(T0.minusNanos(1))).isFalse();
    }

    @Test
    void overlapsHalfOpenWindowsOnlyWhenTheyShareAnInstant() {
        Incident i = incident(T0, Optional.of(T1));
        assertThat(i.overlaps(T1, T1.plusSeconds(60))).as("window starting at the end").isFalse();
        assertThat(i.overlaps(T0.minusSeconds(60), T0)).as("window ending at the start").isFalse();
        assertThat(i.overlaps(T0.minusSeconds(60), T0.plusNanos(1))).isTrue();
        assertThat(i.overlaps(T1.minusNanos(1), T1.plusSeconds(60))).isTrue();
    }

    @Test
    void anUnresolvedIncidentCoversEverythingAfterItsStart() {
        Incident i = incident(T0, Optional.empty());
        assertThat(i.isResolved()).isFalse();
        assertThat(i.duration()).isEmpty();
        assertThat(i.isActiveAt(T0.plus(Duration.ofDays(400)))).isTrue();
        assertThat(i.overlaps(T1, T1.plusSeconds(1))).isTrue();
    }

    @Test
    void aZeroLengthIncidentCoversItsSingleInstant() {
        Incident i = incident(T0, Optional.of(T0));
        assertThat(i.isActiveAt(T0)).isTrue();
        assertThat(i.overlaps(T0, T1)).isTrue();
        assertThat(i.overlaps(T0.minusSeconds(1), T0)).isFalse();
    }

    @Test
    void resolvingAddsTheEndAndAResolvedUpdate() {
        Incident resolved = incident(T0, Optional.empty()).resolvedAt(T1, "back");
        assertThat(resolved.end()).contains(T1);
        assertThat(resolved.duration()).contains(Duration.ofHours(1));
        assertThat(resolved.updates()).extracting(IncidentUpdate::stage).containsExactly(Stage.RESOLVED);
    }

    @Test
    void refusesToEndBeforeItStarts() {
        assertThatThrownBy(() -> incident(T1, Optional.of(T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it starts");
    }
}
