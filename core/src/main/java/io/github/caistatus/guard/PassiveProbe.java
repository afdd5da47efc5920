package io.github.caistatus.guard;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The probe named {@value #NAME}: what the host's own guarded calls say, read from the guard's circuit
 * breaker. It sends nothing, so it answers at once; make one with {@link #of(CircuitBreaker, Clock)}.
 *
 * <table>
 *   <caption>breaker state to signal</caption>
 *   <tr><th>breaker</th><th>health</th><th>cause</th></tr>
 *   <tr><td>open by failures</td><td>{@link Health#MAJOR_OUTAGE}</td><td>{@link Cause#CALL_FAILURES}</td></tr>
 *   <tr><td>open by slow calls</td><td>{@link Health#DEGRADED}</td><td>{@link Cause#SLOW}</td></tr>
 *   <tr><td>half-open (trying again)</td><td>{@link Health#PARTIAL_OUTAGE}</td><td>{@link Cause#CALL_FAILURES}</td></tr>
 *   <tr><td>closed, failure rate &ge; half the threshold</td><td>{@link Health#PARTIAL_OUTAGE}</td><td>{@link Cause#CALL_FAILURES}</td></tr>
 *   <tr><td>closed, failure rate &ge; a quarter of it</td><td>{@link Health#DEGRADED}</td><td>{@link Cause#CALL_FAILURES}</td></tr>
 *   <tr><td>closed, slow-call rate &ge; half its threshold (timing on)</td><td>{@link Health#DEGRADED}</td><td>{@link Cause#SLOW}</td></tr>
 *   <tr><td>closed, otherwise</td><td>{@link Health#OPERATIONAL}</td><td>{@link Cause#NONE}</td></tr>
 *   <tr><td>fewer calls than the breaker's minimum</td><td>{@link Health#UNKNOWN} (no opinion)</td><td>{@link Cause#NOT_CHECKED}</td></tr>
 *   <tr><td>calls stalled (the guard given this probe declared a stall)</td><td>{@link Health#MAJOR_OUTAGE}</td><td>{@link Cause#CALL_FAILURES}</td></tr>
 *   <tr><td>held open by the status verdict, or disabled</td><td>{@link Health#UNKNOWN} (no opinion)</td><td>{@link Cause#NOT_CHECKED}</td></tr>
 * </table>
 *
 * <p>A breaker held open by the verdict gives no opinion on purpose: no calls are being made, and saying
 * "down" would keep the verdict down forever on its own word.
 */
public final class PassiveProbe implements StatusProbe {

    /** The probe's name in signals and summaries. */
    public static final String NAME = "passive";

    private final CircuitBreaker breaker;
    private final Clock clock;
    /** While a guard given this probe has declared a stall: what to say; null otherwise. */
    private volatile String stalled;

    private PassiveProbe(CircuitBreaker breaker, Clock clock) {
        this.breaker = breaker;
        this.clock = clock;
    }

    /**
     * A probe over this breaker: what the calls it records say. Give it to the monitor like any other probe, and
     * the same breaker to the {@link Guard}.
     *
     * @param breaker the breaker the host's calls go through
     * @param clock   the time source for the signals' timestamps
     * @return the probe
     */
    public static PassiveProbe of(CircuitBreaker breaker, Clock clock) {
        return new PassiveProbe(Objects.requireNonNull(breaker, "breaker"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Signal probe() {
        try {
            return observe();
        } catch (RuntimeException e) {
            return signal(Health.UNKNOWN, Cause.OTHER, "could not read the circuit breaker: " + e.getClass().getSimpleName());
        }
    }

    /** Told by a guard's stall detection: calls in flight stalled (a detail), or no longer (null). */
    void stalled(String detail) {
        this.stalled = detail;
    }

    private Signal observe() {
        CircuitBreaker.State state = breaker.getState();
        String stall = stalled;
        if (stall != null && state != CircuitBreaker.State.FORCED_OPEN && state != CircuitBreaker.State.DISABLED) {
            // the host's own calls hang: as bad as failing, and known long before the calls time out
            return signal(Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, stall);
        }
        CircuitBreaker.Metrics m = breaker.getMetrics();
        CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
        float threshold = config.getFailureRateThreshold();
        String counts = m.getNumberOfFailedCalls() + " of " + m.getNumberOfBufferedCalls() + " recent calls failed";
        switch (state) {
            case FORCED_OPEN:
                return signal(Health.UNKNOWN, Cause.NOT_CHECKED, "no calls made: circuit breaker held open");
            case DISABLED:
                return signal(Health.UNKNOWN, Cause.NOT_CHECKED, "circuit breaker disabled");
            case OPEN:
                if (m.getFailureRate() >= 0 && m.getFailureRate() < threshold
                        && m.getSlowCallRate() >= config.getSlowCallRateThreshold()) {
                    return signal(Health.DEGRADED, Cause.SLOW, "circuit breaker open: "
                            + m.getNumberOfSlowCalls() + " of " + m.getNumberOfBufferedCalls() + " recent calls slow");
                }
                return signal(Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, "circuit breaker open: " + counts);
            case HALF_OPEN:
                return signal(Health.PARTIAL_OUTAGE, Cause.CALL_FAILURES,
                        "circuit breaker half-open: trying calls again after failures");
            default:
                break;
        }
        float rate = m.getFailureRate();
        if (rate < 0) {
            return signal(Health.UNKNOWN, Cause.NOT_CHECKED, "not enough calls yet: "
                    + m.getNumberOfBufferedCalls() + " of " + config.getMinimumNumberOfCalls() + " needed");
        }
        String detail = counts + String.format(Locale.ROOT, " (%.1f%%)", rate);
        if (rate >= threshold) {
            return signal(Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, detail);
        }
        if (rate >= threshold / 2) {
            return signal(Health.PARTIAL_OUTAGE, Cause.CALL_FAILURES, detail);
        }
        if (rate > 0 && rate >= threshold / 4) {
            return signal(Health.DEGRADED, Cause.CALL_FAILURES, detail);
        }
        // a slow-call rate above zero means the calls were timed (untimed calls are recorded as instant)
        if (m.getSlowCallRate() > 0 && m.getSlowCallRate() >= config.getSlowCallRateThreshold() / 2) {
            return signal(Health.DEGRADED, Cause.SLOW, m.getNumberOfSlowCalls() + " of "
                    + m.getNumberOfBufferedCalls() + " recent calls slow");
        }
        return signal(Health.OPERATIONAL, Cause.NONE, detail);
    }

    private Signal signal(Health health, Cause cause, String detail) {
        return Signal.of(NAME, health, cause, Duration.ZERO, clock.instant(), detail);
    }
}
