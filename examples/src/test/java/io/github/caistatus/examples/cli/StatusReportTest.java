package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class StatusReportTest {

    private final Instant at = Instant.parse("2026-07-01T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"OPERATIONAL,0", "DEGRADED,1", "PARTIAL_OUTAGE,1", "MAJOR_OUTAGE,2", "MAINTENANCE,2", "UNKNOWN,3"})
    void exitCodesFollowTheMonitoringPluginConvention(Health health, int code) {
        assertThat(StatusReport.exitCode(health)).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"2s,2000", "500ms,500", "PT2S,2000", "1m,60000", "PT0.25S,250"})
    void durationsAreReadAsPeopleTypeThem(String text, long millis) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void zeroAndGarbageAreNotDurations() {
        assertThatThrownBy(() -> new DurationConverter().convert("0s"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> new DurationConverter().convert("2 seconds"))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("2s, 500ms");
    }

    @Test
    void theJsonCarriesEveryField() {
        Incident maint = new Incident("m1", "character.ai", at.plusSeconds(3600), Optional.of(at.plusSeconds(7200)),
                Health.MAINTENANCE, Cause.MAINTENANCE, "database upgrade", Source.OFFICIAL, true, List.of(),
                Optional.of("https://status.character.ai/incidents/m1"));
        Incident observed = new Incident("observed-1", "character.ai", at.minusSeconds(60), Optional.empty(),
                Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "health endpoint HTTP 503", Source.OBSERVED, false,
                List.of(), Optional.empty());
        StatusSnapshot s = new StatusSnapshot(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "health endpoint HTTP 503",
                0.5, at,
                List.of(Signal.of("endpoint", Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, Duration.ofMillis(42), at,
                        "HTTP 503").withRetryAfter(Duration.ofSeconds(30))),
                List.of(new ComponentStatus("c1", "Chat", Optional.of("Core"), Health.PARTIAL_OUTAGE,
                        "partial_outage")),
                List.of(observed), Optional.of(maint), Optional.of(Duration.ofSeconds(30)));

        JSONObject j = StatusReport.json(s);

        assertThat(j.getString("health")).isEqualTo("MAJOR_OUTAGE");
        assertThat(j.getString("cause")).isEqualTo("SERVER_ERROR");
        assertThat(j.getString("summary")).isEqualTo("health endpoint HTTP 503");
        assertThat(j.getDouble("confidence")).isEqualTo(0.5);
        assertThat(j.getString("observedAt")).isEqualTo("2026-07-01T12:00:00Z");
        JSONObject sig = j.getJSONArray("signals").getJSONObject(0);
        assertThat(sig.getString("probe")).isEqualTo("endpoint");
        assertThat(sig.getLong("latencyMillis")).isEqualTo(42);
        assertThat(sig.getString("detail")).isEqualTo("HTTP 503");
        assertThat(sig.getLong("retryAfterSeconds")).isEqualTo(30);
        assertThat(j.getJSONArray("components").getJSONObject(0).getString("group")).isEqualTo("Core");
        JSONObject inc = j.getJSONArray("incidents").getJSONObject(0);
        assertThat(inc.getString("source")).isEqualTo("OBSERVED");
        assertThat(inc.isNull("end")).isTrue();
        assertThat(j.getJSONObject("nextMaintenance").getString("start")).isEqualTo("2026-07-01T13:00:00Z");
        assertThat(j.getJSONObject("nextMaintenance").getString("end")).isEqualTo("2026-07-01T14:00:00Z");
        assertThat(j.getInt("exitCode")).isEqualTo(2);

        String text = StatusReport.text(s);
        assertThat(text).startsWith("Character.AI: MAJOR OUTAGE (server error)")
                .contains("Core / Chat: partial outage")
                .contains("next maintenance: 2026-07-01T13:00:00Z to 2026-07-01T14:00:00Z")
                .contains("retry after: 30 s");
    }
}
