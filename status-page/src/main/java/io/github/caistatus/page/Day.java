package io.github.caistatus.page;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * One calendar day of the bars: its minutes of downtime by kind, whether an outage of unknown length touched it,
 * and how much is known about it at all.
 *
 * @param date          the day (a calendar day in the history's zone)
 * @param major         minutes of major outage (maintenance not included)
 * @param partial       minutes of partial outage (not also counted as major or maintenance)
 * @param maintenance   minutes of maintenance
 * @param unknownLength whether an outage whose length nobody measured touched the day
 * @param degraded      whether the service was slow or queued that day, without downtime
 * @param data          what is known about the day
 * @param notes         short titles of what happened, for the day's text
 */
record Day(LocalDate date, Duration major, Duration partial, Duration maintenance, boolean unknownLength,
           boolean degraded, Data data, List<String> notes) {

    /** What is known about a day. */
    enum Data {
        /** Measured: the official page's minutes, incidents with known times, or this server watching. */
        MEASURED,
        /** Only dated reports, without times. */
        REPORTED,
        /** Nothing at all. */
        NONE
    }

    Day {
        notes = List.copyOf(notes);
    }

    /** Every minute of downtime: major, partial and maintenance. */
    Duration downtime() {
        return major.plus(partial).plus(maintenance);
    }

    /** Whether anything at all is known about the day. */
    boolean hasData() {
        return data != Data.NONE || unknownLength;
    }

    /** The CSS class of the day's bar: what the bar's colour and pattern show. */
    String kind() {
        if (!major.isZero()) {
            return "ma";
        }
        if (!maintenance.isZero()) {
            return "mt";
        }
        if (!partial.isZero()) {
            return "pa";
        }
        if (unknownLength) {
            return "uk";
        }
        if (degraded) {
            return "dg";
        }
        return data == Data.NONE ? "nd" : "ok";
    }

    /** How dark the bar is, by minutes of downtime: 1 (under 30 min), 2 (under 4 h), 3. */
    int level() {
        long m = downtime().toMinutes();
        return m < 30 ? 1 : m < 240 ? 2 : 3;
    }
}
