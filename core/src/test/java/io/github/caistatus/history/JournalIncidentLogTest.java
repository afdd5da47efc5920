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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
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
    void aTornLastLineIsSkippedAndEarlierLinesAreKept() throws Exception {
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
            assertThat(Files.size(file)).as("a writer never changes bytes it did not write").isGreaterThan(intact);
            log.append(observed("o4", 20));
            assertThat(Files.readString(file)).as("the torn line is ended before the next event")
                    .contains("\"serv\n{\"v\":1,\"op\":\"append\"");
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

    @Test
    void aTornLineInTheMiddleCostsOnlyItselfNotTheEventAfterIt() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        String torn = "{\"v\":1,\"op\":\"append\",\"incident\":{\"id\":\"o2\",\"serv";
        Files.writeString(file, oldLine(observed("o1", 0)) + "\n" + torn + oldLine(observed("o3", 20)) + "\n"
                + "\u0000\u0000garbage{\"x\n" + oldLine(observed("o4", 30)) + "\n");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o1", "o3", "o4");
        }
    }

    /** An event as the previous version wrote it: org.json's own key order. */
    static String oldLine(Incident i) {
        return new JSONObject().put("v", 1).put("op", "append").put("incident", JournalIncidentLog.json(i)).toString();
    }

    @Test
    void aJournalOfThePreviousVersionOpensAndIsCompacted() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        StringBuilder old = new StringBuilder();
        for (int n = 0; n < 3_000; n++) { // every worsening appended the whole incident again
            old.append(oldLine(observed("o" + (n % 3), n % 3))).append('\n');
        }
        old.append(new JSONObject().put("v", 1).put("op", "resolve").put("id", "o1").put("end", T.plusSeconds(600)
                .toString())).append('\n');
        Files.writeString(file, old);
        long before = Files.size(file);
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o0", "o1", "o2");
            assertThat(log.find("o1").orElseThrow().isResolved()).isTrue();
            assertThat(Files.readAllLines(file)).as("one line per incident").hasSize(3);
            assertThat(Files.size(file)).isLessThan(before / 100);
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.find("o1").orElseThrow().end()).contains(T.plusSeconds(600));
            assertThat(log.find("o2").orElseThrow().isResolved()).isFalse();
        }
    }

    @Test
    void theFileFollowsTheIncidentsNotTheEvents() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file, new InMemoryIncidentLog(), 10)) {
            for (int n = 0; n < 500; n++) {
                log.append(observed("o" + (n % 2), n % 2));
                assertThat(Files.readAllLines(file).size()).isLessThanOrEqualTo(2 * 2 + 10 + 1);
            }
            log.resolve("o1", T.plusSeconds(3600));
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o0", "o1");
            assertThat(log.find("o1").orElseThrow().isResolved()).isTrue();
        }
    }

    @Test
    void aCompactionCutShortBeforeItsRenameLeavesTheJournalWhole() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            log.append(observed("o1", 0));
            log.append(observed("o2", 10));
        }
        Files.writeString(dir.resolve("incidents.jsonl.compact"), oldLine(observed("o1", 0)) + "\n{\"v\":1,\"op");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o1", "o2");
            assertThat(dir.resolve("incidents.jsonl.compact")).doesNotExist();
            log.compact();
            log.append(observed("o3", 20));
            assertThat(Files.readAllLines(file)).hasSize(3);
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).extracting(Incident::id).containsExactly("o1", "o2", "o3");
        }
    }

    @Test
    void aSecondOpenInThisJvmIsRefusedAtOnceNamingTheFileAndTheHolder() {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog first = JournalIncidentLog.open(file)) {
            first.append(observed("o1", 0));
            assertThatThrownBy(() -> JournalIncidentLog.open(file))
                    .isInstanceOf(JournalInUseException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((JournalInUseException) e).holder()).isPresent());
            first.append(observed("o2", 10));
        }
        try (JournalIncidentLog again = JournalIncidentLog.open(file)) {
            assertThat(again.all()).extracting(Incident::id).containsExactly("o1", "o2");
        }
    }

    @Test
    void anotherNameOfTheSameFileIsRefusedToo() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        Path other = dir.resolve("sub").resolve("..").resolve("incidents.jsonl");
        Files.createDirectories(dir.resolve("sub"));
        Path link = dir.resolve("link.jsonl");
        try (JournalIncidentLog first = JournalIncidentLog.open(file)) {
            Files.createSymbolicLink(link, file);
            assertThatThrownBy(() -> JournalIncidentLog.open(other)).isInstanceOf(JournalInUseException.class);
            assertThatThrownBy(() -> JournalIncidentLog.open(link)).isInstanceOf(JournalInUseException.class);
        }
    }

    @Test
    void concurrentWritersOfOneInstanceLoseNothing() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        int threads = 4;
        int each = 100;
        try (JournalIncidentLog log = JournalIncidentLog.open(file, new InMemoryIncidentLog(), 16)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int n = 0; n < each; n++) {
                            log.append(observed("t" + tt + "-" + n, n));
                            log.append(observed("t" + tt + "-" + n, n)); // a worsening: room for compactions
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).hasSize(threads * each);
        }
    }
}
