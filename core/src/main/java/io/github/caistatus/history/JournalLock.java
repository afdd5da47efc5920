package io.github.caistatus.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal's one-writer rule: an exclusive lock on {@code <journal>.lock}, which names the holding process, and a
 * registry of the journals this JVM holds (a file lock does not keep out a second instance in the same JVM). The
 * lock goes with the process, so a crash never leaves the journal locked.
 */
final class JournalLock {

    /** Logged under the journal's name: a host configures one logger for the whole journal. */
    private static final Logger LOG = LoggerFactory.getLogger(JournalIncidentLog.class);
    /** The journals open for writing in this JVM, by the identity of their lock file. */
    private static final Map<Object, String> HELD = new ConcurrentHashMap<>();

    private final Path journal;
    private final Object key;
    private final FileChannel channel;

    private JournalLock(Path journal, Object key, FileChannel channel) {
        this.journal = journal;
        this.key = key;
        this.channel = channel;
    }

    /**
     * Takes the lock of a journal, or refuses at once.
     *
     * @param file the journal, as the caller named it
     * @return the lock, held
     * @throws JournalInUseException if another process or another instance in this JVM has the journal open
     * @throws IOException           if the lock file cannot be made, opened or written; nothing is then held
     */
    static JournalLock acquire(Path file) throws IOException {
        Path real = realPath(file);
        Path lockFile = real.resolveSibling(real.getFileName() + ".lock");
        try {
            Files.createFile(lockFile); // the lock file is never deleted: a new inode would split the lock
        } catch (FileAlreadyExistsException exists) {
            // the usual case
        }
        Object fileKey = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
        Object key = fileKey != null ? fileKey : lockFile;
        String me = "this JVM (pid " + ProcessHandle.current().pid() + "), opened by thread '"
                + Thread.currentThread().getName() + "' at " + Instant.now();
        String other = HELD.putIfAbsent(key, me);
        if (other != null) {
            // never touch the lock file here: closing a descriptor of it would drop the holder's lock
            throw new JournalInUseException(file, other);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new JournalInUseException(file, holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now()
                    + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new JournalLock(real, key, channel);
        } catch (IOException | RuntimeException | Error e) {
            JournalChannels.closeQuietly(channel); // releases the lock
            HELD.remove(key);
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

    /** The journal's real path, the one file every name of it stands for. */
    Path journal() {
        return journal;
    }

    /** Lets the journal go after a failed open: the holder's note stays, as after a crash. */
    void abandon() {
        JournalChannels.closeQuietly(channel); // releases the lock
        HELD.remove(key);
    }

    /** Lets the journal go after a close: the holder's note goes with the holder. */
    void release() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            LOG.debug("Clearing the holder of {} failed: {}", journal, e.getMessage());
        }
        abandon();
    }
}
