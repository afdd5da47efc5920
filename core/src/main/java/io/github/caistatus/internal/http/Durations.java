package io.github.caistatus.internal.http;

import java.time.Duration;

/**
 * Short human spellings of durations for signal details. Internal: not part of the public API.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Spells a duration the way a detail line reads best: {@code 84 ms}, {@code 5 s}, {@code 2.5 s}, {@code 3 min}.
     *
     * @param d the duration
     * @return the spelling
     */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : (s / 60) + " min " + (s % 60) + " s";
    }

    /**
     * Spells a byte count: {@code 512 B}, {@code 64 KiB}, {@code 1 MiB}.
     *
     * @param bytes the count
     * @return the spelling
     */
    public static String bytes(long bytes) {
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
