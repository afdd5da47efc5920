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
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One permitted asynchronous call in flight. The stage's completion and the timeout race for the flag;
 * whichever wins records the outcome, so the call is recorded exactly once.
 */
final class AsyncAttempt<T> extends AtomicBoolean implements BiConsumer<T, Throwable>, Runnable, StallWatch.Waiting {

    private static final long serialVersionUID = 1L;
    /** Who gives the caller its answer: the call's outcome (or timeout), or a stall first. Taken once. */
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<AsyncAttempt> ANSWER =
            AtomicIntegerFieldUpdater.newUpdater(AsyncAttempt.class, "answerTaken");

    private final transient Guard guard;
    private final long start;
    private final transient Predicate<? super T> failWhen;
    private final transient CompletionStage<? extends T> stage;
    private final transient AsyncFallbacks<T> fallbacks;
    private final transient Duration timeout;
    /** Whether this call is the guard's trial while the breaker is held open. */
    private final boolean trial;
    transient volatile ScheduledFuture<?> timeoutTask;
    private volatile int answerTaken;
    /** Stall detection, when on: the call's slot and start; written before the stage can complete. */
    private transient StallWatch watch;
    private int slot = -1;
    private long watchStart;

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

    /** Puts this call in a slot of the stall watch, so that a stall can answer its caller at once. */
    void watch(StallWatch w, long start, boolean stallTrial) {
        this.watch = w;
        this.watchStart = start;
        this.slot = w.enter(start, this);
        if (stallTrial) {
            w.trialIn(slot);
        }
    }

    /** Ends the guard's trial, if this call is one, once its outcome is recorded; frees the stall watch's slot. */
    private void endTrial(boolean success) {
        if (trial) {
            guard.follower.trialEnded(success);
        }
        StallWatch w = watch;
        if (w != null) {
            w.exit(slot, watchStart, success);
        }
    }

    /** Whether the caller still waits for its answer; true once, for whoever gives it. */
    private boolean takeAnswer() {
        return ANSWER.compareAndSet(this, 0, 1);
    }

    /**
     * A stall is declared while this call is in flight: the caller is answered by the fallbacks now (on the guard's
     * async executor, not the timer thread); the call runs on, and its outcome is still recorded when it comes.
     */
    @Override
    public void stalled(FallbackContext context) {
        if (get() || !takeAnswer()) {
            return;
        }
        fallbacks.prepare(context);
        try {
            guard.asyncExecutor().execute(() -> fallbacks.start(context));
        } catch (RejectedExecutionException e) {
            fallbacks.start(context);
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
                if (takeAnswer()) {
                    fallbacks.fail(cause);
                }
                return;
            }
            FallbackContext context = guard.recorder.failedStage(cause, start);
            endTrial(false);
            if (!takeAnswer()) {
                return; // a stall answered the caller already; the outcome is recorded all the same
            }
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
            if (takeAnswer()) {
                fallbacks.start(context);
            }
            return;
        }
        if (failed) {
            FallbackContext context = guard.recorder.failedResult(result, start);
            endTrial(false);
            if (takeAnswer()) {
                fallbacks.start(context);
            }
            return;
        }
        guard.recorder.succeeded(start);
        endTrial(true);
        if (takeAnswer()) {
            fallbacks.answer(result);
        }
    }

    /** The timeout fired. */
    @Override
    public void run() {
        if (!compareAndSet(false, true)) {
            return;
        }
        FallbackContext context = guard.recorder.timedOut(new TimeoutException("no answer within " + timeout), start);
        endTrial(false);
        boolean answer = takeAnswer();
        if (stage instanceof Future) {
            try {
                ((Future<?>) stage).cancel(true); // its late completion loses the race above and is ignored
            } catch (RuntimeException e) {
                // a stage that refuses cancellation (e.g. minimalCompletionStage()) simply runs on, ignored
            }
        }
        if (!answer) {
            return; // a stall answered the caller already
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
