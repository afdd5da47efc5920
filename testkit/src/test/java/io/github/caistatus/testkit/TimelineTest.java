package io.github.caistatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private final Timeline day = Timeline.builder()
            .at(s(1), Mode.WAITING_ROOM)
            .at(s(3), Mode.MAINTENANCE)
            .at(s(5), Mode.MAINTENANCE)
            .at(s(7), Mode.UP)
            .at(s(9), Mode.MAINTENANCE)
            .build();

    @Test
    void isUpBeforeTheFirstStep() {
        assertThat(day.modeAt(Duration.ZERO)).isEqualTo(Mode.UP);
    }

    @Test
    void aStepStartsAtItsOffsetInclusiveAndLastsUntilTheNext() {
        assertThat(day.modeAt(s(1))).isEqualTo(Mode.WAITING_ROOM);
        assertThat(day.modeAt(s(3).minusNanos(1))).isEqualTo(Mode.WAITING_ROOM);
        assertThat(day.modeAt(s(3))).isEqualTo(Mode.MAINTENANCE);
        assertThat(day.modeAt(s(100))).isEqualTo(Mode.MAINTENANCE);
    }

    @Test
    void consecutiveMaintenanceStepsMakeOneWindowAndAnUnfinishedOneStaysOpen() {
        assertThat(day.maintenanceWindows()).containsExactly(
                new Timeline.Window(s(3), Optional.of(s(7))),
                new Timeline.Window(s(9), Optional.empty()));
    }

    @Test
    void offsetsMustIncreaseStrictly() {
        assertThatThrownBy(() -> Timeline.builder().at(s(2), Mode.UP).at(s(2), Mode.ERROR_500).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> Timeline.builder().at(s(-1), Mode.UP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastOffsetIsWhereTheScriptEnds() {
        assertThat(day.lastOffset()).isEqualTo(s(9));
        assertThat(new Timeline(java.util.List.of()).lastOffset()).isEqualTo(Duration.ZERO);
    }
}
