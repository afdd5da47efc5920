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
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IncidentLog} that remembers incidents observed live across restarts, in an append-only journal file.
 *
 * <p><b>Durability.</b> Every {@link #append} and {@link #resolve} is written as one JSON line and forced to disk
 * ({@code fsync}) before the call returns, so an incident the log has acknowledged survives a crash. The fsync
 * runs outside the lock that orders writes, and concurrent writers share one fsync. (The event is visible to
 * readers of this instance from the moment it is written, a moment before it is forced.)
 *
 * <p><b>One writer.</b> A journal has one writer at a time: {@link #open} takes an exclusive lock on a file next
 * to the journal ({@code <journal>.lock}, which names the holding process) and refuses at once, with a
 * {@link JournalInUseException} naming the file and the holder, if another process or another instance in this
 * JVM has it open. The lock goes with the process, so a crash never leaves the journal locked.
 *
 * <p><b>Replay.</b> {@link #open} streams the file once, in linear time, onto a base log. A line that cannot be
 * read (torn by a crash in the middle of a write, a corrupt block, a hand edit) is skipped with a warning and
 * costs only itself: if a complete event follows a torn one on the same line, the complete one still counts.
 * The writer only ever appends (after a torn tail it first ends that line), never changes bytes it did not write.
 *
 * <p><b>Compaction.</b> The file's size follows the incidents it holds, not the number of events: when the file
 * has grown to more than twice as many lines as incidents (plus some slack), it is rewritten as one line per
 * incident into {@code <journal>.compact}, forced, and renamed over the journal. A crash at any step leaves
 * either the old journal or the new one, each holding every acknowledged event. {@link #compact()} does it now.
 *
 * <p>Thread-safe: writes are serialised; reads go to the base log without locking. Close it when done: the
 * file and its lock are then released, and further writes fail with {@link IllegalStateException}.
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
    /** A line longer than this is garbage (no event comes near it): skipped without being held in memory. */
    private static final int MAX_LINE = 8 * 1024 * 1024;
    /** The lines beyond twice the incident count that a journal may grow by before it is compacted. */
    static final int DEFAULT_SLACK = 1024;
    /** The journals open for writing in this JVM, by the identity of their lock file. */
    private static final Map<Object, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final IncidentLog base;
    private final Object registryKey;
    private final FileChannel lockChannel;
    private final int slack;
    /** Orders writes: the file's line order is the order the base log sees. */
    private final Object writeLock = new Object();
    /** Serialises fsyncs and channel swaps; taken alone, or after {@link #writeLock}, never before it. */
    private final Object syncLock = new Object();
    /** The incidents this journal holds, as a compaction writes them; guarded by writeLock. */
    private final Map<String, Incident> journaled;
    private FileChannel channel; // swapped under writeLock and syncLock
    private long lines;          // guarded by writeLock
    private boolean tornTail;    // guarded by writeLock: the file does not end with a newline
    private boolean closed;      // guarded by writeLock
    private volatile long written;
    private volatile long durable;

    private JournalIncidentLog(Path file, IncidentLog base, Object registryKey, FileChannel lockChannel,
            FileChannel channel, Map<String, Incident> journaled, long lines, boolean tornTail, int slack) {
        this.file = file;
        this.base = base;
        this.registryKey = registryKey;
        this.lockChannel = lockChannel;
        this.channel = channel;
        this.journaled = journaled;
        this.lines = lines;
        this.tornTail = tornTail;
        this.slack = slack;
    }

    /**
     * Opens (or creates) a journal on an empty in-memory log.
     *
     * @param file the journal file; its directory must exist
     * @return the log, with the journal replayed
     * @throws JournalInUseException if another writer has the journal open
     * @throws UncheckedIOException  if the file cannot be read or written
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
     * @throws JournalInUseException if another writer has the journal open
     * @throws UncheckedIOException  if the file cannot be read or written
     */
    public static JournalIncidentLog open(Path file, IncidentLog base) {
        return open(file, base, DEFAULT_SLACK);
    }

    /** {@link #open(Path, IncidentLog)} with the compaction slack given (tests). */
    static JournalIncidentLog open(Path file, IncidentLog base, int slack) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(base, "base");
        Path real;
        Path lockFile;
        Object key;
        try {
            real = realPath(file);
            lockFile = real.resolveSibling(real.getFileName() + ".lock");
            try {
                Files.createFile(lockFile); // the lock file is never deleted: a new inode would split the lock
            } catch (FileAlreadyExistsException exists) {
                // the usual case
            }
            Object fileKey = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
            key = fileKey != null ? fileKey : lockFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open incident journal " + file, e);
        }
        String me = "this JVM (pid " + ProcessHandle.current().pid() + "), opened by thread '"
                + Thread.currentThread().getName() + "' at " + Instant.now();
        String other = HELD.putIfAbsent(key, me);
        if (other != null) {
            // never touch the lock file here: closing a descriptor of it would drop the holder's lock
            throw new JournalInUseException(file, other);
        }
        FileChannel lockChannel = null;
        FileChannel channel = null;
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new JournalInUseException(file, holder(lockChannel));
            }
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now()
                    + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            Files.deleteIfExists(compactFile(real)); // a compaction that crashed before its rename
            channel = FileChannel.open(real, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Replay replay = new Replay(file, base);
            replay.run(channel);
            for (Incident i : replay.journaled.values()) {
                base.append(i);
            }
            channel.position(channel.size());
            JournalIncidentLog log = new JournalIncidentLog(real, base, key, lockChannel, channel, replay.journaled,
                    replay.lines, replay.tornTail, slack);
            if (log.compactionDue()) {
                log.compact();
            }
            return log;
        } catch (IOException e) {
            release(key, lockChannel, channel);
            throw new UncheckedIOException("cannot open incident journal " + file, e);
        } catch (RuntimeException | Error e) {
            release(key, lockChannel, channel);
            throw e;
        }
    }

    /** The journal's real path (through symbolic links), so that every name of one file shares one lock. */
    private static Path realPath(Path file) throws IOException {
        if (Files.exists(file)) {
            return file.toRealPath();
        }
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        return dir == null ? abs : dir.toRealPath().resolve(abs.getFileName());
    }

    private static Path compactFile(Path real) {
        return real.resolveSibling(real.getFileName() + ".compact");
    }

    /** What the holder wrote into the lock file, or null. */
    private static String holder(FileChannel lockChannel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            lockChannel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    private static void release(Object key, FileChannel lockChannel, FileChannel channel) {
        closeQuietly(channel);
        closeQuietly(lockChannel); // releases the lock
        HELD.remove(key);
    }

    /** One pass over the file: the journal's incidents, in order of first appearance, and what it ends with. */
    private static final class Replay {

        private final Path file;
        private final IncidentLog base;
        final Map<String, Incident> journaled = new LinkedHashMap<>();
        long lines;
        boolean tornTail;

        Replay(Path file, IncidentLog base) {
            this.file = file;
            this.base = base;
        }

        void run(FileChannel in) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            byte[] line = new byte[1024];
            int len = 0;
            boolean oversized = false;
            long position = 0;
            while (true) {
                buf.clear();
                int n = in.read(buf, position);
                if (n < 0) {
                    break;
                }
                position += n;
                byte[] a = buf.array();
                for (int k = 0; k < n; k++) {
                    byte b = a[k];
                    if (b == '\n') {
                        lines++;
                        if (oversized) {
                            LOG.warn("Incident journal {} line {} is longer than {} bytes and was skipped", file, lines,
                                    MAX_LINE);
                        } else {
                            line(new String(line, 0, len, StandardCharsets.UTF_8));
                        }
                        len = 0;
                        oversized = false;
                    } else if (!oversized) {
                        if (len == MAX_LINE) {
                            oversized = true;
                        } else {
                            if (len == line.length) {
                                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                            }
                            line[len++] = b;
                        }
                    }
                }
            }
            if (len > 0 || oversized) {
                tornTail = true;
                lines++;
                LOG.warn("Incident journal {} ends with an incomplete line (line {}), probably from a crash during a "
                        + "write; it was skipped", file, lines);
            }
        }

        private void line(String text) {
            String line = text.strip();
            if (line.isEmpty()) {
                return;
            }
            try {
                apply(event(line, 0));
                return;
            } catch (RuntimeException whole) {
                // a torn event followed by a complete one on the same line: find where the complete one starts
                for (int at = line.indexOf("{\"", 1); at > 0; at = line.indexOf("{\"", at + 1)) {
                    if (!startsEvent(line, at)) {
                        continue;
                    }
                    try {
                        apply(event(line, at));
                        LOG.warn("Incident journal {} line {} starts with {} unreadable bytes (a torn write?); the "
                                + "event after them was kept", file, lines, at);
                        return;
                    } catch (RuntimeException again) {
                        // not here; try the next candidate
                    }
                }
                LOG.warn("Incident journal {} line {} is unreadable and was skipped: {}", file, lines,
                        whole.getMessage());
            }
        }

        private static boolean startsEvent(String line, int at) {
            return line.startsWith("{\"v\":", at) || line.startsWith("{\"op\":", at)
                    || line.startsWith("{\"incident\":", at) || line.startsWith("{\"id\":", at)
                    || line.startsWith("{\"end\":", at);
        }

        /** The JSON object from {@code at} to the end of the line; nothing may follow it. */
        private static JSONObject event(String line, int at) {
            JSONTokener tokens = new JSONTokener(at == 0 ? line : line.substring(at));
            JSONObject event = new JSONObject(tokens);
            if (tokens.nextClean() != 0) {
                throw new IllegalArgumentException("text after the event");
            }
            return event;
        }

        /** Applies one event, or throws without changing anything. */
        private void apply(JSONObject event) {
            int v = event.getInt("v");
            if (v != VERSION) {
                throw new IllegalArgumentException("unknown journal version " + v);
            }
            String op = event.getString("op");
            switch (op) {
                case "append" -> {
                    Incident i = incident(event.getJSONObject("incident"));
                    journaled.put(i.id(), i);
                }
                case "resolve" -> {
                    String id = event.getString("id");
                    Instant end = Instant.parse(event.getString("end"));
                    Incident current = journaled.get(id);
                    if (current == null) {
                        current = base.find(id).orElse(null);
                    }
                    if (current != null && !current.isResolved()) {
                        journaled.put(id, current.resolvedAt(end, "Ended."));
                    }
                }
                default -> throw new IllegalArgumentException("unknown journal operation '" + op + "'");
            }
        }
    }

    @Override
    public void append(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        byte[] line = appendEvent(incident);
        long seq;
        boolean compact;
        synchronized (writeLock) {
            seq = write(line);
            journaled.put(incident.id(), incident);
            base.append(incident);
            compact = compactionDue();
        }
        awaitDurable(seq);
        if (compact) {
            compactQuietly();
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
        long seq;
        boolean compact;
        Optional<Incident> done;
        synchronized (writeLock) {
            Optional<Incident> current = base.find(id);
            if (current.isEmpty() || current.get().isResolved()) {
                return Optional.empty();
            }
            if (end.isBefore(current.get().start())) {
                throw new IllegalArgumentException("incident " + id + " cannot end (" + end + ") before it starts ("
                        + current.get().start() + ")");
            }
            seq = write(("{\"v\":" + VERSION + ",\"op\":\"resolve\",\"id\":" + JSONObject.quote(id) + ",\"end\":\""
                    + end + "\"}\n").getBytes(StandardCharsets.UTF_8));
            done = base.resolve(id, end);
            done.ifPresent(i -> journaled.put(id, i));
            compact = compactionDue();
        }
        awaitDurable(seq);
        if (compact) {
            compactQuietly();
        }
        return done;
    }

    /** One {@code append} event, "v" first so that a reader can find where an event starts. */
    private static byte[] appendEvent(Incident incident) {
        return ("{\"v\":" + VERSION + ",\"op\":\"append\",\"incident\":" + json(incident) + "}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one event line under writeLock; returns its sequence number, for {@link #awaitDurable}. */
    private long write(byte[] line) {
        if (closed) {
            throw new IllegalStateException("incident journal " + file + " is closed");
        }
        try {
            if (tornTail) {
                writeFully(channel, new byte[] {'\n'}); // end the torn line: it costs only itself
                tornTail = false;
            }
            tornTail = true; // until the whole line is written
            writeFully(channel, line);
            tornTail = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write incident journal " + file, e);
        }
        lines++;
        written = written + 1;
        return written;
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /**
     * Returns once event {@code seq} is on disk. Called without writeLock: writers go on while one thread
     * forces the file, and one fsync serves every event written before it started.
     */
    private void awaitDurable(long seq) {
        if (durable >= seq) {
            return;
        }
        synchronized (syncLock) {
            if (durable >= seq) {
                return;
            }
            long upTo = written; // every event counted is in the channel already
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force incident journal " + file + " to disk", e);
            }
            durable = upTo;
        }
    }

    /** Under writeLock. */
    private boolean compactionDue() {
        return !closed && lines > 2L * journaled.size() + slack;
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (RuntimeException e) {
            // the events are on disk already; the journal is only longer than it needs to be
            LOG.warn("Compacting incident journal {} failed; it will be tried again", file, e);
        }
    }

    /**
     * Rewrites the journal as one line per incident it holds, now: into {@code <journal>.compact}, forced to disk,
     * then renamed over the journal. A crash at any step leaves a complete journal, the old or the new. Writes
     * wait meanwhile; it costs time in proportion to the incidents, not the events. Done by itself as the
     * journal grows; call it to shrink the file at a moment of your choosing.
     *
     * @throws IllegalStateException if the journal is closed
     * @throws UncheckedIOException  if the new file cannot be written; the journal is then left as it was
     */
    public void compact() {
        synchronized (writeLock) {
            if (closed) {
                throw new IllegalStateException("incident journal " + file + " is closed");
            }
            Path tmp = compactFile(file);
            FileChannel next = null;
            try {
                next = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 16);
                for (Incident i : journaled.values()) {
                    chunk.writeBytes(appendEvent(i));
                    if (chunk.size() >= 1 << 16) {
                        writeFully(next, chunk.toByteArray());
                        chunk.reset();
                    }
                }
                writeFully(next, chunk.toByteArray());
                next.force(true);
                synchronized (syncLock) {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    forceDirectory(file);
                    durable = written; // every event is in the renamed file, forced
                    FileChannel old = channel;
                    channel = next;
                    next = null;
                    closeQuietly(old);
                }
                lines = journaled.size();
                tornTail = false;
            } catch (IOException e) {
                closeQuietly(next);
                throw new UncheckedIOException("cannot compact incident journal " + file, e);
            }
        }
    }

    /** Makes a rename in {@code file}'s directory durable, where the platform allows opening a directory. */
    private static void forceDirectory(Path file) {
        Path dir = file.getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot force directory {} to disk: {}", dir, e.getMessage());
        }
    }

    /** Releases the file and its lock. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (syncLock) {
                try {
                    channel.force(false);
                    durable = written;
                } catch (IOException e) {
                    LOG.warn("Forcing incident journal {} to disk on close failed: {}", file, e.getMessage());
                }
                closeQuietly(channel);
            }
            try {
                lockChannel.truncate(0); // the holder's note goes with the holder
            } catch (IOException e) {
                LOG.debug("Clearing the holder of {} failed: {}", file, e.getMessage());
            }
            release(registryKey, lockChannel, null);
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
