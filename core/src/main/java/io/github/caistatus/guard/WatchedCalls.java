package io.github.caistatus.guard;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A synchronous guarded call while stall detection is on: the run path of {@link Guard#run} with the call's start
 * in a slot of the {@link StallWatch}, refused while a stall holds (but for one trial at a time), and, when the host
 * asked for it, run on the guard's own threads so that its waiting caller can be answered by the fallbacks.
 */
final class WatchedCalls {

    private WatchedCalls() {
    }

    static Object run(Guard g, StallWatch w, Function<Object, ?> fn, Object input, Predicate<Object> failWhen,
                      Patience patience, boolean answers, Object f0, Object f1, Object f2, Object[] more, int count) {
        boolean trial = false;
        if (w.stalled) {
            if (!w.startTrial()) {
                g.recorder.shortCircuited.increment();
                return FallbackChain.ask(w.refusal(), FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
            }
            trial = true;
        }
        if (!g.permit()) {
            if (trial) {
                w.trialNotMade();
            }
            return FallbackChain.ask(g.refused(), FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
        }
        CallRecorder rec = g.recorder;
        if (trial) {
            rec.trials.increment();
        }
        long recStart = rec.start();
        long start = w.now();
        if (w.config.answerWaitingSyncCalls()) {
            return offloaded(g, w, trial, recStart, start, fn, input, failWhen, patience, answers, f0, f1, f2, more,
                    count);
        }
        int slot = w.enter(start, null);
        if (trial) {
            w.trialIn(slot);
        }
        Object result;
        boolean failedResult;
        try {
            result = fn.apply(input);
            failedResult = rec.isFailure(result, failWhen);
        } catch (Throwable t) {
            w.exit(slot, start, false);
            return ExtraAttempts.afterFailure(g, rec.failedCall(t, recStart), fn, input, failWhen, patience, answers,
                    f0, f1, f2, more, count);
        }
        return outcome(g, w, slot, recStart, start, result, failedResult, fn, input, failWhen, patience, answers,
                f0, f1, f2, more, count);
    }

    private static Object outcome(Guard g, StallWatch w, int slot, long recStart, long start, Object result,
                                  boolean failedResult, Function<Object, ?> fn, Object input,
                                  Predicate<Object> failWhen, Patience patience, boolean answers,
                                  Object f0, Object f1, Object f2, Object[] more, int count) {
        CallRecorder rec = g.recorder;
        if (failedResult) {
            w.exit(slot, start, false);
            return ExtraAttempts.afterFailure(g, rec.failedResult(result, recStart), fn, input, failWhen, patience,
                    answers, f0, f1, f2, more, count);
        }
        w.exit(slot, start, true);
        rec.succeeded(recStart);
        return answers ? Answer.ofCharacterAi(result) : result;
    }

    /** Runs the call on the guard's call threads and waits for its outcome, or for a stall to answer the caller. */
    private static Object offloaded(Guard g, StallWatch w, boolean trial, long recStart, long start,
                                    Function<Object, ?> fn, Object input, Predicate<Object> failWhen,
                                    Patience patience, boolean answers,
                                    Object f0, Object f1, Object f2, Object[] more, int count) {
        SyncWaiter waiter = new SyncWaiter(g, w, fn, input, failWhen, recStart, start);
        int slot = w.enter(start, waiter);
        waiter.slot = slot;
        if (trial) {
            w.trialIn(slot);
        }
        try {
            g.callThreads().execute(waiter);
        } catch (RejectedExecutionException busyOrClosed) {
            waiter.runHere(); // every call thread busy, or the guard closed: the caller's own thread, as usual
        }
        int state;
        try {
            state = waiter.await();
        } catch (InterruptedException e) {
            state = waiter.abandon();
            Thread.currentThread().interrupt();
            if (state == SyncWaiter.ABANDONED) { // the call is interrupted too, and released when it ends
                throw new CharacterAiUnavailableException(
                        new FallbackContext(g.waits, FallbackReason.CALL_FAILED, g.latest(), e), e, true);
            }
        }
        if (state == SyncWaiter.STALLED) {
            return FallbackChain.ask(waiter.stalledContext(), FallbackChain.inputOf(fn, input), answers,
                    f0, f1, f2, more, count);
        }
        Throwable error = waiter.error();
        Object result = waiter.result();
        boolean failedResult;
        try {
            if (error != null) {
                throw error;
            }
            failedResult = g.recorder.isFailure(result, failWhen);
        } catch (Throwable t) {
            w.exit(slot, start, false);
            return ExtraAttempts.afterFailure(g, g.recorder.failedCall(t, recStart), fn, input, failWhen, patience,
                    answers, f0, f1, f2, more, count);
        }
        return outcome(g, w, slot, recStart, start, result, failedResult, fn, input, failWhen, patience, answers,
                f0, f1, f2, more, count);
    }
}
