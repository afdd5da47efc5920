package io.github.caistatus.history;

import io.github.caistatus.api.Incident;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The files of a compaction: the journal rewritten as one line per incident into {@code <journal>.compact}, forced
 * to disk, then renamed over the journal. A crash at any step leaves a complete journal, the old or the new.
 */
final class JournalCompaction {

    private static final int CHUNK = 1 << 16;

    private JournalCompaction() {
    }

    /** Where a compaction writes before its rename; one found on opening is from a crash and is deleted. */
    static Path file(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".compact");
    }

    /**
     * Writes the incidents into {@link #file}, one {@code append} event each, and forces it to disk.
     *
     * @return the new file, open for appending; closed again if writing fails
     */
    static FileChannel write(Path journal, Iterable<Incident> incidents) throws IOException {
        FileChannel next = FileChannel.open(file(journal), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK);
            for (Incident i : incidents) {
                chunk.writeBytes(JournalEvents.append(i));
                if (chunk.size() >= CHUNK) {
                    JournalChannels.writeFully(next, chunk.toByteArray());
                    chunk.reset();
                }
            }
            JournalChannels.writeFully(next, chunk.toByteArray());
            next.force(true);
            return next;
        } catch (IOException | RuntimeException | Error e) {
            JournalChannels.closeQuietly(next);
            throw e;
        }
    }

    /** Renames the written file over the journal, durably where the platform allows. */
    static void install(Path journal) throws IOException {
        Files.move(file(journal), journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        JournalChannels.forceDirectory(journal);
    }
}
