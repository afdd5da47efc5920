package io.github.caistatus.guard;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The attempts of a synchronous guarded call beyond the usual one: a trial let through while the breaker is held
 * open, and the retries of a {@link Patience} policy after a failure. Both are recorded like any call; then, if
 * Character.AI still did not answer, the fallbacks are asked.
 */
final class ExtraAttempts {

    private ExtraAttempts() {
    }

    /**
     * Runs one call as a trial: made without a permit from the held breaker, its outcome recorded as usual,
     * the trial ended as soon as the outcome is known (before any fallback runs). No patience: the breaker is held.
     */
    static Object trial(Guard g, Function<Object, ?> fn, Object input, Predicate<Object> failWhen, boolean answers,
                        Object f0, Object f1, Object f2, Object[] more, int count) {
        CallRecorder rec = g.recorder;
        long start = rec.start();
        Object result;
        boolean failedResult;
        try {
            result = fn.apply(input);
            failedResult = rec.isFailure(result, failWhen);
        } catch (Throwable t) {
            FallbackContext context;
            try {
                context = rec.failedCall(t, start);
            } finally {
                g.follower.trialEnded(false);
            }
            return FallbackChain.ask(context, FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
        }
        if (failedResult) {
            FallbackContext context = rec.failedResult(result, start);
            g.follower.trialEnded(false);
            return FallbackChain.ask(context, FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
        }
        rec.succeeded(start);
        g.follower.trialEnded(true);
        return answers ? Answer.ofCharacterAi(result) : result;
    }

    /**
     * A call that was made failed ({@code failure} says how): with a patience policy, waits and tries again, each
     * attempt asking the breaker for a permit and recorded like any call, while the breaker is neither open nor
     * held open and the verdict is usable; then the fallbacks answer, told of the last failure.
     */
    static Object afterFailure(Guard g, FallbackContext failure, Function<Object, ?> fn, Object input,
                               Predicate<Object> failWhen, Patience patience, boolean answers,
                               Object f0, Object f1, Object f2, Object[] more, int count) {
        FallbackContext why = failure;
        if (patience != null) {
            CallRecorder rec = g.recorder;
            for (int attempt = 1; attempt <= patience.attempts(); attempt++) {
                Duration wait = retryWait(g, patience, attempt, why);
                if (wait == null) {
                    break;
                }
                sleep(patience, wait, why);
                if (!mayRetry(g)) {
                    break;
                }
                rec.retries.increment();
                if (!g.permit()) { // half-open with its trials taken, or opened meanwhile: counted as refused
                    rec.refused();
                    break;
                }
                long start = rec.start();
                Object result;
                boolean failedResult;
                try {
                    result = fn.apply(input);
                    failedResult = rec.isFailure(result, failWhen);
                } catch (Throwable t) {
                    why = rec.failedCall(t, start); // an interrupt or an Error ends the whole call here
                    continue;
                }
                if (failedResult) {
                    why = rec.failedResult(result, start);
                    continue;
                }
                rec.succeeded(start);
                return answers ? Answer.ofCharacterAi(result) : result;
            }
        }
        return FallbackChain.ask(why, FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
    }

    /**
     * The wait before retry number {@code attempt}, or null to stop: no retry past an open or held breaker or an
     * unusable verdict, nor sooner than the failure itself asked (the host's {@code waitFrom}, e.g. a 429's
     * {@code Retry-After}); a failure that asks for longer than the policy's longest wait ends the retries.
     */
    private static Duration retryWait(Guard g, Patience patience, int attempt, FallbackContext last) {
        if (!mayRetry(g)) {
            return null;
        }
        Duration wait = patience.backoff(attempt);
        Duration asked = g.waits.fromFailure(last.exception().orElse(null));
        if (asked != null) {
            if (asked.compareTo(patience.maxBackoff()) > 0) {
                return null;
            }
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return wait;
    }

    private static boolean mayRetry(Guard g) {
        CircuitBreaker.State state = g.breaker.getState();
        return !g.follower.holding && state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN
                && g.latest().health().isUsable();
    }

    /** Waits; an interrupt ends the whole guarded call, with the flag set and no fallback asked. */
    private static void sleep(Patience patience, Duration wait, FallbackContext last) {
        try {
            patience.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CharacterAiUnavailableException unavailable =
                    new CharacterAiUnavailableException(last, last.exception().orElse(null), true);
            unavailable.addSuppressed(e);
            throw unavailable;
        }
    }
}
