package io.github.caistatus.history;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.OutageDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IncidentLog} held in memory: the bundled history, incidents observed live, or both.
 *
 * <p>Thread-safe. Reads never lock: they work on an immutable list, sorted by start (then id), that writers
 * replace under a lock. Writes are rare (an incident opening or closing), reads are frequent (every verdict,
 * every fallback), so copying on write is the cheap side.
 *
 * <p>Windows are half-open: {@code between(from, to)} returns the incidents that cover some instant
 * {@code t} with {@code from <= t < to}; an incident covers {@code [start, end)} (see {@link Incident}).
 *
 * <p>Availability: {@link Health#MAJOR_OUTAGE} and {@link Health#MAINTENANCE} count as major downtime,
 * {@link Health#PARTIAL_OUTAGE} as partial downtime; {@link Health#DEGRADED} (and anything else) is not
 * downtime. Overlapping incidents are merged, so no minute is counted twice, and a minute that is both in a
 * major and in a partial incident counts as major only. An incident of a downtime kind whose duration is not
 * known (unresolved, or {@linkplain BundledHistory#isDateOnly(Incident) date-only}: its end is a bound, not a
 * measurement) and that overlaps the window adds nothing to the downtimes but one to
 * {@link Availability#unknownDurations()}.
 *
 * <p>Outage priors: {@link #typicalDuration(Health)} takes the resolved incidents of exactly that health whose
 * duration is known, and reports the nearest-rank median and 90th percentile: with the {@code n} durations
 * sorted ascending, percentile {@code p} is the one at 1-based rank {@code ceil(p / 100 * n)}. The median of an
 * even count is therefore the lower of the two middle values, and always a duration that really happened.
 *
 * <pre>{@code
 * InMemoryIncidentLog log = new InMemoryIncidentLog();
 * log.append(observedOutage);                      // from the monitor
 * log.resolve(observedOutage.id(), clock.instant()); // when it is over
 * Availability week = log.availability(now.minus(Duration.ofDays(7)), now);
 * }</pre>
 */
public final class InMemoryIncidentLog implements IncidentLog {

    private static final Comparator<Incident> BY_START =
            Comparator.comparing(Incident::start).thenComparing(Incident::id);

    private final Object writeLock = new Object();
    private volatile List<Incident> incidents;

    /** An empty log. */
    public InMemoryIncidentLog() {
        this(List.of());
    }

    /**
     * A log holding {@code incidents}; of two with the same id, the later in iteration order wins.
     *
     * @param incidents the initial incidents
     */
    public InMemoryIncidentLog(Collection<Incident> incidents) {
        Objects.requireNonNull(incidents, "incidents");
        Map<String, Incident> byId = new LinkedHashMap<>();
        for (Incident i : incidents) {
            byId.put(Objects.requireNonNull(i, "incident").id(), i);
        }
        this.incidents = sorted(byId.values());
    }

    private static List<Incident> sorted(Collection<Incident> incidents) {
        List<Incident> list = new ArrayList<>(incidents);
        list.sort(BY_START);
        return List.copyOf(list);
    }

    @Override
    public List<Incident> all() {
        return incidents;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An incident ending exactly at {@code from} is not included; one starting exactly at {@code from} is;
     * one starting exactly at {@code to} is not.
     *
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    @Override
    public List<Incident> between(Instant from, Instant to) {
        checkWindow(from, to);
        List<Incident> out = new ArrayList<>();
        for (Incident i : incidents) {
            if (!i.start().isBefore(to)) {
                break; // sorted by start: nothing later can overlap
            }
            if (i.overlaps(from, to)) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An incident is active at its start and not at its end ({@code start <= instant < end}).
     */
    @Override
    public List<Incident> activeAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        List<Incident> out = new ArrayList<>();
        for (Incident i : incidents) {
            if (i.start().isAfter(instant)) {
                break;
            }
            if (i.isActiveAt(instant)) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<Incident> find(String id) {
        Objects.requireNonNull(id, "id");
        for (Incident i : incidents) {
            if (i.id().equals(id)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public void append(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        synchronized (writeLock) {
            List<Incident> next = new ArrayList<>(incidents.size() + 1);
            for (Incident i : incidents) {
                if (!i.id().equals(incident.id())) {
                    next.add(i);
                }
            }
            next.add(incident);
            incidents = sorted(next);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The resolved incident gets a {@code RESOLVED} update at {@code end}. Resolving an incident that is
     * already resolved changes nothing and returns empty.
     *
     * @throws IllegalArgumentException if {@code end} is before the incident's start
     */
    @Override
    public Optional<Incident> resolve(String id, Instant end) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(end, "end");
        synchronized (writeLock) {
            List<Incident> current = incidents;
            for (int k = 0; k < current.size(); k++) {
                Incident i = current.get(k);
                if (i.id().equals(id) && !i.isResolved()) {
                    Incident done = i.resolvedAt(end, "Ended.");
                    List<Incident> next = new ArrayList<>(current);
                    next.set(k, done);
                    incidents = sorted(next);
                    return Optional.of(done);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>See the class comment for what counts as downtime and how overlaps and unknown durations are handled.
     *
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    @Override
    public Availability availability(Instant from, Instant to) {
        return availability(from, to, List.of());
    }

    /**
     * Availability from incidents, leaving out the time covered by {@code measured} (sorted, disjoint intervals
     * whose downtime the caller knows from elsewhere): the result counts only downtime outside them, and only
     * unknown durations that reach outside them.
     */
    Availability availability(Instant from, Instant to, List<Instant[]> measured) {
        checkWindow(from, to);
        List<Instant[]> windowLeft = Intervals.subtract(List.<Instant[]>of(new Instant[] {from, to}), measured);
        List<Instant[]> major = new ArrayList<>();
        List<Instant[]> partial = new ArrayList<>();
        int unknown = 0;
        for (Incident i : between(from, to)) {
            boolean isMajor = isMajorDowntime(i.health());
            boolean isPartial = i.health() == Health.PARTIAL_OUTAGE;
            if (!isMajor && !isPartial) {
                continue;
            }
            if (!durationKnown(i)) {
                if (windowLeft.stream().anyMatch(w -> i.overlaps(w[0], w[1]))) {
                    unknown++;
                }
                continue;
            }
            Instant s = max(i.start(), from);
            Instant e = min(i.end().orElseThrow(), to);
            if (s.isBefore(e)) {
                (isMajor ? major : partial).add(new Instant[] {s, e});
            }
        }
        List<Instant[]> majorMerged = Intervals.subtract(Intervals.merge(major), measured);
        Duration majorDown = Intervals.total(majorMerged);
        Duration partialDown = Intervals.total(
                Intervals.subtract(Intervals.subtract(Intervals.merge(partial), majorMerged), measured));
        return new Availability(from, to, majorDown, partialDown, unknown);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Nearest-rank percentiles over the resolved incidents of exactly {@code kind} whose duration is known;
     * see the class comment.
     */
    @Override
    public Optional<OutageDurations> typicalDuration(Health kind) {
        Objects.requireNonNull(kind, "kind");
        List<Duration> durations = new ArrayList<>();
        for (Incident i : incidents) {
            if (i.health() == kind && durationKnown(i)) {
                durations.add(i.duration().orElseThrow());
            }
        }
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        durations.sort(Comparator.naturalOrder());
        return Optional.of(new OutageDurations(kind, durations.size(),
                nearestRank(durations, 50), nearestRank(durations, 90)));
    }

    /**
     * Whether an incident's duration is a measurement: it is resolved, and it is not a
     * {@linkplain BundledHistory#isDateOnly(Incident) date-only} incident, whose end is only a bound.
     */
    static boolean durationKnown(Incident i) {
        return i.isResolved() && !BundledHistory.isDateOnly(i);
    }

    /** Whether {@code health} counts as major downtime (a planned maintenance is downtime too). */
    static boolean isMajorDowntime(Health health) {
        return health == Health.MAJOR_OUTAGE || health == Health.MAINTENANCE;
    }

    private static Duration nearestRank(List<Duration> sorted, int percentile) {
        int n = sorted.size();
        int rank = (int) Math.ceil(percentile / 100.0 * n);
        return sorted.get(Math.max(1, Math.min(n, rank)) - 1);
    }

    private static void checkWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty window: " + from + " .. " + to + " (to must be after from)");
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
