package io.github.caistatus.history;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.OutageDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.time.DateTimeException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An {@link IncidentLog} held in memory: the bundled history, incidents observed live, or both.
 *
 * <p>Thread-safe. Appends, resolves and {@link #find} cost {@code O(log n)}; {@link #between} and
 * {@link #activeAt} cost {@code O(log n)} plus the incidents near the window (see {@link #between}). Reads do
 * not block in the common case: they read concurrent indexes optimistically and retry under a read lock only
 * if a write ran meanwhile, so every answer is a consistent state. {@link #typicalDuration} is kept up to date
 * on every change and costs a volatile read.
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

    private static final Duration NO_SPAN = Duration.ZERO;

    /**
     * Guards the indexes as one: writers take its write lock; readers read the concurrent maps optimistically
     * and retry under the read lock only if a write ran meanwhile, so a reader never sees half a replacement.
     */
    private final StampedLock lock = new StampedLock();
    private final ConcurrentHashMap<String, Incident> byId = new ConcurrentHashMap<>();
    /** Every incident, by start then id. */
    private final ConcurrentSkipListMap<Key, Incident> byStart = new ConcurrentSkipListMap<>();
    /** The unresolved incidents, by start then id: they overlap every window after their start. */
    private final ConcurrentSkipListMap<Key, Incident> open = new ConcurrentSkipListMap<>();
    /**
     * The longest duration of a resolved incident ever held (never shrinks: it is a bound): a resolved incident
     * overlapping {@code [from, to)} starts in {@code [from - longest, to)}, so lookups scan only that range.
     */
    private volatile Duration longest = NO_SPAN;
    /** Known durations of resolved incidents, per health, sorted ascending; guarded by the write lock. */
    private final EnumMap<Health, List<Duration>> durations = new EnumMap<>(Health.class);
    /** {@link #typicalDuration} per health ordinal, recomputed whenever that health's durations change. */
    private volatile OutageDurations[] typical = new OutageDurations[Health.values().length];
    /** {@link #all()}, built on first use after a change; null when stale. */
    private volatile List<Incident> all;

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
        for (Incident i : incidents) {
            append(Objects.requireNonNull(i, "incident"));
        }
    }

    /** The sort key of an incident: start, then id; a null id sorts after every id (an inclusive upper bound). */
    private record Key(Instant start, String id) implements Comparable<Key> {

        static Key of(Incident i) {
            return new Key(i.start(), i.id());
        }

        @Override
        public int compareTo(Key o) {
            int c = start.compareTo(o.start);
            if (c != 0) {
                return c;
            }
            if (id == null || o.id == null) {
                return id == null ? (o.id == null ? 0 : 1) : -1;
            }
            return id.compareTo(o.id);
        }
    }

    /** Runs a query on a consistent state: optimistically, else again under the read lock. */
    private <T> T read(Supplier<T> query) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            T result = query.get();
            if (lock.validate(stamp)) {
                return result;
            }
        }
        stamp = lock.readLock();
        try {
            return query.get();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Built once after each change, then shared.
     */
    @Override
    public List<Incident> all() {
        List<Incident> cached = all;
        if (cached != null) {
            return cached;
        }
        long stamp = lock.readLock(); // no writer can run, so the list stored is the current one
        try {
            cached = List.copyOf(byStart.values());
            all = cached;
            return cached;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>An incident ending exactly at {@code from} is not included; one starting exactly at {@code from} is;
     * one starting exactly at {@code to} is not. Costs {@code O(log n)} plus the incidents that start within the
     * longest known incident before {@code to}.
     *
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    @Override
    public List<Incident> between(Instant from, Instant to) {
        checkWindow(from, to);
        return read(() -> collect(from, new Key(to, ""), i -> i.overlaps(from, to)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>An incident is active at its start and not at its end ({@code start <= instant < end}).
     */
    @Override
    public List<Incident> activeAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return read(() -> collect(instant, new Key(instant, null), i -> i.isActiveAt(instant)));
    }

    /**
     * The incidents matching {@code test} among those that may reach {@code from}: unresolved ones starting
     * before the scanned range, then every one starting in {@code [from - longest, upper)}; both parts are
     * sorted and the first ends before the second begins, so the result is sorted.
     */
    private List<Incident> collect(Instant from, Key upper, Predicate<Incident> test) {
        Key lower = new Key(earlier(from, longest), "");
        List<Incident> out = new ArrayList<>();
        for (Incident i : open.headMap(lower, false).values()) {
            if (test.test(i)) {
                out.add(i);
            }
        }
        if (lower.compareTo(upper) < 0) {
            for (Incident i : byStart.subMap(lower, true, upper, false).values()) {
                if (test.test(i)) {
                    out.add(i);
                }
            }
        }
        return List.copyOf(out);
    }

    private static Instant earlier(Instant t, Duration span) {
        try {
            return t.minus(span);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    @Override
    public Optional<Incident> find(String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code O(log n)}.
     */
    @Override
    public void append(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        long stamp = lock.writeLock();
        try {
            put(incident);
        } finally {
            lock.unlockWrite(stamp);
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
        long stamp = lock.writeLock();
        try {
            Incident i = byId.get(id);
            if (i == null || i.isResolved()) {
                return Optional.empty();
            }
            Incident done = i.resolvedAt(end, "Ended.");
            put(done);
            return Optional.of(done);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Puts {@code incident} in every index, in place of the one with its id; under the write lock. */
    private void put(Incident incident) {
        Incident old = byId.put(incident.id(), incident);
        if (old != null) {
            byStart.remove(Key.of(old));
            open.remove(Key.of(old));
            if (durationKnown(old)) {
                List<Duration> list = durations.get(old.health());
                int at = Collections.binarySearch(list, old.duration().orElseThrow());
                list.remove(at);
                refreshTypical(old.health());
            }
        }
        Key key = Key.of(incident);
        byStart.put(key, incident);
        if (!incident.isResolved()) {
            open.put(key, incident);
        } else {
            Duration d = incident.duration().orElseThrow();
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
            if (durationKnown(incident)) {
                List<Duration> list = durations.computeIfAbsent(incident.health(), h -> new ArrayList<>());
                int at = Collections.binarySearch(list, d);
                list.add(at < 0 ? -at - 1 : at, d);
                refreshTypical(incident.health());
            }
        }
        all = null;
    }

    private void refreshTypical(Health kind) {
        List<Duration> sorted = durations.get(kind);
        OutageDurations[] next = typical.clone();
        next[kind.ordinal()] = sorted.isEmpty() ? null
                : new OutageDurations(kind, sorted.size(), nearestRank(sorted, 50), nearestRank(sorted, 90));
        typical = next;
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
        return Optional.ofNullable(typical[kind.ordinal()]);
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
