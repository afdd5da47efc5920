package io.github.caistatus.guard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Tries the fallbacks of an asynchronous call in order, each after the previous one failed; with a deadline
 * ({@link #expire}), gives up on the fallback still running when the time for the whole call is up.
 */
final class AsyncFallbacks<T> {

    private final Object[] handlers;
    /** Completed with the value, or with an {@link Answer} when {@link #answers}. */
    private final CompletableFuture<Object> out;
    private final boolean answers;
    // Written by one step at a time, read by the deadline on the timer thread: guarded by this.
    private final Throwable[] failures;
    private int failed;
    /** The context the fallbacks are (or will be) given; null while the call itself is still running. */
    private FallbackContext context;
    /** The stage of the asynchronous fallback in flight, cancelled when the deadline passes. */
    private CompletionStage<?> pending;
    /** Set when the whole call's time is up: no fallback is asked any more. */
    private volatile boolean expired;

    AsyncFallbacks(Object[] handlers, CompletableFuture<Object> out, boolean answers) {
        this.handlers = handlers;
        this.out = out;
        this.answers = answers;
        this.failures = new Throwable[handlers.length];
    }

    /** Character.AI answered. */
    void answer(T result) {
        out.complete(answers ? Answer.ofCharacterAi(result) : result);
    }

    private void answered(Object value, int index, FallbackContext why) {
        why.countAnswer(index);
        out.complete(answers ? Answer.ofFallback(value, index, why) : value);
    }

    void fail(Throwable error) {
        out.completeExceptionally(error);
    }

    /** Says why the fallbacks will be asked, before they are handed to another thread. */
    synchronized void prepare(FallbackContext why) {
        this.context = why;
    }

    void start(FallbackContext why) {
        prepare(why);
        next(why, 0);
    }

    /**
     * The time for the whole call is up: unless it has its answer, it completes with
     * {@link CharacterAiUnavailableException} (a {@link TimeoutException} suppressed), and the asynchronous
     * fallback in flight is cancelled. A synchronous fallback still running cannot be stopped; its answer is
     * ignored. Runs on the guard's timer thread.
     *
     * @param whole      the time the whole call had
     * @param ifNotAsked the context to report if the fallbacks were not asked yet
     */
    void expire(Duration whole, FallbackContext ifNotAsked) {
        if (out.isDone()) {
            return;
        }
        CharacterAiUnavailableException e;
        CompletionStage<?> inFlight;
        synchronized (this) {
            expired = true;
            e = FallbackChain.unavailable(context != null ? context : ifNotAsked, failures, failed, false);
            inFlight = pending;
        }
        e.addSuppressed(new TimeoutException("no answer within " + whole + ", fallbacks included"));
        // cancelled before the answer is given, so whoever sees the answer sees the fallback given up on
        if (inFlight instanceof Future) {
            try {
                ((Future<?>) inFlight).cancel(true);
            } catch (RuntimeException ignored) {
                // a stage that refuses cancellation runs on; its answer is ignored
            }
        }
        out.completeExceptionally(e);
    }

    private synchronized void failed(Throwable t) {
        failures[failed++] = t;
    }

    private synchronized CharacterAiUnavailableException unavailable(FallbackContext why, boolean interrupted) {
        return FallbackChain.unavailable(why, failures, failed, interrupted);
    }

    private synchronized void pending(CompletionStage<?> stage) {
        this.pending = stage;
    }

    @SuppressWarnings("unchecked")
    private void next(FallbackContext why, int from) {
        for (int i = from; i < handlers.length; i++) {
            if (expired || out.isDone()) {
                return; // out of time: the later fallbacks are not asked
            }
            Object handler = handlers[i];
            try {
                if (handler instanceof AsyncFallback) {
                    CompletionStage<? extends T> stage = ((AsyncFallback<? extends T>) handler).apply(why);
                    if (stage == null) {
                        throw new NullPointerException("an async fallback returned a null stage");
                    }
                    pending(stage);
                    int index = i;
                    stage.whenComplete((result, error) -> {
                        pending(null);
                        if (error == null) {
                            answered(result, index, why);
                        } else {
                            failed(AsyncAttempt.unwrap(error));
                            next(why, index + 1);
                        }
                    });
                    return;
                }
                answered(((Fallback<? extends T>) handler).apply(why), i, why);
                return;
            } catch (Throwable t) {
                if (t instanceof Error) {
                    out.completeExceptionally(t);
                    return;
                }
                failed(t);
                if (Failures.isInterruption(t, true)) {
                    Thread.currentThread().interrupt();
                    out.completeExceptionally(unavailable(why, true));
                    return;
                }
            }
        }
        out.completeExceptionally(unavailable(why, false));
    }
}
