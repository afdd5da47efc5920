package io.github.caistatus.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How available the service was over a window, with major and partial downtime kept apart.
 *
 * <p>Incidents whose duration is not known are not silently counted as zero: they are counted in
 * {@link #unknownDurations()}, and a caller can decide how to treat them.
 *
 * @param from             the window's first instant, inclusive
 * @param to               the window's end, exclusive
 * @param majorDowntime    time spent in a major outage (or maintenance) within the window
 * @param partialDowntime  time spent in a partial outage within the window
 * @param unknownDurations incidents in the window whose duration is unknown, not counted in the downtimes
 */
public record Availability(
        Instant from,
        Instant to,
        Duration majorDowntime,
        Duration partialDowntime,
        int unknownDurations) {

    /** Validates the components: a non-empty window, non-negative downtimes and count. */
    public Availability {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(majorDowntime, "majorDowntime");
        Objects.requireNonNull(partialDowntime, "partialDowntime");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty window: " + from + " .. " + to);
        }
        if (majorDowntime.isNegative() || partialDowntime.isNegative() || unknownDurations < 0) {
            throw new IllegalArgumentException("negative downtime or count");
        }
    }

    /**
     * The window's length.
     *
     * @return {@code to - from}
     */
    public Duration window() {
        return Duration.between(from, to);
    }

    /**
     * Major plus partial downtime.
     *
     * @return the total known downtime
     */
    public Duration downtime() {
        return majorDowntime.plus(partialDowntime);
    }

    /**
     * The share of the window without known downtime, from 0 to 1.
     *
     * @return {@code 1 - downtime / window}, never below 0
     */
    public double ratio() {
        double down = downtime().toMillis();
        double all = window().toMillis();
        return Math.max(0.0, 1.0 - down / all);
    }
}
