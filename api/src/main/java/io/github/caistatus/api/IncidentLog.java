package io.github.caistatus.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The memory of every outage: bundled history, official incidents and incidents observed live.
 *
 * <p>Windows are half-open, {@code [from, to)}; an incident covers {@code [start, end)} (see {@link Incident}).
 * Implementations are thread-safe. Queries return immutable lists sorted by start, oldest first.
 *
 * <pre>{@code
 * IncidentLog log = CharacterAiStatus.current() ... ;
 * Availability last30 = log.availability(now.minus(Duration.ofDays(30)), now);
 * log.typicalDuration(Health.MAJOR_OUTAGE).ifPresent(d -> say("usually back within ~" + d.median()));
 * }</pre>
 */
public interface IncidentLog {

    /**
     * Every incident known, oldest first.
     *
     * @return all incidents; empty if none
     */
    List<Incident> all();

    /**
     * Incidents overlapping the half-open window {@code [from, to)}.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive; must be after {@code from}
     * @return the incidents, oldest first; empty if none
     */
    List<Incident> between(Instant from, Instant to);

    /**
     * Incidents in progress at {@code instant}.
     *
     * @param instant the instant
     * @return the incidents, oldest first; empty if none
     */
    List<Incident> activeAt(Instant instant);

    /**
     * The incident with this id, if known.
     *
     * @param id the id
     * @return the incident, or empty
     */
    Optional<Incident> find(String id);

    /**
     * Records a new incident (typically one observed live). An incident with the same id replaces the old one.
     *
     * @param incident the incident
     */
    void append(Incident incident);

    /**
     * Marks an unresolved incident as ended.
     *
     * @param id  the incident's id
     * @param end when it ended
     * @return the resolved incident, or empty if no unresolved incident has that id
     */
    Optional<Incident> resolve(String id, Instant end);

    /**
     * Availability over the half-open window {@code [from, to)}.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive; must be after {@code from}
     * @return the availability, with unknown durations counted apart
     */
    Availability availability(Instant from, Instant to);

    /**
     * How long resolved outages that reached {@code kind} lasted, as a prior for fallbacks.
     *
     * @param kind the health reached ({@link Health#MAJOR_OUTAGE}, {@link Health#PARTIAL_OUTAGE}, ...)
     * @return median and p90, or empty if no outage of that kind has a known duration
     */
    Optional<OutageDurations> typicalDuration(Health kind);
}
