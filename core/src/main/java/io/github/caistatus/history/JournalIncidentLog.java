package io.github.caistatus.history;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IncidentLog} that remembers incidents observed live across restarts, in an append-only journal file.
 *
 * <p>Every {@link #append} and {@link #resolve} is written as one JSON line and forced to disk ({@code fsync})
 * before it takes effect in memory, so an incident the log has accepted survives a crash. On {@link #open}, the
 * journal is replayed onto a base log. A crash in the middle of a write leaves a torn last line (no final
 * newline): it is skipped with a warning and cut off, and every complete line before it is kept. A complete line
 * that cannot be read (a corrupt disk block, a hand edit) is skipped with a warning too; the lines around it
 * still count.
 *
 * <p>Thread-safe: writes are serialised; reads go to the base log without locking. Close it when done: the
 * file is then released, and further writes fail with {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (JournalIncidentLog log = JournalIncidentLog.open(Path.of("incidents.jsonl"), BundledHistory.get().newLog())) {
 *     log.append(observed);                      // on disk before this returns
 *     log.resolve(observed.id(), clock.instant());
 * }
 * }</pre>
 */
public final class JournalIncidentLog implements IncidentLog, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalIncidentLog.class);
    private static final int VERSION = 1;

    private final Path file;
    private final IncidentLog base;
    private final FileChannel channel;
    private final Object writeLock = new Object();
    private boolean closed;

    private JournalIncidentLog(Path file, IncidentLog base, FileChannel channel) {
        this.file = file;
        this.base = base;
        this.channel = channel;
    }

    /**
     * Opens (or creates) a journal on an empty in-memory log.
     *
     * @param file the journal file; its directory must exist
     * @return the log, with the journal replayed
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static JournalIncidentLog open(Path file) {
        return open(file, new InMemoryIncidentLog());
    }

    /**
     * Opens (or creates) a journal and replays it onto {@code base}, e.g. {@link BundledHistory#newLog()}.
     *
     * @param file the journal file; its directory must exist
     * @param base the log to replay onto and to answer queries; written to only through this journal from now on
     * @return the log, with the journal replayed
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static JournalIncidentLog open(Path file, IncidentLog base) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(base, "base");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long keep = replay(file, Files.readAllBytes(file), base);
            if (keep < channel.size()) {
                channel.truncate(keep); // so the next event starts on a line of its own
                channel.force(true);
            }
            channel.position(keep);
            return new JournalIncidentLog(file, base, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open incident journal " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Replays complete lines; returns the length of the journal up to the end of its last complete line. */
    private static long replay(Path file, byte[] bytes, IncidentLog base) {
        int lineStart = 0;
        int lineNo = 0;
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] != '\n') {
                continue;
            }
            lineNo++;
            String line = new String(bytes, lineStart, k - lineStart, StandardCharsets.UTF_8).strip();
            lineStart = k + 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                apply(new JSONObject(line), base);
            } catch (JSONException | IllegalArgumentException | java.time.DateTimeException | NullPointerException e) {
                LOG.warn("Incident journal {} line {} is unreadable and was skipped: {}", file, lineNo, e.getMessage());
            }
        }
        if (lineStart < bytes.length) {
            LOG.warn("Incident journal {} ends with an incomplete line ({} bytes, line {}), probably from a crash during "
                    + "a write; it was dropped", file, bytes.length - lineStart, lineNo + 1);
        }
        return lineStart;
    }

    private static void apply(JSONObject event, IncidentLog base) {
        int v = event.getInt("v");
        if (v != VERSION) {
            throw new IllegalArgumentException("unknown journal version " + v);
        }
        String op = event.getString("op");
        switch (op) {
            case "append" -> base.append(incident(event.getJSONObject("incident")));
            case "resolve" -> base.resolve(event.getString("id"), Instant.parse(event.getString("end")));
            default -> throw new IllegalArgumentException("unknown journal operation '" + op + "'");
        }
    }

    @Override
    public void append(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        synchronized (writeLock) {
            write(new JSONObject().put("v", VERSION).put("op", "append").put("incident", json(incident)));
            base.append(incident);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Nothing is written when there is nothing to resolve.
     */
    @Override
    public Optional<Incident> resolve(String id, Instant end) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(end, "end");
        synchronized (writeLock) {
            Optional<Incident> current = base.find(id);
            if (current.isEmpty() || current.get().isResolved()) {
                return Optional.empty();
            }
            if (end.isBefore(current.get().start())) {
                throw new IllegalArgumentException("incident " + id + " cannot end (" + end + ") before it starts ("
                        + current.get().start() + ")");
            }
            write(new JSONObject().put("v", VERSION).put("op", "resolve").put("id", id).put("end", end.toString()));
            return base.resolve(id, end);
        }
    }

    private void write(JSONObject event) {
        if (closed) {
            throw new IllegalStateException("incident journal " + file + " is closed");
        }
        ByteBuffer bytes = ByteBuffer.wrap((event.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write incident journal " + file, e);
        }
    }

    /** Releases the file. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (!closed) {
                closed = true;
                closeQuietly(channel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the incident journal failed: {}", e.getMessage());
        }
    }

    // ---- reads: the base log's ------------------------------------------------------------------------------

    @Override
    public List<Incident> all() {
        return base.all();
    }

    @Override
    public List<Incident> between(Instant from, Instant to) {
        return base.between(from, to);
    }

    @Override
    public List<Incident> activeAt(Instant instant) {
        return base.activeAt(instant);
    }

    @Override
    public Optional<Incident> find(String id) {
        return base.find(id);
    }

    @Override
    public Availability availability(Instant from, Instant to) {
        return base.availability(from, to);
    }

    @Override
    public Optional<OutageDurations> typicalDuration(Health kind) {
        return base.typicalDuration(kind);
    }

    // ---- JSON form of an incident --------------------------------------------------------------------------

    static JSONObject json(Incident i) {
        JSONArray updates = new JSONArray();
        for (IncidentUpdate u : i.updates()) {
            updates.put(new JSONObject().put("stage", u.stage().name()).put("at", u.at().toString()).put("note", u.note()));
        }
        return new JSONObject()
                .put("id", i.id())
                .put("service", i.service())
                .put("start", i.start().toString())
                .put("end", i.end().<Object>map(Instant::toString).orElse(JSONObject.NULL))
                .put("health", i.health().name())
                .put("cause", i.cause().name())
                .put("summary", i.summary())
                .put("source", i.source().name())
                .put("scheduled", i.scheduled())
                .put("updates", updates)
                .put("link", i.link().<Object>map(s -> s).orElse(JSONObject.NULL));
    }

    static Incident incident(JSONObject o) {
        List<IncidentUpdate> updates = new ArrayList<>();
        JSONArray ups = o.getJSONArray("updates");
        for (int k = 0; k < ups.length(); k++) {
            JSONObject u = ups.getJSONObject(k);
            updates.add(new IncidentUpdate(Stage.parse(u.getString("stage")), Instant.parse(u.getString("at")),
                    u.getString("note")));
        }
        return new Incident(
                o.getString("id"),
                o.getString("service"),
                Instant.parse(o.getString("start")),
                o.isNull("end") ? Optional.empty() : Optional.of(Instant.parse(o.getString("end"))),
                Health.valueOf(o.getString("health")),
                Cause.valueOf(o.getString("cause")),
                o.getString("summary"),
                Source.valueOf(o.getString("source")),
                o.getBoolean("scheduled"),
                updates,
                o.isNull("link") ? Optional.empty() : Optional.of(o.getString("link")));
    }
}
