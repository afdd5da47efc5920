package io.github.caistatus.verdict;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.OfficialStatus;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The published verdict and the streaks that decide the next one: an immutable value, advanced one check at a
 * time by {@link #next(List, Instant)}. No threads, no clock of its own: easy to test and to reason about.
 *
 * <pre>{@code
 * Verdict v = Verdict.initial(Hysteresis.defaults(), clock.instant());
 * v = v.next(List.of(endpointSignal, officialSignal, controlSignal), clock.instant());
 * StatusSnapshot now = v.snapshot();
 * }</pre>
 *
 * <p>Rules (see {@link Hysteresis} for the thresholds): the first check is published as it is; a change of
 * health needs {@code downAfter} (worse or {@code UNKNOWN}) or {@code upAfter} (better) consecutive checks
 * that point the same way, except that bad news from the official page or from the host's own calls
 * (by {@linkplain Signal#role() role}, never by name) is published at once. While a change waits for confirmation the snapshot keeps the
 * published health and says in its summary what it is waiting for.
 *
 * <p>Only fresh observations count: a signal replayed while its source's {@code Retry-After} lasts (see
 * {@link #next(List, Set, Instant)}) neither extends its probe's streak nor confirms a change of health by
 * itself. A check advances a pending change only when its fresh signals, read on their own, point the same way.
 */
public final class Verdict {

    private final Hysteresis hysteresis;
    private final StatusSnapshot snapshot;
    private final int checks;
    private final boolean pendingUp;
    private final int pending;
    private final Map<String, Integer> streaks;
    private final Map<String, Signal> last;

    private Verdict(Hysteresis hysteresis, StatusSnapshot snapshot, int checks, boolean pendingUp, int pending,
                    Map<String, Integer> streaks, Map<String, Signal> last) {
        this.hysteresis = hysteresis;
        this.snapshot = snapshot;
        this.checks = checks;
        this.pendingUp = pendingUp;
        this.pending = pending;
        this.streaks = streaks;
        this.last = last;
    }

    /**
     * The verdict before any check: {@code UNKNOWN / NOT_CHECKED}.
     *
     * @param hysteresis the thresholds
     * @param at         now
     * @return the initial verdict
     */
    public static Verdict initial(Hysteresis hysteresis, Instant at) {
        Objects.requireNonNull(hysteresis, "hysteresis");
        return new Verdict(hysteresis, StatusSnapshot.unknown(Cause.NOT_CHECKED, "not checked yet", at), 0, false,
                0, Map.of(), Map.of());
    }

    /**
     * The verdict after one more check.
     *
     * @param signals the latest signal of each probe (one per probe name; a probe that was not asked this time,
     *                e.g. because of {@code Retry-After}, repeats its previous signal)
     * @param now     when the check completed
     * @return the next verdict; this one is unchanged
     */
    public Verdict next(List<Signal> signals, Instant now) {
        return next(signals, Set.of(), now);
    }

    /**
     * The verdict after one more check, some of whose signals were replayed rather than observed.
     *
     * <pre>{@code
     * v = v.next(List.of(endpoint503Replayed, officialOperational), Set.of("endpoint"), clock.instant());
     * }</pre>
     *
     * @param signals  the latest signal of each probe (one per probe name)
     * @param replayed the names of the probes whose signal is a replay of an earlier observation (the probe was
     *                 not asked this time, e.g. because of {@code Retry-After}): such a signal is context, never
     *                 a fresh observation, so it neither extends a streak nor confirms a change by itself
     * @param now      when the check completed
     * @return the next verdict; this one is unchanged
     */
    public Verdict next(List<Signal> signals, Set<String> replayed, Instant now) {
        Objects.requireNonNull(replayed, "replayed");
        List<Signal> current = List.copyOf(signals);
        Map<String, Integer> nextStreaks = new HashMap<>();
        Map<String, Signal> nextLast = new HashMap<>();
        for (Signal s : current) {
            Signal before = last.get(s.probe());
            int n;
            if (before == null) {
                n = 1;
            } else if (replayed.contains(s.probe()) || before.observedAt().equals(s.observedAt())) {
                n = streaks.getOrDefault(s.probe(), 1); // a repeated signal is not a new observation
            } else if (before.health() == s.health() && before.cause() == s.cause()) {
                n = streaks.getOrDefault(s.probe(), 1) + 1;
            } else {
                n = 1;
            }
            nextStreaks.put(s.probe(), n);
            nextLast.put(s.probe(), s);
        }
        Map<String, Integer> st = Map.copyOf(nextStreaks);
        Map<String, Signal> ls = Map.copyOf(nextLast);
        Assessment raw = Evidence.assess(current, st);
        Health published = snapshot.health();

        if (checks == 0 || raw.health() == published) {
            return new Verdict(hysteresis, build(raw, current, now), checks + 1, false, 0, st, ls);
        }
        boolean up = isUp(published, raw.health());
        boolean fresh = replayed.isEmpty() || freshlySeen(current, replayed, st, raw.health());
        int sofar = (pending > 0 && pendingUp == up) ? pending : 0;
        int n = fresh ? sofar + 1 : sofar;
        int needed = up ? hysteresis.upAfter() : hysteresis.downAfter();
        if (fresh && (n >= needed || (!up && raw.atOnce()))) {
            return new Verdict(hysteresis, build(raw, current, now), checks + 1, false, 0, st, ls);
        }
        if (!up) {
            // the sources believed at once may already justify part of the way down
            Assessment trusted = Evidence.assess(believedAtOnce(current), st);
            if (trusted.health().isImpaired() && trusted.health() != published && !isUp(published, trusted.health())) {
                Assessment partWay = new Assessment(trusted.health(), trusted.cause(),
                        trusted.summary() + "; confirming: " + raw.summary() + " (" + n + " of " + needed + " checks)",
                        Evidence.confidence(current, trusted.health()), true);
                return new Verdict(hysteresis, build(partWay, current, now), checks + 1, false, n, st, ls);
            }
        }
        Assessment held = new Assessment(published, snapshot.cause(),
                "still " + Evidence.word(published) + " until confirmed (" + n + " of " + needed + " checks"
                        + (fresh ? "" : ", no fresh observation") + "): " + raw.summary(),
                Evidence.confidence(current, published), false);
        return new Verdict(hysteresis, build(held, current, now), checks + 1, n > 0 && up, n, st, ls);
    }

    /**
     * Whether the fresh signals of a check, read without the replayed ones, point at {@code health}: only then
     * does the check count towards a change.
     */
    private static boolean freshlySeen(List<Signal> signals, Set<String> replayed, Map<String, Integer> streaks,
                                       Health health) {
        List<Signal> fresh = new ArrayList<>(signals.size());
        for (Signal s : signals) {
            if (!replayed.contains(s.probe())) {
                fresh.add(s);
            }
        }
        return !fresh.isEmpty() && Evidence.assess(fresh, streaks).health() == health;
    }

    /**
     * The published snapshot. Its {@code incidents} hold the official page's active incidents and maintenances;
     * the monitor adds the incidents it observed.
     *
     * @return the snapshot
     */
    public StatusSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Whether a change of health is waiting for confirmation (a reason to check again sooner).
     *
     * @return true while a streak is under way
     */
    public boolean isChangePending() {
        return pending > 0;
    }

    /**
     * How many checks have been folded into this verdict.
     *
     * @return the count, 0 for the initial verdict
     */
    public int checks() {
        return checks;
    }

    /**
     * The thresholds in use.
     *
     * @return the hysteresis
     */
    public Hysteresis hysteresis() {
        return hysteresis;
    }

    /**
     * Whether going from {@code from} to {@code to} is a recovery: to operational, or to a lesser known impairment.
     * Everything else (worse, or into {@code UNKNOWN}) counts as going down.
     */
    static boolean isUp(Health from, Health to) {
        if (to == Health.UNKNOWN) {
            return false;
        }
        if (to == Health.OPERATIONAL) {
            return true;
        }
        return from != Health.UNKNOWN && rank(to) < rank(from);
    }

    private static int rank(Health h) {
        switch (h) {
            case OPERATIONAL:
                return 0;
            case DEGRADED:
                return 1;
            case PARTIAL_OUTAGE:
                return 2;
            default:
                return 3; // major outage and maintenance are equally unusable
        }
    }

    private static List<Signal> believedAtOnce(List<Signal> signals) {
        List<Signal> out = new ArrayList<>();
        for (Signal s : signals) {
            ProbeRole r = s.role();
            if (r == ProbeRole.OFFICIAL_PAGE || r == ProbeRole.OWN_CALLS || r == ProbeRole.FLEET
                    || r == ProbeRole.CONTROL) {
                out.add(s);
            }
        }
        return out;
    }

    private static StatusSnapshot build(Assessment a, List<Signal> signals, Instant now) {
        Signal official = Evidence.find(signals, ProbeRole.OFFICIAL_PAGE);
        OfficialStatus page = official == null ? null : official.official().orElse(null);
        List<ComponentStatus> components = page == null ? List.of() : page.components();
        List<Incident> incidents = new ArrayList<>();
        Optional<Incident> nextMaintenance = Optional.empty();
        if (page != null) {
            incidents.addAll(page.incidents());
            for (Incident m : page.maintenances()) {
                if (m.isActiveAt(now)) {
                    incidents.add(m);
                }
            }
            nextMaintenance = page.maintenances().stream()
                    .filter(m -> m.end().isEmpty() || m.end().get().isAfter(now))
                    .min(Comparator.comparing(Incident::start));
        }
        Optional<Duration> retryAfter = Optional.empty();
        for (Signal s : signals) {
            if (s.retryAfter().isEmpty()) {
                continue;
            }
            // a signal repeated while its source's wait lasts asks for what is left of that wait
            Duration left = s.retryAfter().get().minus(Duration.between(s.observedAt(), now));
            if (left.compareTo(Duration.ZERO) > 0 && (retryAfter.isEmpty() || left.compareTo(retryAfter.get()) > 0)) {
                retryAfter = Optional.of(left);
            }
        }
        return new StatusSnapshot(a.health(), a.cause(), a.summary(), a.confidence(), now,
                Evidence.ordered(signals), components, incidents, nextMaintenance, retryAfter);
    }
}
