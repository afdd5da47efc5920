package io.github.caistatus.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Incident;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal against other processes: writers killed with SIGKILL at random moments (while appending, while
 * compacting), and a second process that wants the same file. Each child is a fresh JVM running
 * {@link JournalWriterProcess}; it prints an event's id only after the journal acknowledged it.
 */
class JournalProcessTest {

    @TempDir
    Path dir;

    /** Acknowledged appends and resolves seen on a child's stdout. */
    static final class Acks {
        final Set<String> appended = new HashSet<>();
        final Set<String> resolved = new HashSet<>();
        int count;

        boolean take(String line) {
            if (line.startsWith("A ")) {
                appended.add(line.substring(2));
            } else if (line.startsWith("R ")) {
                resolved.add(line.substring(2));
            } else {
                return false;
            }
            count++;
            return true;
        }
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("child-stderr.txt").toFile()).start();
    }

    private static BufferedReader stdout(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Kills {@code p} with SIGKILL once it has acknowledged {@code after} events; collects every acknowledgement. */
    private static void killAfter(Process p, int after, Acks acks) throws Exception {
        BufferedReader out = stdout(p);
        assertThat(out.readLine()).as("the child opened the journal").isEqualTo("open");
        int seen = 0;
        String line;
        while (seen < after && (line = out.readLine()) != null) {
            if (acks.take(line)) {
                seen++;
            }
        }
        // SIGKILL on Unix: no shutdown hook, no close(); through the handle, which (unlike Process) leaves our
        // end of its stdout open, so the acknowledgements still in the pipe can be read
        p.toHandle().destroyForcibly();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        while ((line = out.readLine()) != null) { // acknowledged before it died: must be kept too
            acks.take(line);
        }
    }

    private static int lost(Path file, Acks acks) {
        int lost = 0;
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            for (String id : acks.appended) {
                if (log.find(id).isEmpty()) {
                    lost++;
                }
            }
            for (String id : acks.resolved) {
                if (!log.find(id).map(Incident::isResolved).orElse(false)) {
                    lost++;
                }
            }
        }
        return lost;
    }

    @Test
    @Timeout(90)
    void aWriterKilledAtRandomMomentsLosesNoAcknowledgedEvent() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Acks acks = new Acks();
        for (int round = 0; round < 20; round++) {
            Process p = start("write", file.toString(), "16", "100000");
            killAfter(p, 1 + random.nextInt(120), acks);
            assertThat(lost(file, acks)).as("acknowledged events lost after round %d (seed %d)", round, seed)
                    .isZero();
        }
        assertThat(acks.count).isGreaterThanOrEqualTo(20);
    }

    @Test
    @Timeout(90)
    void aWriterKilledWhileCompactingLosesNoAcknowledgedEvent() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) { // enough incidents to make compacting slow
            for (int n = 0; n < 2_000; n++) {
                log.append(JournalWriterProcess.incident("pre-" + n, n, io.github.caistatus.api.Health.MAJOR_OUTAGE));
            }
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Acks acks = new Acks();
        for (int n = 0; n < 2_000; n++) {
            acks.appended.add("pre-" + n);
        }
        int interrupted = 0;
        for (int round = 0; round < 10; round++) {
            Process p = start("compact", file.toString(), "100000");
            killAfter(p, 1 + random.nextInt(10), acks);
            if (Files.exists(dir.resolve("incidents.jsonl.compact"))) {
                interrupted++; // killed between creating the new file and renaming it
            }
            assertThat(lost(file, acks)).as("acknowledged events lost after round %d (seed %d)", round, seed)
                    .isZero();
            assertThat(dir.resolve("incidents.jsonl.compact")).as("the unfinished compaction is cleared").doesNotExist();
        }
        System.out.printf("compaction crash test: %d of 10 kills landed mid-compaction, %d events acknowledged%n",
                interrupted, acks.count);
    }

    @Test
    @Timeout(60)
    void aSecondProcessIsRefusedAtOnceNamingTheFileAndTheHolder() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        Process holder = start("hold", file.toString());
        try {
            assertThat(stdout(holder).readLine()).isEqualTo("open");
            assertThatThrownBy(() -> JournalIncidentLog.open(file))
                    .isInstanceOf(JournalInUseException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("pid " + holder.pid())
                    .satisfies(e -> assertThat(((JournalInUseException) e).file()).isEqualTo(file));
        } finally {
            holder.getOutputStream().close(); // lets it close the journal and exit
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.all()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void twoProcessesWritingTheSameJournalLoseNothing() throws Exception {
        Path file = dir.resolve("incidents.jsonl");
        Process writer = start("write", file.toString(), "1024", "300");
        Acks acks = new Acks();
        BufferedReader out = stdout(writer);
        assertThat(out.readLine()).isEqualTo("open");
        int refused = 0;
        String line;
        while ((line = out.readLine()) != null && !line.equals("done")) {
            acks.take(line);
            if (acks.count % 50 == 1) { // a second writer tries while the first is mid-stream
                try (JournalIncidentLog second = JournalIncidentLog.open(file)) {
                    second.append(JournalWriterProcess.incident("second", 0, io.github.caistatus.api.Health.DEGRADED));
                } catch (JournalInUseException e) {
                    refused++;
                }
            }
        }
        assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(refused).as("every try of the second writer was refused").isPositive();
        assertThat(lost(file, acks)).isZero();
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            assertThat(log.find("second")).as("the refused writer wrote nothing").isEmpty();
        }
    }
}
