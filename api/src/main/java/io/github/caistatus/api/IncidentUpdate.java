package io.github.caistatus.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One dated update of an {@link Incident}.
 *
 * @param stage the stage it announces
 * @param at    when it was posted
 * @param note  a short note in our own words; may be empty, never null
 */
public record IncidentUpdate(Stage stage, Instant at, String note) {

    /** Validates the components; every one is required. */
    public IncidentUpdate {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
    }
}
