package io.github.caistatus.history;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link JournalIncidentLog#open} when another writer, in this JVM or in another process, already
 * has the journal open: a journal has one writer at a time, so that no acknowledged event is ever lost to a
 * second writer. Close the other log first, or give each instance a journal of its own.
 *
 * <pre>{@code
 * try {
 *     log = JournalIncidentLog.open(file);
 * } catch (JournalInUseException e) {
 *     System.err.println(e.getMessage());   // names the file and, if known, the holder ("pid 4711 ...")
 * }
 * }</pre>
 */
public final class JournalInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String holder;

    /**
     * An exception for {@code file}, held by {@code holder} if known.
     *
     * @param file   the journal file
     * @param holder who holds it (e.g. {@code "pid 4711 since 2026-06-18T12:00:00Z"}), or null if unknown
     */
    public JournalInUseException(Path file, String holder) {
        super("incident journal " + Objects.requireNonNull(file, "file") + " is already open for writing by "
                + (holder == null || holder.isBlank() ? "another process (holder unknown)" : holder)
                + "; a journal has one writer at a time");
        this.file = file;
        this.holder = holder == null || holder.isBlank() ? null : holder;
    }

    /**
     * The journal file.
     *
     * @return the file, as given to {@code open}
     */
    public Path file() {
        return file;
    }

    /**
     * Who holds the journal, if known.
     *
     * @return a short description of the holder (its process id and since when), or empty
     */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }
}
