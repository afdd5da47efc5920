package io.github.caistatus.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One guarded asynchronous call: made by {@link Guard#callAsync(Supplier)}, configured, then started once
 * with {@link #getAsync()}. Fallbacks may be synchronous ({@link #fallback}) or asynchronous
 * ({@link #fallbackAsync}), mixed in any order.
 *
 * <pre>{@code
 * CompletionStage<String> reply = guard.callAsync(() -> cai.sendAsync(msg))
 *         .timeout(Duration.ofSeconds(20), Duration.ofSeconds(30)) // CALL_TIMED_OUT after 20 s; an answer in 30 s
 *         .fallbackAsync(ctx -> other.sendAsync(msg))
 *         .fallback(Fallbacks.cannedReply())
 *         .getAsync();
 * }</pre>
 *
 * <p><b>Timeouts.</b> A stage that never completes holds its breaker permit until it does. Without a
 * {@linkplain #timeout(Duration, Duration) timeout}, bounding it (and the fallbacks) is the host's concern (its
 * HTTP client's timeouts). With one, the guard records a timeout failure when the call's time is up, cancels the
 * stage if it is a {@link java.util.concurrent.Future}, ignores its later outcome, and answers from the fallbacks
 * with {@link FallbackReason#CALL_TIMED_OUT}; the fallbacks then run on the guard's async executor (a bounded
 * pool of named daemon threads unless the host set one), never on its timer thread. And the whole call,
 * fallbacks included, has an answer within the whole-call bound: when that is up, an asynchronous fallback
 * still running is cancelled, a synchronous one is no longer waited for, the fallbacks not yet tried are
 * skipped, and the stage completes with {@link CharacterAiUnavailableException} (a
 * {@link java.util.concurrent.TimeoutException} suppressed). That completion runs on the guard's timer thread:
 * put blocking work after it in an {@code ...Async} stage.
 *
 * @param <T> the result type
 */
public final class GuardedAsyncCall<T> {

    private final Guard guard;
    private final Supplier<? extends CompletionStage<? extends T>> call;
    private final List<Object> handlers = new ArrayList<>(4);
    private Predicate<? super T> failWhen;
    private Duration timeout;
    private Duration whole;

    GuardedAsyncCall(Guard guard, Supplier<? extends CompletionStage<? extends T>> call) {
        this.guard = guard;
        this.call = Objects.requireNonNull(call, "call");
    }

    /**
     * Adds a synchronous fallback.
     *
     * <pre>{@code
     * guard.callAsync(() -> cai.sendAsync(msg)).fallback(Fallbacks.cannedReply()).getAsync();
     * }</pre>
     *
     * @param handler the fallback
     * @return this call
     */
    public GuardedAsyncCall<T> fallback(Fallback<? extends T> handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Adds an asynchronous fallback: its stage failing passes the turn to the next fallback.
     *
     * <pre>{@code
     * guard.callAsync(() -> cai.sendAsync(msg)).fallbackAsync(ctx -> other.sendAsync(msg)).getAsync();
     * }</pre>
     *
     * @param handler the fallback
     * @return this call
     */
    public GuardedAsyncCall<T> fallbackAsync(AsyncFallback<? extends T> handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Counts a normal result as a failure when the predicate says so.
     *
     * <pre>{@code
     * guard.callAsync(() -> cai.sendAsync(msg)).failWhen(String::isBlank).fallback(ctx -> "...").getAsync();
     * }</pre>
     *
     * @param isFailure judges a result
     * @return this call
     */
    public GuardedAsyncCall<T> failWhen(Predicate<? super T> isFailure) {
        this.failWhen = Objects.requireNonNull(isFailure, "isFailure");
        return this;
    }

    /**
     * Gives the call at most {@code timeout} to complete; after that it counts as failed
     * ({@link FallbackReason#CALL_TIMED_OUT}) and the fallbacks answer. The fallbacks get as long again: the
     * whole guarded call has its answer within twice {@code timeout}, see {@link #timeout(Duration, Duration)}.
     *
     * <pre>{@code
     * guard.callAsync(() -> cai.sendAsync(msg)).timeout(Duration.ofSeconds(20)).fallback(ctx -> "...").getAsync();
     * }</pre>
     *
     * @param timeout a positive duration
     * @return this call
     */
    public GuardedAsyncCall<T> timeout(Duration timeout) {
        return timeout(timeout, requirePositive(timeout, "timeout").multipliedBy(2));
    }

    /**
     * Gives the call at most {@code call} to complete (then it counts as failed,
     * {@link FallbackReason#CALL_TIMED_OUT}, and the fallbacks answer), and the whole guarded call, fallbacks
     * included, at most {@code whole}: a call that runs out of time and fallbacks completes with
     * {@link CharacterAiUnavailableException}.
     *
     * <pre>{@code
     * guard.callAsync(() -> cai.sendAsync(msg))
     *      .timeout(Duration.ofSeconds(10), Duration.ofSeconds(15))  // the other provider gets what is left
     *      .fallbackAsync(ctx -> other.sendAsync(msg))
     *      .getAsync();
     * }</pre>
     *
     * @param call  the call's own bound, positive
     * @param whole the whole call's bound, not shorter than {@code call}
     * @return this call
     */
    public GuardedAsyncCall<T> timeout(Duration call, Duration whole) {
        requirePositive(call, "call timeout");
        requirePositive(whole, "whole-call timeout");
        if (whole.compareTo(call) < 0) {
            throw new IllegalArgumentException("the whole call's timeout " + whole + " is shorter than the call's "
                    + call);
        }
        this.timeout = call;
        this.whole = whole;
        return this;
    }

    private static Duration requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /**
     * Starts the call through the breaker, or the fallbacks when it is refused or fails. Never throws for
     * a failed call: the returned stage completes with the result, a fallback's answer, or
     * {@link CharacterAiUnavailableException}.
     *
     * @return the answer's stage
     * @throws IllegalStateException if a timeout is set and the guard is closed
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<T> getAsync() {
        return (CompletionStage<T>) start(false);
    }

    /**
     * Starts the call like {@link #getAsync()}; its stage completes with an {@link Answer} that says who answered
     * (Character.AI, or which fallback) and why.
     *
     * <pre>{@code
     * guard.callAsync(() -> cai.sendAsync(msg))
     *      .fallback(Fallbacks.cannedReply())
     *      .answerAsync()
     *      .thenAccept(a -> show(a.value(), a.fromCharacterAi()));
     * }</pre>
     *
     * @return the answer's stage
     * @throws IllegalStateException if a timeout is set and the guard is closed
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<Answer<T>> answerAsync() {
        return (CompletionStage<Answer<T>>) start(true);
    }

    /** Starts the call; the stage completes with the value, or with an {@link Answer} when {@code answers}. */
    private CompletionStage<?> start(boolean answers) {
        Guard g = guard;
        if (timeout != null && g.isClosed()) {
            throw new IllegalStateException("the guard is closed: no timeouts can be scheduled");
        }
        CompletableFuture<Object> out = new CompletableFuture<>();
        AsyncFallbacks<T> fallbacks = new AsyncFallbacks<>(handlers.toArray(), out, answers);
        if (timeout != null) {
            bound(g, fallbacks, out);
        }
        FallbackContext held = g.follower.holding ? g.heldRefusal() : null;
        boolean trial = held == Guard.TRIAL;
        if (held != null && !trial) {
            fallbacks.start(held);
            return out;
        }
        StallWatch watch = g.stall;
        boolean stallTrial = false;
        if (watch != null && !trial && watch.stalled) {
            if (!watch.startTrial()) {
                g.recorder.shortCircuited.increment();
                fallbacks.start(watch.refusal());
                return out;
            }
            stallTrial = true;
        }
        if (!trial && !g.permit()) {
            if (stallTrial) {
                watch.trialNotMade();
            }
            fallbacks.start(g.refused());
            return out;
        }
        if (stallTrial) {
            g.recorder.trials.increment();
        }
        long start = g.recorder.start();
        long watchStart = watch != null ? watch.now() : 0L;
        CompletionStage<? extends T> stage;
        try {
            stage = call.get();
            Objects.requireNonNull(stage, "the guarded call returned a null stage");
        } catch (Throwable t) {
            FallbackContext context;
            try {
                context = g.recorder.failedCall(t, start);
            } catch (RuntimeException | Error e) {
                out.completeExceptionally(e); // interrupted or an Error: the permit is already released
                return out;
            } finally {
                if (trial) {
                    g.follower.trialEnded(false);
                }
                if (stallTrial) {
                    watch.trialNotMade();
                }
            }
            fallbacks.start(context);
            return out;
        }
        AsyncAttempt<T> attempt = new AsyncAttempt<>(g, start, failWhen, stage, fallbacks, timeout, trial);
        if (watch != null) {
            attempt.watch(watch, watchStart, stallTrial); // before the stage's completion can end it
        }
        if (timeout != null) {
            try {
                attempt.timeoutTask = g.schedule(attempt, timeout);
            } catch (RuntimeException e) {
                // closed between the check and now: finish without a timeout rather than leak the permit
                attempt.timeoutTask = null;
            }
        }
        stage.whenComplete(attempt);
        return out;
    }

    /** Schedules the whole call's deadline, cancelled as soon as the call has its answer. */
    private void bound(Guard g, AsyncFallbacks<T> fallbacks, CompletableFuture<Object> out) {
        Duration w = whole;
        ScheduledFuture<?> task;
        try {
            task = g.schedule(() -> fallbacks.expire(w, new FallbackContext(g.waits, FallbackReason.CALL_TIMED_OUT,
                    g.latest(), new TimeoutException("no answer within " + w))), w);
        } catch (RuntimeException closedMeanwhile) {
            return; // closed between the check and now: the call's own outcome still completes it
        }
        out.whenComplete((r, e) -> task.cancel(false));
    }
}
