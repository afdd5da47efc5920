package io.github.caistatus.guard;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One permitted asynchronous call in flight. The stage's completion and the timeout race for the flag;
 * whichever wins records the outcome, so the call is recorded exactly once.
 */
final class AsyncAttempt<T> extends AtomicBoolean implements BiConsumer<T, Throwable>, Runnable {

    private static final long serialVersionUID = 1L;

    private final transient Guard guard;
    private final long start;
    private final transient Predicate<? super T> failWhen;
    private final transient CompletionStage<? extends T> stage;
    private final transient AsyncFallbacks<T> fallbacks;
    private final transient Duration timeout;
    /** Whether this call is the guard's trial while the breaker is held open. */
    private final boolean trial;
    transient volatile ScheduledFuture<?> timeoutTask;

    AsyncAttempt(Guard guard, long start, Predicate<? super T> failWhen, CompletionStage<? extends T> stage,
                 AsyncFallbacks<T> fallbacks, Duration timeout, boolean trial) {
        this.guard = guard;
        this.start = start;
        this.failWhen = failWhen;
        this.stage = stage;
        this.fallbacks = fallbacks;
        this.timeout = timeout;
        this.trial = trial;
    }

    /** Ends the guard's trial, if this call is one, once its outcome is recorded. */
    private void endTrial(boolean success) {
        if (trial) {
            guard.follower.trialEnded(success);
        }
    }

    /** The stage completed. */
    @Override
    public void accept(T result, Throwable error) {
        if (!compareAndSet(false, true)) {
            return; // the timeout already recorded this call
        }
        ScheduledFuture<?> task = timeoutTask;
        if (task != null) {
            task.cancel(false);
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            if (cause instanceof CancellationException) {
                // cancelled by the host: not Character.AI's doing, and the host no longer wants an answer
                guard.recorder.released();
                endTrial(false);
                fallbacks.fail(cause);
                return;
            }
            FallbackContext context = guard.recorder.failedStage(cause, start);
            endTrial(false);
            if (context == null) { // interrupted or an Error: released, not recorded, no fallbacks
                fallbacks.fail(cause instanceof Error ? cause : new CharacterAiUnavailableException(
                        new FallbackContext(guard.waits, FallbackReason.CALL_FAILED, guard.latest(), cause), cause, true));
                return;
            }
            fallbacks.start(context);
            return;
        }
        boolean failed;
        try {
            failed = guard.recorder.isFailure(result, failWhen);
        } catch (RuntimeException e) {
            FallbackContext context = guard.recorder.failedStage(e, start); // a predicate that throws judged it a failure
            endTrial(false);
            fallbacks.start(context);
            return;
        }
        if (failed) {
            FallbackContext context = guard.recorder.failedResult(result, start);
            endTrial(false);
            fallbacks.start(context);
            return;
        }
        guard.recorder.succeeded(start);
        endTrial(true);
        fallbacks.answer(result);
    }

    /** The timeout fired. */
    @Override
    public void run() {
        if (!compareAndSet(false, true)) {
            return;
        }
        FallbackContext context = guard.recorder.timedOut(new TimeoutException("no answer within " + timeout), start);
        endTrial(false);
        if (stage instanceof Future) {
            try {
                ((Future<?>) stage).cancel(true); // its late completion loses the race above and is ignored
            } catch (RuntimeException e) {
                // a stage that refuses cancellation (e.g. minimalCompletionStage()) simply runs on, ignored
            }
        }
        fallbacks.prepare(context); // the call's deadline may pass before the fallbacks' thread starts
        try {
            guard.asyncExecutor().execute(() -> fallbacks.start(context));
        } catch (RejectedExecutionException e) { // closed, or a host's executor that refuses: not left pending
            fallbacks.start(context);
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
