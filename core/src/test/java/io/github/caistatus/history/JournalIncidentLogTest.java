package io.github.caistatus.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalIncidentLogTest {

    static final Instant T = Instant.parse("2026-06-18T12:00:00Z");

    @TempDir
    Path dir;

    static Incident observed(String id, int startMinutes) {
        return new Incident(id, "character.ai", T.plus(Duration.ofMinutes(startMinutes)), Optional.empty(),
                Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503 from the health route", Source.OBSERVED, false,
                List.of(new IncidentUpdate(Stage.INVESTIGATING, T.plus(Duration.ofMinutes(startMinutes)), "503 ×3")),
                Optional.empty());
    }

    @Test
    void appendedAndResolvedIncidentsSurviveAReopen() {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            log.append(observed("o1", 0));
            log.append(observed("o2", 10));
            assertThat(log.resolve("o1", T.plus(Duration.ofMinutes(7)))).isPresent();
        }
        try (JournalIncidentLog again = JournalIncidentLog.open(file)) {
            assertThat(again.all()).extracting(Incident::id).containsExactly("o1", "o2");
            Incident o1 = again.find("o1").orElseThrow();
            assertThat(o1.end()).contains(T.plus(Duration.ofMinutes(7)));
            assertThat(o1.updates()).extracting(IncidentUpdate::stage).containsExactly(Stage.INVESTIGATING, Stage.RESOLVED);
            assertThat(o1.updates().get(0).note()).isEqualTo("503 ×3");
            assertThat(again.find("o2").orElseThrow().isResolved()).isFalse();
        }
    }

    @Test
    void everyEventIsOneJsonLineOnDiskWhenTheCallReturns() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            log.append(observed("o1", 0));
            assertThat(Files.readAllLines(file)).hasSize(1);
            log.resolve("o1", T.plus(Duration.ofMinutes(3)));
            assertThat(Files.readAllLines(file)).hasSize(2).last().asString().contains("\"op\":\"resolve\"");
            assertThat(log.resolve("o1", T.plus(Duration.ofMinutes(4)))).isEmpty();
            assertThat(log.resolve("nobody", T)).isEmpty();
            assertThat(Files.readAllLines(file)).as("nothing to resolve, nothing written").hasSize(2);
        }
    }

    @Test
    void aTornLastLineIsDroppedAndEarlierLinesAreKept() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            log.append(observed("o1", 0));
            log.append(observed("o2", 10));
        }
        long intact = Files.size(file);
        // a crash in the middle of the third write
        Files.write(file, "{\"v\":1,\"op\":\"append\",\"incident\":{\"id\":\"o3\",\"serv".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o1", "o2");
            assertThat(Files.size(file)).as("the torn tail is cut off").isEqualTo(intact);
            log.append(observed("o4", 20));
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o1", "o2", "o4");
        }
    }

    @Test
    void anUnreadableCompleteLineIsSkippedAndTheLinesAfterItStillCount() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            log.append(observed("o1", 0));
        }
        Files.write(file, "not json at all\n{\"v\":1,\"op\":\"resolve\",\"id\":\"o1\",\"end\":\"2026-06-18T12:05:00Z\"}\n"
                .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.find("o1").orElseThrow().end()).contains(Instant.parse("2026-06-18T12:05:00Z"));
        }
    }

    @Test
    void replaysOntoTheBundledHistory() {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file, BundledHistory.get().newLog())) {
            log.append(observed("o1", 0));
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file, BundledHistory.get().newLog())) {
            assertThat(log.all()).hasSize(BundledHistory.get().incidents().size() + 1);
            assertThat(log.activeAt(T.plus(Duration.ofMinutes(1)))).extracting(Incident::id).containsExactly("o1");
        }
    }

    @Test
    void aClosedJournalRefusesWritesButStillAnswersReads() {
        JournalIncidentLog log = JournalIncidentLog.open(dir.resolve("incidents.jsonl"));
        log.append(observed("o1", 0));
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(observed("o2", 5))).isInstanceOf(IllegalStateException.class);
        assertThat(log.all()).hasSize(1);
    }
}
