package io.github.caistatus.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A period during which the service was impaired, planned or not.
 *
 * <p>An incident covers the half-open interval {@code [start, end)}; an unresolved one covers
 * {@code [start, ∞)}. A zero-length incident ({@code start == end}) covers the single instant {@code start}.
 *
 * @param id        a stable identifier, unique within its source
 * @param service   the service affected, e.g. {@code "character.ai"}
 * @param start     when it began (or, for a maintenance, when it is scheduled to begin)
 * @param end       when it ended (or is scheduled to end); empty while unresolved or unknown
 * @param health    how bad it was: the worst state reached
 * @param cause     why
 * @param summary   one line in our own words
 * @param source    where we learned of it
 * @param scheduled whether it was announced in advance (a maintenance)
 * @param updates   its dated updates, oldest first
 * @param link      where to read more, if anywhere
 */
public record Incident(
        String id,
        String service,
        Instant start,
        Optional<Instant> end,
        Health health,
        Cause cause,
        String summary,
        Source source,
        boolean scheduled,
        List<IncidentUpdate> updates,
        Optional<String> link) {

    /** Validates the components, makes the update list an immutable copy and checks {@code end >= start}. */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(source, "source");
        updates = List.copyOf(updates);
        Objects.requireNonNull(link, "link");
        if (end.isPresent() && end.get().isBefore(start)) {
            throw new IllegalArgumentException("incident " + id + " ends (" + end.get() + ") before it starts (" + start + ")");
        }
    }

    /**
     * Whether the incident is over (has an end).
     *
     * @return true if {@link #end()} is present
     */
    public boolean isResolved() {
        return end.isPresent();
    }

    /**
     * How long it lasted, if it is over.
     *
     * @return {@code end - start}, or empty while unresolved
     */
    public Optional<Duration> duration() {
        return end.map(e -> Duration.between(start, e));
    }

    /**
     * Whether the incident is in progress at {@code instant}: {@code start <= instant < end}.
     *
     * @param instant the instant to test
     * @return true if the incident covers {@code instant}
     */
    public boolean isActiveAt(Instant instant) {
        if (instant.isBefore(start)) {
            return false;
        }
        if (end.isEmpty()) {
            return true;
        }
        Instant e = end.get();
        return instant.isBefore(e) || (e.equals(start) && instant.equals(start));
    }

    /**
     * Whether the incident overlaps the half-open window {@code [from, to)}.
     *
     * @param from the window's first instant, inclusive
     * @param to   the window's end, exclusive
     * @return true if some instant of the window is covered by the incident
     */
    public boolean overlaps(Instant from, Instant to) {
        if (!start.isBefore(to)) {
            return false;
        }
        if (end.isEmpty()) {
            return true;
        }
        Instant e = end.get();
        return e.isAfter(from) || (e.equals(start) && !start.isBefore(from));
    }

    /**
     * This incident, resolved at {@code at}, with a {@link Stage#RESOLVED} update appended.
     *
     * @param at   when it ended
     * @param note a short note for the resolving update
     * @return a resolved copy
     */
    public Incident resolvedAt(Instant at, String note) {
        List<IncidentUpdate> more = new java.util.ArrayList<>(updates);
        more.add(new IncidentUpdate(Stage.RESOLVED, at, note));
        return new Incident(id, service, start, Optional.of(at), health, cause, summary, source, scheduled, more, link);
    }
}
