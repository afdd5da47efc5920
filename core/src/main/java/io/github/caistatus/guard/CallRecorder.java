package io.github.caistatus.guard;

import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Records each call's outcome in the breaker exactly once (a success, an error, or a released permit), counts it
 * for {@link CallCounts}, and says why the fallbacks answer a call that was made. Reads a clock only when call
 * timing is on. Safe on any thread: an asynchronous call's outcome is recorded where its stage completes.
 */
final class CallRecorder {

    private final CircuitBreaker breaker;
    private final VerdictFeed feed;
    private final VerdictFollower follower;
    private final WaitEstimates waits;
    final boolean timed;
    private final TimeUnit unit;
    private final Predicate<Object> configResultIsFailure;

    final LongAdder successful = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder shortCircuited = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder trials = new LongAdder();
    final LongAdder retries = new LongAdder();

    CallRecorder(CircuitBreaker breaker, VerdictFeed feed, VerdictFollower follower, WaitEstimates waits,
                 Boolean callTiming) {
        this.breaker = breaker;
        this.feed = feed;
        this.follower = follower;
        this.waits = waits;
        CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
        this.timed = callTiming != null ? callTiming : config.getSlowCallRateThreshold() < 100f;
        this.unit = timed ? breaker.getTimestampUnit() : TimeUnit.NANOSECONDS;
        this.configResultIsFailure = config.getRecordResultPredicate();
    }

    CallCounts counts() {
        return new CallCounts(successful.sum(), failed.sum(), refused.sum(), shortCircuited.sum(), released.sum(),
                trials.sum(), retries.sum());
    }

    long start() {
        return timed ? breaker.getCurrentTimestamp() : 0L;
    }

    private long elapsed(long start) {
        return timed ? breaker.getCurrentTimestamp() - start : 0L;
    }

    /** Whether a result counts as a failure: by the breaker's configuration, or by the call's own predicate. */
    <T> boolean isFailure(T result, Predicate<? super T> failWhen) {
        return (result != null && configResultIsFailure.test(result)) || (failWhen != null && failWhen.test(result));
    }

    void succeeded(long start) {
        try {
            breaker.onSuccess(elapsed(start), unit);
        } catch (RuntimeException raced) {
            // lost to the breaker, not to the host: see recordInBreaker
        }
        successful.increment();
        follower.watchState();
    }

    /**
     * Records a call that threw, on the caller's thread, and says why. An interrupted call is released
     * (not recorded) and ends the guarded call; an {@link Error} is released and rethrown.
     */
    FallbackContext failedCall(Throwable error, long start) {
        if (Failures.isInterruption(error, true)) {
            released();
            Thread.currentThread().interrupt();
            throw new CharacterAiUnavailableException(
                    new FallbackContext(waits, FallbackReason.CALL_FAILED, feed.snapshot(), error), error, true);
        }
        if (error instanceof Error) {
            breaker.releasePermission();
            released.increment();
            throw (Error) error;
        }
        return recordError(error, start);
    }

    /** Releases the permit of a call that ended without an outcome (interrupted, cancelled): not counted. */
    void released() {
        breaker.releasePermission();
        released.increment();
        follower.watchState();
    }

    /**
     * Records a call whose stage failed, on whatever thread completed it. Returns null, after releasing
     * the permit, for an interruption or an {@link Error}: not Character.AI's fault.
     */
    FallbackContext failedStage(Throwable error, long start) {
        if (error instanceof Error || Failures.isInterruption(error, false)) {
            released();
            return null;
        }
        return recordError(error, start);
    }

    FallbackContext failedResult(Object result, long start) {
        return recordError(new FailedResultException(result), start);
    }

    FallbackContext timedOut(TimeoutException error, long start) {
        recordInBreaker(error, start);
        failed.increment();
        follower.watchState();
        return new FallbackContext(waits, FallbackReason.CALL_TIMED_OUT, feed.snapshot(), error);
    }

    /** Counts a call the breaker refused: resilience4j counted it as not permitted. */
    void refused() {
        refused.increment();
        follower.watchState();
    }

    private FallbackContext recordError(Throwable error, long start) {
        recordInBreaker(error, start);
        failed.increment();
        follower.watchState();
        StatusSnapshot snapshot = feed.snapshot();
        return new FallbackContext(waits, Failures.reason(error, snapshot), snapshot, error);
    }

    /**
     * Records an error in the breaker. resilience4j builds an open state on the window of the state it replaces;
     * when its own move to open races the verdict forcing the breaker open, that window is the forced-open
     * state's, of size zero, and recording in it throws ({@code / by zero}). The outcome is then lost to the
     * breaker's metrics (it is still in {@link CallCounts}), never thrown at the host; the breaker's next state
     * starts a fresh window.
     */
    private void recordInBreaker(Throwable error, long start) {
        try {
            breaker.onError(elapsed(start), unit, error);
        } catch (RuntimeException raced) {
            // lost to the breaker, not to the host: see above
        }
    }
}
