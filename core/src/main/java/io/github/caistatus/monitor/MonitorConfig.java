package io.github.caistatus.monitor;

import io.github.caistatus.verdict.Hysteresis;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link Monitor} paces its checks.
 *
 * <pre>{@code
 * MonitorConfig cfg = MonitorConfig.defaults().withIntervals(Duration.ofSeconds(30), Duration.ofSeconds(10));
 * }</pre>
 *
 * @param healthyInterval   the pause between checks while the verdict is operational and nothing is pending
 * @param unhealthyInterval the pause otherwise (impaired, unknown, or a change waiting for confirmation)
 * @param jitter            the spread applied to every pause, as a fraction: 0.1 means ±10%
 * @param probeDeadline     the longest a check waits for one probe; past it the probe counts as
 *                          {@code UNKNOWN} for that check (the probe's own timeout should come first)
 * @param maxRetryAfter     the longest a {@code Retry-After} holds a probe back; whatever this says, a hold never
 *                          outlasts the shortest pause of the unhealthy pace ({@code unhealthyInterval} less its
 *                          jitter), so the header paces the checks and never silences a source: every scheduled
 *                          check asks afresh (the full value still reaches fallbacks as a hint for chat clients)
 * @param hysteresis        how many checks must agree before the health changes
 * @param background        whether checks run on a schedule; when false they run only on request
 *                          ({@link Monitor#refresh(Duration)}, {@link Monitor#checkSoon()})
 */
public record MonitorConfig(
        Duration healthyInterval,
        Duration unhealthyInterval,
        double jitter,
        Duration probeDeadline,
        Duration maxRetryAfter,
        Hysteresis hysteresis,
        boolean background) {

    /** Default pause while healthy: 60 seconds. */
    public static final Duration DEFAULT_HEALTHY_INTERVAL = Duration.ofSeconds(60);
    /** Default pause otherwise: 15 seconds. */
    public static final Duration DEFAULT_UNHEALTHY_INTERVAL = Duration.ofSeconds(15);
    /** Default jitter: ±10%. */
    public static final double DEFAULT_JITTER = 0.1;
    /** Default probe deadline: 6 seconds (the default probe timeout of 5 s plus a margin). */
    public static final Duration DEFAULT_PROBE_DEADLINE = Duration.ofSeconds(6);
    /** Default cap on {@code Retry-After}: 1 hour (the unhealthy pace caps a hold further, see above). */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);

    /** Validates the components: positive durations, jitter within [0, 1). */
    public MonitorConfig {
        positive(healthyInterval, "healthyInterval");
        positive(unhealthyInterval, "unhealthyInterval");
        positive(probeDeadline, "probeDeadline");
        positive(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(hysteresis, "hysteresis");
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1): " + jitter);
        }
    }

    /**
     * The defaults: 60 s healthy, 15 s otherwise, ±10%, 6 s probe deadline, {@code Retry-After} capped at 1 h,
     * 2 checks down and 2 up, checks in the background.
     *
     * @return the default configuration
     */
    public static MonitorConfig defaults() {
        return new MonitorConfig(DEFAULT_HEALTHY_INTERVAL, DEFAULT_UNHEALTHY_INTERVAL, DEFAULT_JITTER,
                DEFAULT_PROBE_DEADLINE, DEFAULT_MAX_RETRY_AFTER, Hysteresis.defaults(), true);
    }

    /**
     * A copy with other intervals.
     *
     * @param healthy   the pause while healthy
     * @param unhealthy the pause otherwise
     * @return the copy
     */
    public MonitorConfig withIntervals(Duration healthy, Duration unhealthy) {
        return new MonitorConfig(healthy, unhealthy, jitter, probeDeadline, maxRetryAfter, hysteresis, background);
    }

    /**
     * A copy with another jitter.
     *
     * @param value the spread, e.g. 0.1 for ±10%
     * @return the copy
     */
    public MonitorConfig withJitter(double value) {
        return new MonitorConfig(healthyInterval, unhealthyInterval, value, probeDeadline, maxRetryAfter, hysteresis,
                background);
    }

    /**
     * A copy with another probe deadline.
     *
     * @param value the longest wait for one probe within a check
     * @return the copy
     */
    public MonitorConfig withProbeDeadline(Duration value) {
        return new MonitorConfig(healthyInterval, unhealthyInterval, jitter, value, maxRetryAfter, hysteresis,
                background);
    }

    /**
     * A copy with another {@code Retry-After} cap.
     *
     * @param value the longest wait honoured
     * @return the copy
     */
    public MonitorConfig withMaxRetryAfter(Duration value) {
        return new MonitorConfig(healthyInterval, unhealthyInterval, jitter, probeDeadline, value, hysteresis,
                background);
    }

    /**
     * A copy with other thresholds.
     *
     * @param value the hysteresis
     * @return the copy
     */
    public MonitorConfig withHysteresis(Hysteresis value) {
        return new MonitorConfig(healthyInterval, unhealthyInterval, jitter, probeDeadline, maxRetryAfter, value,
                background);
    }

    /**
     * A copy that checks on a schedule, or only on request.
     *
     * @param value true for scheduled checks
     * @return the copy
     */
    public MonitorConfig withBackground(boolean value) {
        return new MonitorConfig(healthyInterval, unhealthyInterval, jitter, probeDeadline, maxRetryAfter, hysteresis,
                value);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
