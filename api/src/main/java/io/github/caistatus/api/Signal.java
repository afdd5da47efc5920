package io.github.caistatus.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe's observation at one instant.
 *
 * <pre>{@code
 * Signal s = Signal.of("endpoint", Health.MAJOR_OUTAGE, Cause.SERVER_ERROR,
 *                      Duration.ofMillis(84), Instant.now(), "HTTP 503");
 * }</pre>
 *
 * @param probe      the name of the probe that made the observation ("endpoint", "official", "control", "passive")
 * @param health     what the observation says about the service
 * @param cause      why
 * @param latency    how long the observation took (zero when nothing was sent)
 * @param observedAt when the observation completed
 * @param detail     a short human detail, e.g. {@code "HTTP 503"}; never null, may be empty
 * @param retryAfter how long the source asked us to wait before asking again, if it said so
 * @param official   what the official status page said, for signals of that probe
 */
public record Signal(
        String probe,
        Health health,
        Cause cause,
        Duration latency,
        Instant observedAt,
        String detail,
        Optional<Duration> retryAfter,
        Optional<OfficialStatus> official) {

    /** Validates the components; every one is required. */
    public Signal {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(official, "official");
    }

    /**
     * A signal without {@code Retry-After} and without official-page content.
     *
     * @param probe      the probe name
     * @param health     the health observed
     * @param cause      the cause
     * @param latency    the time the observation took
     * @param observedAt when it completed
     * @param detail     a short human detail
     * @return a new signal
     */
    public static Signal of(String probe, Health health, Cause cause, Duration latency, Instant observedAt,
                            String detail) {
        return new Signal(probe, health, cause, latency, observedAt, detail, Optional.empty(), Optional.empty());
    }

    /**
     * This signal with a {@code Retry-After} hint.
     *
     * @param wait how long the source asked us to wait
     * @return a copy carrying {@code wait}
     */
    public Signal withRetryAfter(Duration wait) {
        return new Signal(probe, health, cause, latency, observedAt, detail, Optional.of(wait), official);
    }

    /**
     * This signal with the official status page's content attached.
     *
     * @param status what the page said
     * @return a copy carrying {@code status}
     */
    public Signal withOfficial(OfficialStatus status) {
        return new Signal(probe, health, cause, latency, observedAt, detail, retryAfter, Optional.of(status));
    }

    /**
     * Whether this signal carries an opinion about the service: false for {@link Health#UNKNOWN}.
     *
     * @return true if the health is known
     */
    public boolean hasOpinion() {
        return health != Health.UNKNOWN;
    }
}
