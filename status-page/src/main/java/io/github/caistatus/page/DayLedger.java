package io.github.caistatus.page;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.history.BundledHistory;
import io.github.caistatus.history.DailyDowntime;
import io.github.caistatus.history.Report;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the history (the official page's daily minutes, incidents with times, dated reports) and the incidents
 * observed live into one {@link Day} per calendar day.
 *
 * <p>The minutes follow the history command's availability: a day the official page measured counts the page's
 * minutes; any other day counts the incidents with known times (maintenance before major before partial, no minute
 * twice); an incident known only by its dates marks the day "unknown length" and adds no minutes.
 */
final class DayLedger {

    private final ZoneId zone;
    private final Instant now;
    private final Optional<Instant> watchingSince;
    private final Map<LocalDate, DailyDowntime> measured = new HashMap<>();
    private final Map<LocalDate, List<Report>> reports = new HashMap<>();
    private final List<Incident> incidents;

    DayLedger(BundledHistory history, Collection<Incident> incidents, Instant now, Optional<Instant> watchingSince) {
        this.zone = BundledHistory.ZONE;
        this.now = now;
        this.watchingSince = watchingSince;
        for (DailyDowntime d : history.dailyDowntime()) {
            measured.put(d.date(), d);
        }
        for (Report r : history.reports()) {
            reports.computeIfAbsent(r.date(), k -> new ArrayList<>()).add(r);
        }
        this.incidents = List.copyOf(incidents);
    }

    /** The days from {@code first} to {@code last}, both inclusive, in order. */
    List<Day> days(LocalDate first, LocalDate last) {
        List<Day> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            out.add(day(d));
        }
        return out;
    }

    Day day(LocalDate date) {
        Instant start = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant end = dayEnd.isBefore(now) ? dayEnd : now;
        List<String> notes = new ArrayList<>();
        boolean unknown = false;
        boolean degraded = false;
        boolean timed = false;
        List<Instant[]> maint = new ArrayList<>();
        List<Instant[]> major = new ArrayList<>();
        List<Instant[]> partial = new ArrayList<>();
        DailyDowntime page = measured.get(date);
        for (Incident i : incidents) {
            if (!end.isAfter(start) || !i.overlaps(start, end)) {
                continue;
            }
            Health h = i.health();
            boolean down = h == Health.MAJOR_OUTAGE || h == Health.MAINTENANCE || h == Health.PARTIAL_OUTAGE;
            if (!down && h != Health.DEGRADED) {
                continue;
            }
            if (!notes.contains(i.summary())) {
                notes.add(i.summary());
            }
            if (h == Health.DEGRADED) {
                degraded = true;
                continue;
            }
            if (page != null) {
                continue; // the page's own minutes count for the days it measured
            }
            if (BundledHistory.isDateOnly(i)) {
                unknown = true;
                continue;
            }
            timed = true;
            Instant s = i.start().isAfter(start) ? i.start() : start;
            Instant e = i.end().orElse(now);
            e = e.isBefore(end) ? e : end;
            if (s.isBefore(e)) {
                (h == Health.MAINTENANCE ? maint : h == Health.MAJOR_OUTAGE ? major : partial)
                        .add(new Instant[] {s, e});
            }
        }
        Day.Data data;
        Duration ma;
        Duration pa;
        Duration mt;
        if (page != null) {
            ma = page.major();
            pa = page.partial();
            mt = Duration.ZERO;
            data = Day.Data.MEASURED;
        } else {
            List<Instant[]> mtMerged = merge(maint);
            List<Instant[]> down = merge(concat(maint, major));
            mt = total(mtMerged);
            ma = total(subtract(merge(major), mtMerged));
            pa = total(subtract(merge(partial), down));
            boolean watched = watchingSince.isPresent() && watchingSince.get().isBefore(end) && start.isBefore(now);
            if (timed || watched) {
                data = Day.Data.MEASURED;
            } else if (reports.containsKey(date)) {
                data = Day.Data.REPORTED;
            } else {
                data = Day.Data.NONE;
            }
        }
        if (data == Day.Data.REPORTED && notes.isEmpty()) {
            for (Report r : reports.get(date)) {
                notes.add(r.summary());
            }
        }
        return new Day(date, ma, pa, mt, unknown, degraded, data, notes);
    }

    private static List<Instant[]> concat(List<Instant[]> a, List<Instant[]> b) {
        List<Instant[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Sorted, disjoint intervals covering the union. */
    static List<Instant[]> merge(List<Instant[]> intervals) {
        List<Instant[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(a -> a[0]));
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] iv : sorted) {
            Instant[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !iv[0].isAfter(last[1])) {
                if (iv[1].isAfter(last[1])) {
                    last[1] = iv[1];
                }
            } else {
                out.add(new Instant[] {iv[0], iv[1]});
            }
        }
        return out;
    }

    /** {@code a} minus {@code b}, both merged. */
    static List<Instant[]> subtract(List<Instant[]> a, List<Instant[]> b) {
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] iv : a) {
            Instant cursor = iv[0];
            for (Instant[] cut : b) {
                if (!cut[1].isAfter(cursor) || !cut[0].isBefore(iv[1])) {
                    continue;
                }
                if (cut[0].isAfter(cursor)) {
                    out.add(new Instant[] {cursor, cut[0]});
                }
                cursor = cut[1];
            }
            if (cursor.isBefore(iv[1])) {
                out.add(new Instant[] {cursor, iv[1]});
            }
        }
        return out;
    }

    static Duration total(List<Instant[]> disjoint) {
        Duration sum = Duration.ZERO;
        for (Instant[] iv : disjoint) {
            sum = sum.plus(Duration.between(iv[0], iv[1]));
        }
        return sum;
    }
}
