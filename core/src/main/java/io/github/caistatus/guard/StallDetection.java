package io.github.caistatus.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Guard} notices a hang: calls accepted by Character.AI and never answered. The guard keeps the
 * latencies of its last {@code window} successful calls; a call in flight longer than the <em>stall threshold</em>,
 * {@code max(floor, multiple × percentile of those latencies)}, is evidence of a stall. Then the guard asks the
 * status to check at once, answers new calls from the fallbacks ({@link FallbackReason#CALL_STALLED}) without
 * waiting, and answers the calls already waiting: the asynchronous form at once, the synchronous form when
 * {@link #answerWaitingSyncCalls()} is on. The stall ends when a call succeeds within the threshold (while stalled,
 * one call at a time goes through as a trial) or when the verdict, having been unusable during the stall, is usable
 * again.
 *
 * <pre>{@code
 * Guard guard = Guard.builder().feed(feed)
 *         .stallDetection(StallDetection.defaults()            // p99 of the last 100 successes, 3x, at least 1 s
 *                 .withMultiple(4)
 *                 .withAnswerWaitingSyncCalls(true))          // sync callers too, on the guard's own threads
 *         .build();
 * }</pre>
 *
 * <p>Before the guard has seen {@code minSuccesses} successful calls it knows no healthy latency: no stall is
 * declared then, unless an {@code initialThreshold} is given (zero means none), which serves until then.
 *
 * @param enabled                whether the guard watches for stalls at all
 * @param percentile             the percentile of recent successful latencies, in (0, 100]
 * @param window                 how many recent successes are kept, 1 to 10,000
 * @param multiple               the stall threshold is this multiple of the percentile, at least 1
 * @param floor                  the stall threshold is never below this, positive
 * @param minSuccesses           successes needed before the percentile is trusted, 1 to {@code window}
 * @param initialThreshold       the threshold before that, or {@link Duration#ZERO} for none (no stall declared)
 * @param answerWaitingSyncCalls whether synchronous calls run on the guard's threads so that their waiting callers
 *                               can be answered by the fallbacks when a stall is declared
 */
public record StallDetection(boolean enabled, double percentile, int window, double multiple, Duration floor,
                             int minSuccesses, Duration initialThreshold, boolean answerWaitingSyncCalls) {

    /** The default percentile of recent successful latencies: 99. */
    public static final double DEFAULT_PERCENTILE = 99.0;
    /** The default number of recent successes kept: 100. */
    public static final int DEFAULT_WINDOW = 100;
    /** The default multiple of the percentile: 3. */
    public static final double DEFAULT_MULTIPLE = 3.0;
    /** The default floor of the stall threshold: 1 second. */
    public static final Duration DEFAULT_FLOOR = Duration.ofSeconds(1);
    /** The default number of successes before the percentile is trusted: 10. */
    public static final int DEFAULT_MIN_SUCCESSES = 10;

    private static final StallDetection OFF = new StallDetection(false, DEFAULT_PERCENTILE, DEFAULT_WINDOW,
            DEFAULT_MULTIPLE, DEFAULT_FLOOR, DEFAULT_MIN_SUCCESSES, Duration.ZERO, false);
    private static final StallDetection DEFAULTS = OFF.withEnabled(true);

    /** Validates the components. */
    public StallDetection {
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(initialThreshold, "initialThreshold");
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (window < 1 || window > 10_000) {
            throw new IllegalArgumentException("window must be 1 to 10000: " + window);
        }
        if (!(multiple >= 1) || Double.isInfinite(multiple)) {
            throw new IllegalArgumentException("multiple must be a finite number >= 1: " + multiple);
        }
        if (floor.isZero() || floor.isNegative()) {
            throw new IllegalArgumentException("floor must be positive: " + floor);
        }
        if (minSuccesses < 1 || minSuccesses > window) {
            throw new IllegalArgumentException("minSuccesses must be 1 to window (" + window + "): " + minSuccesses);
        }
        if (initialThreshold.isNegative()) {
            throw new IllegalArgumentException("initialThreshold must not be negative: " + initialThreshold);
        }
    }

    /**
     * Stall detection on: p99 of the last 100 successful latencies, times 3, at least 1 second, trusted after 10
     * successes, no initial threshold, waiting synchronous callers not answered. The default of
     * {@code CharacterAiStatus.builder()}.
     *
     * @return the default settings, on
     */
    public static StallDetection defaults() {
        return DEFAULTS;
    }

    /**
     * Stall detection off: no clock is read per call, calls wait for their own outcome or timeout. The default of a
     * bare {@code Guard.builder()}.
     *
     * @return the settings, off
     */
    public static StallDetection off() {
        return OFF;
    }

    /**
     * These settings on or off.
     *
     * @param on whether to watch for stalls
     * @return a copy
     */
    public StallDetection withEnabled(boolean on) {
        return new StallDetection(on, percentile, window, multiple, floor, minSuccesses, initialThreshold,
                answerWaitingSyncCalls);
    }

    /**
     * These settings with another percentile and window of recent successful latencies.
     *
     * <pre>{@code
     * StallDetection.defaults().withPercentile(95, 200)   // p95 of the last 200 successes
     * }</pre>
     *
     * @param percentile in (0, 100]
     * @param window     how many recent successes, 1 to 10,000 (and at least {@code minSuccesses})
     * @return a copy
     */
    public StallDetection withPercentile(double percentile, int window) {
        return new StallDetection(enabled, percentile, window, multiple, floor, Math.min(minSuccesses, window),
                initialThreshold, answerWaitingSyncCalls);
    }

    /**
     * These settings with another multiple of the percentile.
     *
     * @param multiple at least 1
     * @return a copy
     */
    public StallDetection withMultiple(double multiple) {
        return new StallDetection(enabled, percentile, window, multiple, floor, minSuccesses, initialThreshold,
                answerWaitingSyncCalls);
    }

    /**
     * These settings with another floor: no call younger than this is ever judged stalled.
     *
     * @param floor positive
     * @return a copy
     */
    public StallDetection withFloor(Duration floor) {
        return new StallDetection(enabled, percentile, window, multiple, floor, minSuccesses, initialThreshold,
                answerWaitingSyncCalls);
    }

    /**
     * These settings with another warm-up: how many successes before the percentile is trusted, and the threshold
     * until then ({@link Duration#ZERO}: none, so no stall is declared before).
     *
     * <pre>{@code
     * StallDetection.defaults().withWarmUp(20, Duration.ofSeconds(8))   // 8 s until 20 successes were seen
     * }</pre>
     *
     * @param minSuccesses     1 to {@code window}
     * @param initialThreshold the threshold until then, or zero for none
     * @return a copy
     */
    public StallDetection withWarmUp(int minSuccesses, Duration initialThreshold) {
        return new StallDetection(enabled, percentile, window, multiple, floor, minSuccesses, initialThreshold,
                answerWaitingSyncCalls);
    }

    /**
     * These settings answering, or not, the callers of synchronous calls that wait on a stalled call. When on, the
     * guard runs each synchronous call on a thread of its own (at most {@value Guard#CALL_THREADS} named daemon
     * threads, {@code cai-status-guard-call-<n>}, stopped by {@link Guard#close()}; when all are busy the call runs on
     * the caller's thread as usual) and the caller waits for it; when a stall is declared the caller is answered by
     * the fallbacks while the call runs on, its outcome still recorded in the breaker.
     *
     * @param on true to answer waiting synchronous callers
     * @return a copy
     */
    public StallDetection withAnswerWaitingSyncCalls(boolean on) {
        return new StallDetection(enabled, percentile, window, multiple, floor, minSuccesses, initialThreshold, on);
    }
}
