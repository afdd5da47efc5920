package io.github.caistatus.bench.journal;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import io.github.caistatus.history.JournalInUseException;
import io.github.caistatus.history.JournalIncidentLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The journal's numbers (issue 9): reopen time at 20,000 and 100,000 events, appends per second with fsync,
 * file size before and after compaction, and events lost with two writers. A harness rather than JMH: each
 * number is one file-system scenario, not a hot loop. Run after {@code mvn -pl bench -am package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar io.github.caistatus.bench.journal.JournalHarness [dir]}.
 * Prints a markdown table.
 */
public final class JournalHarness {

    static final Instant T = Instant.parse("2026-06-18T12:00:00Z");

    private JournalHarness() {
    }

    /**
     * Runs every scenario in a fresh directory under {@code args[0]} (default: the temporary directory).
     *
     * @param args optional directory
     * @throws Exception if the file system fails
     */
    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty(
                "java.io.tmpdir")), "journal-harness");
        System.out.println("| scenario | result |");
        System.out.println("|---|---|");
        for (int events : new int[] {20_000, 100_000}) {
            reopenDistinct(root, events);
            reopenWorsenings(root, events);
        }
        appendsPerSecond(root, 1);
        appendsPerSecond(root, 4);
        twoWriters(root);
    }

    static Incident incident(String id, int n, int updates) {
        Instant start = T.plusSeconds(n);
        List<IncidentUpdate> ups = new ArrayList<>();
        for (int u = 0; u < updates; u++) {
            ups.add(new IncidentUpdate(u == 0 ? Stage.INVESTIGATING : Stage.UPDATE, start.plusSeconds(u * 60L),
                    "HTTP 503 from the health route"));
        }
        return new Incident(id, "character.ai", start, Optional.empty(), Health.MAJOR_OUTAGE, Cause.SERVER_ERROR,
                "HTTP 503 from the health route", Source.OBSERVED, false, ups, Optional.empty());
    }

    /** A line as the previous version wrote it (org.json's key order), so the file is a migration too. */
    static String oldLine(Incident i) {
        JSONArray updates = new JSONArray();
        for (IncidentUpdate u : i.updates()) {
            updates.put(new JSONObject().put("stage", u.stage().name()).put("at", u.at().toString()).put("note", u.note()));
        }
        JSONObject o = new JSONObject().put("id", i.id()).put("service", i.service()).put("start", i.start().toString())
                .put("end", JSONObject.NULL).put("health", i.health().name()).put("cause", i.cause().name())
                .put("summary", i.summary()).put("source", i.source().name()).put("scheduled", i.scheduled())
                .put("updates", updates).put("link", JSONObject.NULL);
        return new JSONObject().put("v", 1).put("op", "append").put("incident", o).toString();
    }

    /** {@code events} distinct incidents, one line each: nothing to compact, the worst case for replay. */
    static void reopenDistinct(Path root, int events) throws IOException {
        Path file = root.resolve("distinct-" + events + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int n = 0; n < events; n++) {
                w.write(oldLine(incident("o" + n, n, 1)));
                w.write('\n');
            }
        }
        long size = Files.size(file);
        double[] ms = reopen(file, 5);
        System.out.printf("| reopen, %,d events = %,d distinct incidents (%,d bytes) | first %.0f ms, median %.0f ms |%n",
                events, events, size, ms[0], median(Arrays.copyOfRange(ms, 1, ms.length)));
    }

    /** {@code events} events over 100 incidents, each worsened again and again (the old writer's habit). */
    static void reopenWorsenings(Path root, int events) throws IOException {
        Path file = root.resolve("worse-" + events + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int n = 0; n < events; n++) {
                int id = n % 100;
                w.write(oldLine(incident("o" + id, id, 1 + Math.min(20, n / 100 / 50))));
                w.write('\n');
            }
        }
        long before = Files.size(file);
        double[] ms = reopen(file, 5);
        long after = Files.size(file);
        System.out.printf("| reopen, %,d events over 100 incidents: first open (replay + compaction) | %.0f ms; "
                + "file %,d -> %,d bytes |%n", events, ms[0], before, after);
        System.out.printf("| reopen of that file once compacted | median %.0f ms |%n",
                median(Arrays.copyOfRange(ms, 1, ms.length)));
    }

    private static double[] reopen(Path file, int times) {
        double[] ms = new double[times];
        for (int k = 0; k < times; k++) {
            long t0 = System.nanoTime();
            try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
                if (log.all().isEmpty()) {
                    throw new IllegalStateException("nothing replayed");
                }
            }
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Appends for 3 s from {@code threads} threads, each acknowledged (forced to disk) before the next. */
    static void appendsPerSecond(Path root, int threads) throws Exception {
        Path file = root.resolve("appends-" + threads + ".jsonl");
        AtomicLong done = new AtomicLong();
        long ms;
        long size;
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            CountDownLatch go = new CountDownLatch(1);
            long end = System.nanoTime() + 3_000_000_000L;
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int n = 0; System.nanoTime() < end; n++) {
                        log.append(incident("t" + tt + "-" + (n % 50), n % 50, 1 + n % 5));
                        done.incrementAndGet();
                    }
                });
                th.start();
                ts.add(th);
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread th : ts) {
                th.join();
            }
            ms = (System.nanoTime() - t0) / 1_000_000;
            size = Files.size(file);
        }
        System.out.printf("| appends with fsync, %d thread(s), 50 incidents each worsened | %,.0f appends/s "
                + "(%,d in %d ms); file %,d bytes at the end (compacted as it grew) |%n",
                threads, done.get() * 1000.0 / ms, done.get(), ms, size);
    }

    /** A second writer tries to open the journal 1,000 times while the first appends: lost events, refusals. */
    static void twoWriters(Path root) throws Exception {
        Path file = root.resolve("two-writers.jsonl");
        int refused = 0;
        int opened = 0;
        int appended = 0;
        try (JournalIncidentLog first = JournalIncidentLog.open(file)) {
            for (int n = 0; n < 1_000; n++) {
                first.append(incident("first-" + n, n, 1));
                appended++;
                try (JournalIncidentLog second = JournalIncidentLog.open(file)) {
                    second.append(incident("second-" + n, n, 1));
                    opened++;
                } catch (JournalInUseException e) {
                    refused++;
                }
            }
        }
        int lost = 0;
        try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
            for (int n = 0; n < appended; n++) {
                if (log.find("first-" + n).isEmpty()) {
                    lost++;
                }
            }
        }
        System.out.printf("| two writers in one JVM: %,d acknowledged appends by the first, second open tried %,d "
                + "times | lost %d; second refused %d, opened %d |%n", appended, 1_000, lost, refused, opened);
        System.out.println("| two writers in two processes | see JournalProcessTest.twoProcessesWritingTheSameJournal"
                + "LoseNothing: refused, 0 lost |");
    }
}
