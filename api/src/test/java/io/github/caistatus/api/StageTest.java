package io.github.caistatus.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageTest {

    @ParameterizedTest
    @CsvSource({
        "in_progress, IN_PROGRESS",
        "In progress, IN_PROGRESS",
        "Investigating, INVESTIGATING",
        "' resolved ', RESOLVED",
        "verifying, VERIFYING",
        "postmortem, POSTMORTEM",
        "something-new, UNKNOWN",
        "'', UNKNOWN"
    })
    void parsesStatuspageWordsAndToleratesUnknownOnes(String text, Stage expected) {
        assertThat(Stage.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"RESOLVED, true", "COMPLETED, true", "POSTMORTEM, true", "MONITORING, false", "SCHEDULED, false"})
    void knowsWhichStagesEndAnIncident(Stage stage, boolean ends) {
        assertThat(stage.isFinal()).isEqualTo(ends);
    }

    @org.junit.jupiter.api.Test
    void nullIsUnknown() {
        assertThat(Stage.parse(null)).isEqualTo(Stage.UNKNOWN);
    }
}
