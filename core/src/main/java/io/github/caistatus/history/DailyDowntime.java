package io.github.caistatus.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The official status page's downtime for one calendar day, by kind of outage.
 *
 * <p>Days are calendar days in {@link BundledHistory#ZONE} (US Pacific, the page's own time zone). The minutes
 * come from the page's component states, so they need not match its incidents' times.
 *
 * @param date        the day
 * @param major       minutes of major outage that day
 * @param partial     minutes of partial outage that day
 * @param incidentIds the official incidents the page linked to that day; empty if none
 */
public record DailyDowntime(LocalDate date, Duration major, Duration partial, List<String> incidentIds) {

    /** Validates the components (non-negative, at most a day each) and copies the id list. */
    public DailyDowntime {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(partial, "partial");
        incidentIds = List.copyOf(incidentIds);
        if (major.isNegative() || partial.isNegative()) {
            throw new IllegalArgumentException("negative downtime on " + date);
        }
        if (major.plus(partial).compareTo(Duration.ofHours(25)) > 0) {
            throw new IllegalArgumentException("more downtime than a day has on " + date);
        }
    }

    /**
     * Major plus partial downtime.
     *
     * @return the day's total downtime
     */
    public Duration total() {
        return major.plus(partial);
    }

    /**
     * The day's first instant: 00:00 in {@link BundledHistory#ZONE}.
     *
     * @return the start, inclusive
     */
    public Instant start() {
        return date.atStartOfDay(BundledHistory.ZONE).toInstant();
    }

    /**
     * The next day's first instant (a day is 23, 24 or 25 hours long in a zone with daylight saving).
     *
     * @return the end, exclusive
     */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(BundledHistory.ZONE).toInstant();
    }
}
