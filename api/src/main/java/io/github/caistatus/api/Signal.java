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
 * @param role       what the signal is evidence of: set by the monitor from how the probe was added, never from
 *                   its name ({@link ProbeRole#CUSTOM} until then)
 */
public record Signal(
        String probe,
        Health health,
        Cause cause,
        Duration latency,
        Instant observedAt,
        String detail,
        Optional<Duration> retryAfter,
        Optional<OfficialStatus> official,
        ProbeRole role) {

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
        Objects.requireNonNull(role, "role");
    }

    /**
     * A signal without {@code Retry-After} and without official-page content, of role {@link ProbeRole#CUSTOM}
     * until the monitor that ran the probe gives it the role the probe was added with.
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
        return new Signal(probe, health, cause, latency, observedAt, detail, Optional.empty(), Optional.empty(),
                ProbeRole.CUSTOM);
    }

    /**
     * This signal with a {@code Retry-After} hint.
     *
     * @param wait how long the source asked us to wait
     * @return a copy carrying {@code wait}
     */
    public Signal withRetryAfter(Duration wait) {
        return new Signal(probe, health, cause, latency, observedAt, detail, Optional.of(wait), official, role);
    }

    /**
     * This signal with the official status page's content attached.
     *
     * @param status what the page said
     * @return a copy carrying {@code status}
     */
    public Signal withOfficial(OfficialStatus status) {
        return new Signal(probe, health, cause, latency, observedAt, detail, retryAfter, Optional.of(status), role);
    }

    /**
     * This signal as evidence of the given role (the monitor sets it from how the probe was added).
     *
     * @param value the role
     * @return a copy carrying {@code value}
     */
    public Signal withRole(ProbeRole value) {
        return value == role ? this : new Signal(probe, health, cause, latency, observedAt, detail, retryAfter,
                official, value);
    }

    /**
     * This signal under another probe name (the monitor names each signal after the probe that was asked).
     *
     * @param name the probe name
     * @return a copy carrying {@code name}
     */
    public Signal withProbe(String name) {
        return name.equals(probe) ? this : new Signal(name, health, cause, latency, observedAt, detail, retryAfter,
                official, role);
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
