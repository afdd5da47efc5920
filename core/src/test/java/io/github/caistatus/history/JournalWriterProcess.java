package io.github.caistatus.history;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A second process for the journal's tests: a writer that can be killed, or a holder that keeps a journal open.
 *
 * <p>{@code write <file> <slack> <count>}: opens the journal and appends {@code count} incidents (every third
 * one is then made worse, every fifth resolved), printing {@code A <id>} or {@code R <id>} to stdout only after
 * the call returned, i.e. once the journal acknowledged it. A small slack makes it compact often, so that a kill
 * lands during a compaction too. {@code hold <file>}: opens the journal, prints {@code open}, and keeps it open
 * until stdin ends. {@code compact <file> <count>}: appends one incident and compacts, {@code count} times, so
 * that most of its time is spent compacting: a kill then most likely lands in the middle of a compaction.
 */
public final class JournalWriterProcess {

    static final Instant T = Instant.parse("2026-06-18T12:00:00Z");

    private JournalWriterProcess() {
    }

    /**
     * Runs the writer or the holder.
     *
     * @param args see the class comment
     * @throws IOException if stdin fails
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        Path file = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
                out.println("open");
                out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to let go
                }
            }
            return;
        }
        if (args[0].equals("compact")) {
            String prefix = "k" + ProcessHandle.current().pid() + "-";
            try (JournalIncidentLog log = JournalIncidentLog.open(file)) {
                out.println("open");
                out.flush();
                for (int n = 0; n < Integer.parseInt(args[2]); n++) {
                    log.append(incident(prefix + n, n, Health.MAJOR_OUTAGE));
                    out.println("A " + prefix + n);
                    out.flush();
                    log.compact();
                }
            }
            return;
        }
        int slack = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        String prefix = "p" + ProcessHandle.current().pid() + "-";
        try (JournalIncidentLog log = JournalIncidentLog.open(file, new InMemoryIncidentLog(), slack)) {
            out.println("open");
            out.flush();
            for (int n = 0; n < count; n++) {
                String id = prefix + n;
                Incident i = incident(id, n, Health.PARTIAL_OUTAGE);
                log.append(i);
                out.println("A " + id);
                out.flush();
                if (n % 3 == 0) {
                    List<IncidentUpdate> ups = new ArrayList<>(i.updates());
                    ups.add(new IncidentUpdate(Stage.UPDATE, i.start().plusSeconds(30), "worse"));
                    log.append(new Incident(id, i.service(), i.start(), i.end(), Health.MAJOR_OUTAGE, i.cause(),
                            i.summary(), i.source(), false, ups, i.link()));
                    out.println("A " + id);
                    out.flush();
                }
                if (n % 5 == 0) {
                    log.resolve(id, i.start().plus(Duration.ofMinutes(3)));
                    out.println("R " + id);
                    out.flush();
                }
            }
        }
        out.println("done");
        out.flush();
    }

    static Incident incident(String id, int n, Health health) {
        Instant start = T.plusSeconds(n);
        return new Incident(id, "character.ai", start, Optional.empty(), health, Cause.SERVER_ERROR,
                "HTTP 503 from the health route", Source.OBSERVED, false,
                List.of(new IncidentUpdate(Stage.INVESTIGATING, start, "503 ×3")), Optional.empty());
    }
}
