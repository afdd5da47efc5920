package io.github.caistatus.api;

import java.util.Locale;

/**
 * The stage an {@link IncidentUpdate} announces, as Statuspage names them, plus {@link #REPORTED}
 * for third-party reports and {@link #UNKNOWN} for values we do not know.
 */
public enum Stage {
    /** The operator is looking into it. */
    INVESTIGATING,
    /** The cause is known and a fix is under way. */
    IDENTIFIED,
    /** A fix is in and being watched. */
    MONITORING,
    /** A progress note without a change of stage. */
    UPDATE,
    /** The incident is over. */
    RESOLVED,
    /** An analysis published after the incident. */
    POSTMORTEM,
    /** A maintenance is announced for later. */
    SCHEDULED,
    /** A maintenance is running. */
    IN_PROGRESS,
    /** A maintenance is done and being verified. */
    VERIFYING,
    /** A maintenance is over. */
    COMPLETED,
    /** A report by a third party (users, press), not by the operator. */
    REPORTED,
    /** A value we do not know. */
    UNKNOWN;

    /**
     * Parses a stage as Statuspage writes it ({@code "in_progress"}, {@code "In progress"},
     * {@code "Investigating"}...), tolerating unknown values.
     *
     * @param text the page's word; may be null
     * @return the stage, or {@link #UNKNOWN}
     */
    public static Stage parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (Stage s : values()) {
            if (s.name().equals(key)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /**
     * Whether this stage ends an incident or maintenance.
     *
     * @return true for {@link #RESOLVED}, {@link #POSTMORTEM} and {@link #COMPLETED}
     */
    public boolean isFinal() {
        return this == RESOLVED || this == POSTMORTEM || this == COMPLETED;
    }
}
