package io.github.caistatus.history;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Source;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One dated report of the service's state by a third party (the 2023 article's table), as bundled history.
 *
 * <p>A report that says all is well has no incident; a report of trouble belongs to the incident it describes,
 * and several reports on successive days may belong to one incident.
 *
 * <pre>{@code
 * for (Report r : BundledHistory.get().reports()) {
 *     System.out.println(r.date() + " " + r.health() + " " + r.summary());
 * }
 * }</pre>
 *
 * @param date       the day reported on (a calendar day, US Pacific)
 * @param health     the state the report describes that day
 * @param cause      why, as far as the report says
 * @param summary    one line in our own words
 * @param source     where it comes from ({@link Source#BUNDLED} for the bundled history)
 * @param incidentId the incident it belongs to, or empty for an all-clear report
 */
public record Report(
        LocalDate date,
        Health health,
        Cause cause,
        String summary,
        Source source,
        Optional<String> incidentId) {

    /** Validates the components; every one is required. */
    public Report {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
