package io.github.caistatus.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The file-channel steps the journal's parts share: write all bytes, close without throwing, force a directory. */
final class JournalChannels {

    /** Logged under the journal's name: a host configures one logger for the whole journal. */
    private static final Logger LOG = LoggerFactory.getLogger(JournalIncidentLog.class);

    private JournalChannels() {
    }

    static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the incident journal failed: {}", e.getMessage());
        }
    }

    /** Makes a rename in {@code file}'s directory durable, where the platform allows opening a directory. */
    static void forceDirectory(Path file) {
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
}
