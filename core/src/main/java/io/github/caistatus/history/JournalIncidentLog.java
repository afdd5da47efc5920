package io.github.caistatus.history;

import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.json.JSONObject;
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
public final class JournalIncidentLog extends ForwardingIncidentLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalIncidentLog.class);
    /** The lines beyond twice the incident count that a journal may grow by before it is compacted. */
    static final int DEFAULT_SLACK = 1024;

    private final Path file;
    private final JournalLock lock;
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

    private JournalIncidentLog(IncidentLog base, JournalLock lock, FileChannel channel, JournalReplay replay,
            int slack) {
        super(base);
        this.file = lock.journal();
        this.lock = lock;
        this.channel = channel;
        this.journaled = replay.journaled;
        this.lines = replay.lines;
        this.tornTail = replay.tornTail;
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
        JournalLock lock;
        try {
            lock = JournalLock.acquire(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open incident journal " + file, e);
        }
        FileChannel channel = null;
        try {
            Path real = lock.journal();
            Files.deleteIfExists(JournalCompaction.file(real)); // a compaction that crashed before its rename
            channel = FileChannel.open(real, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            JournalReplay replay = new JournalReplay(file, base);
            replay.run(channel);
            for (Incident i : replay.journaled.values()) {
                base.append(i);
            }
            channel.position(channel.size());
            JournalIncidentLog log = new JournalIncidentLog(base, lock, channel, replay, slack);
            if (log.compactionDue()) {
                log.compact();
            }
            return log;
        } catch (IOException e) {
            JournalChannels.closeQuietly(channel);
            lock.abandon();
            throw new UncheckedIOException("cannot open incident journal " + file, e);
        } catch (RuntimeException | Error e) {
            JournalChannels.closeQuietly(channel);
            lock.abandon();
            throw e;
        }
    }

    @Override
    public void append(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        byte[] line = JournalEvents.append(incident);
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
            seq = write(JournalEvents.resolve(id, end));
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

    /** Appends one event line under writeLock; returns its sequence number, for {@link #awaitDurable}. */
    private long write(byte[] line) {
        if (closed) {
            throw new IllegalStateException("incident journal " + file + " is closed");
        }
        try {
            if (tornTail) {
                JournalChannels.writeFully(channel, new byte[] {'\n'}); // end the torn line: it costs only itself
                tornTail = false;
            }
            tornTail = true; // until the whole line is written
            JournalChannels.writeFully(channel, line);
            tornTail = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write incident journal " + file, e);
        }
        lines++;
        written = written + 1;
        return written;
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
            FileChannel next = null;
            try {
                next = JournalCompaction.write(file, journaled.values());
                synchronized (syncLock) {
                    JournalCompaction.install(file);
                    durable = written; // every event is in the renamed file, forced
                    FileChannel old = channel;
                    channel = next;
                    next = null;
                    JournalChannels.closeQuietly(old);
                }
                lines = journaled.size();
                tornTail = false;
            } catch (IOException e) {
                JournalChannels.closeQuietly(next);
                throw new UncheckedIOException("cannot compact incident journal " + file, e);
            }
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
                JournalChannels.closeQuietly(channel);
            }
            lock.release();
        }
    }

    /** The JSON form of an incident in an {@code append} event (tests build journals by hand with it). */
    static JSONObject json(Incident i) {
        return JournalEvents.json(i);
    }
}
