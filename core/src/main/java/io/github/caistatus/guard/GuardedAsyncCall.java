package io.github.caistatus.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One guarded asynchronous call: made by {@link Guard#callAsync(Supplier)}, configured, then started once
 * with {@link #getAsync()}. Fallbacks may be synchronous ({@link #fallback}) or asynchronous
 * ({@link #fallbackAsync}), mixed in any order.
 *
 * <pre>{@code
 * CompletionStage<String> reply = guard.callAsync(() -> cai.sendAsync(msg))
 *         .timeout(Duration.ofSeconds(20))              // CALL_TIMED_OUT after 20 s
 *         .fallbackAsync(ctx -> other.sendAsync(msg))
 *         .fallback(Fallbacks.cannedReply())
 *         .getAsync();
 * }</pre>
 *
 * <p><b>Timeouts.</b> A stage that never completes holds its breaker permit until it does. Without
 * {@link #timeout(Duration)}, bounding it is the host's concern (its HTTP client's timeouts). With it, the
 * guard records a timeout failure when the time is up, cancels the stage if it is a
 * {@link java.util.concurrent.Future}, ignores its later outcome, and answers from the fallbacks with
 * {@link FallbackReason#CALL_TIMED_OUT}; the fallbacks then run on the guard's async executor (the common
 * pool unless configured), never on its timer thread.
 *
 * @param <T> the result type
 */
public final class GuardedAsyncCall<T> {

    private final Guard guard;
    private final Supplier<? extends CompletionStage<? extends T>> call;
    private final List<Object> handlers = new ArrayList<>(4);
    private Predicate<? super T> failWhen;
    private Duration timeout;

    GuardedAsyncCall(Guard guard, Supplier<? extends CompletionStage<? extends T>> call) {
        this.guard = guard;
        this.call = Objects.requireNonNull(call, "call");
    }

    /**
     * Adds a synchronous fallback.
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
     * @param isFailure judges a result
     * @return this call
     */
    public GuardedAsyncCall<T> failWhen(Predicate<? super T> isFailure) {
        this.failWhen = Objects.requireNonNull(isFailure, "isFailure");
        return this;
    }

    /**
     * Gives the call at most {@code timeout} to complete; after that it counts as failed
     * ({@link FallbackReason#CALL_TIMED_OUT}) and the fallbacks answer.
     *
     * @param timeout a positive duration
     * @return this call
     */
    public GuardedAsyncCall<T> timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Starts the call through the breaker, or the fallbacks when it is refused or fails. Never throws for
     * a failed call: the returned stage completes with the result, a fallback's answer, or
     * {@link CharacterAiUnavailableException}.
     *
     * @return the answer's stage
     * @throws IllegalStateException if a timeout is set and the guard is closed
     */
    public CompletionStage<T> getAsync() {
        Guard g = guard;
        if (timeout != null && g.isClosed()) {
            throw new IllegalStateException("the guard is closed: no timeouts can be scheduled");
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        AsyncFallbacks<T> fallbacks = new AsyncFallbacks<>(handlers.toArray(), out);
        FallbackContext held = g.holding ? g.heldRefusal() : null;
        boolean trial = held == Guard.TRIAL;
        if (held != null && !trial) {
            fallbacks.start(held);
            return out;
        }
        if (!trial && !g.permit()) {
            fallbacks.start(g.refused());
            return out;
        }
        long start = g.start();
        CompletionStage<? extends T> stage;
        try {
            stage = call.get();
            Objects.requireNonNull(stage, "the guarded call returned a null stage");
        } catch (Throwable t) {
            FallbackContext context;
            try {
                context = g.failedCall(t, start);
            } catch (RuntimeException | Error e) {
                out.completeExceptionally(e); // interrupted or an Error: the permit is already released
                return out;
            } finally {
                if (trial) {
                    g.trialEnded(false);
                }
            }
            fallbacks.start(context);
            return out;
        }
        AsyncAttempt<T> attempt = new AsyncAttempt<>(g, start, failWhen, stage, fallbacks, timeout, trial);
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
}
