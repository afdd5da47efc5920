package io.github.caistatus.history;

import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over a journal file, in linear time: the journal's incidents, in order of first appearance, and what
 * the file ends with. A line that cannot be read costs only itself; if a complete event follows a torn one on the
 * same line, the complete one still counts.
 */
final class JournalReplay {

    /** Logged under the journal's name: a host configures one logger for the whole journal. */
    private static final Logger LOG = LoggerFactory.getLogger(JournalIncidentLog.class);
    /** A line longer than this is garbage (no event comes near it): skipped without being held in memory. */
    private static final int MAX_LINE = 8 * 1024 * 1024;

    private final Path file;
    private final IncidentLog base;
    final Map<String, Incident> journaled = new LinkedHashMap<>();
    long lines;
    boolean tornTail;

    /**
     * @param file the journal, for warnings
     * @param base the log the journal is replayed onto, asked for incidents a {@code resolve} names
     */
    JournalReplay(Path file, IncidentLog base) {
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
                            line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
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
            apply(JournalEvents.event(line, 0));
            return;
        } catch (RuntimeException whole) {
            // a torn event followed by a complete one on the same line: find where the complete one starts
            for (int at = line.indexOf("{\"", 1); at > 0; at = line.indexOf("{\"", at + 1)) {
                if (!JournalEvents.startsEvent(line, at)) {
                    continue;
                }
                try {
                    apply(JournalEvents.event(line, at));
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

    /** Applies one event, or throws without changing anything. */
    private void apply(JSONObject event) {
        int v = event.getInt("v");
        if (v != JournalEvents.VERSION) {
            throw new IllegalArgumentException("unknown journal version " + v);
        }
        String op = event.getString("op");
        switch (op) {
            case "append" -> {
                Incident i = JournalEvents.incident(event.getJSONObject("incident"));
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
