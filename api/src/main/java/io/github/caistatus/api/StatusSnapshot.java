package io.github.caistatus.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict at one instant: how usable Character.AI is, why, and the evidence behind it.
 *
 * <pre>{@code
 * StatusSnapshot now = CharacterAiStatus.current();
 * if (!now.health().isUsable()) banner(now.summary());
 * }</pre>
 *
 * @param health          the verdict
 * @param cause           why
 * @param summary         one human line saying which signals agree, e.g.
 *                        "official page silent; health endpoint 503 for 3 checks"
 * @param confidence      how sure we are, from 0 (guessing) to 1 (every source agrees)
 * @param observedAt      when the verdict was made
 * @param signals         the latest signal of each probe
 * @param components      per-component states from the official page (empty when it is silent)
 * @param incidents       incidents active now (official and observed)
 * @param nextMaintenance the next scheduled maintenance not yet completed, if any
 * @param retryAfter      how long a source asked callers to wait, if one did
 */
public record StatusSnapshot(
        Health health,
        Cause cause,
        String summary,
        double confidence,
        Instant observedAt,
        List<Signal> signals,
        List<ComponentStatus> components,
        List<Incident> incidents,
        Optional<Incident> nextMaintenance,
        Optional<Duration> retryAfter) {

    /** Validates the components, copies the lists, and checks the confidence is within [0, 1]. */
    public StatusSnapshot {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(summary, "summary");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
        Objects.requireNonNull(observedAt, "observedAt");
        signals = List.copyOf(signals);
        components = List.copyOf(components);
        incidents = List.copyOf(incidents);
        Objects.requireNonNull(nextMaintenance, "nextMaintenance");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * A snapshot that knows nothing: {@link Health#UNKNOWN} with a reason, zero confidence, no evidence.
     *
     * @param cause  why nothing is known (e.g. {@link Cause#NOT_CHECKED})
     * @param reason one human line
     * @param at     when
     * @return the snapshot
     */
    public static StatusSnapshot unknown(Cause cause, String reason, Instant at) {
        return new StatusSnapshot(Health.UNKNOWN, cause, reason, 0.0, at, List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    /**
     * The latest signal of the named probe, if it is part of this snapshot.
     *
     * @param probe the probe name
     * @return its signal, or empty
     */
    public Optional<Signal> signal(String probe) {
        for (Signal s : signals) {
            if (s.probe().equals(probe)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
