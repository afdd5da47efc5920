package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo end to end: the README's main command, offline, as a user runs it. */
class DemoCommandTest {

    record Run(int exitCode, String out, String err, Duration took) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CaiStatusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long t0 = System.nanoTime();
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - t0));
    }

    @Test
    void jsonSummaryShowsNoFailureFastDetectionAndThePrimaryBackAfterRecovery() {
        Run r = run("demo", "--json");

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JSONObject s = new JSONObject(r.out());
        JSONObject by = s.getJSONObject("answeredBy");
        int primary = by.getInt("primary");
        int alternative = by.getInt("alternative");
        int canned = by.getInt("canned");
        assertThat(s.getInt("failed")).isZero();
        assertThat(s.getInt("messages")).isGreaterThan(100).isEqualTo(primary + alternative + canned);
        // the day is 3 parts outage out of 5: fallbacks must have carried a good share of it
        assertThat(alternative + canned).isGreaterThan(s.getInt("messages") / 3);
        assertThat(alternative).isPositive();
        assertThat(canned).isPositive();
        assertThat(primary).isPositive();
        // detection: a fallback answered without any wait on Character.AI, soon after the outage began
        assertThat(s.get("detectionMillis")).isNotEqualTo(JSONObject.NULL);
        assertThat(s.getLong("detectionMillis")).isBetween(0L, 1_999L);
        // recovery: Character.AI answered again after it came back, within its last part of the day
        assertThat(s.get("recoveryMillis")).isNotEqualTo(JSONObject.NULL);
        assertThat(s.getLong("recoveryMillis")).isBetween(0L, 2_999L);
        assertThat(s.getLong("durationMillis")).isLessThan(30_000L);
        assertThat(r.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void textTimelineWalksThroughTheDayAndCompressesRepeatedLines() {
        // in a locale with a decimal comma, to show the output does not depend on the host's locale
        Locale before = Locale.getDefault();
        Run r;
        try {
            Locale.setDefault(Locale.GERMANY);
            r = run("demo", "--step", "1s", "--every", "50ms");
        } finally {
            Locale.setDefault(before);
        }

        assertThat(r.exitCode()).isZero();
        String out = r.out();
        assertThat(out).containsPattern("(?m)^ +\\d+\\.\\d{2}s  -- simulator: WAITING_ROOM")
                .containsPattern("(?m)^took \\d+\\.\\d s$").doesNotContainPattern("\\d,\\d");
        assertThat(out).contains("-- simulator: WAITING_ROOM", "-- simulator: ERROR_500", "-- simulator: MAINTENANCE",
                "-- simulator: UP: Character.AI is up again");
        // while held open, a trial call per unhealthy interval still tries Character.AI (and fails: CALL_FAILED)
        assertThat(out).containsPattern("MAINTENANCE +MAINTENANCE +FORCED_OPEN .*\\(MAINTENANCE[,)]");
        assertThat(out).containsPattern("primary x\\d{2,}");
        assertThat(out).containsPattern("\\d+ messages: Character.AI answered \\d+, the backup bot \\d+, the canned"
                + " reply \\d+; 0 failed");
        // ~100 messages in far fewer lines
        assertThat(out.lines().count()).isLessThan(50);
    }

    @Test
    void optionsOutOfRangeAreOneLineOnStderr() {
        Run r = run("demo", "--step", "30s");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("step must be between 1 s and 5 s");
        assertThat(r.out()).isEmpty();
    }
}
