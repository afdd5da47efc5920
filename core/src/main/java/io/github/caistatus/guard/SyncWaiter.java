package io.github.caistatus.guard;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A synchronous call run on the guard's call threads while its caller waits: the caller takes the outcome, or is
 * answered by a stall first; then this thread records the call's outcome itself when it comes, so it still counts.
 */
final class SyncWaiter implements Runnable, StallWatch.Waiting {

    static final int PENDING = 0;
    static final int DONE = 1;
    static final int STALLED = 2;
    static final int ABANDONED = 3;

    private final Guard guard;
    private final StallWatch watch;
    private final Function<Object, ?> fn;
    private final Object input;
    private final Predicate<Object> failWhen;
    private final long recStart;
    private final long start;
    /** Written by the caller before the call is handed over. */
    int slot = -1;

    // guarded by this
    private int state = PENDING;
    private boolean inline;
    private Thread worker;
    private Object result;
    private Throwable error;
    private FallbackContext context;

    SyncWaiter(Guard guard, StallWatch watch, Function<Object, ?> fn, Object input, Predicate<Object> failWhen,
               long recStart, long start) {
        this.guard = guard;
        this.watch = watch;
        this.fn = fn;
        this.input = input;
        this.failWhen = failWhen;
        this.recStart = recStart;
        this.start = start;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (state == ABANDONED) {
                late(null, new InterruptedException("the caller stopped waiting before the call started"));
                return;
            }
            worker = Thread.currentThread();
        }
        Object r = null;
        Throwable t = null;
        try {
            r = fn.apply(input);
        } catch (Throwable e) {
            t = e;
        }
        synchronized (this) {
            worker = null;
            if (state == PENDING) {
                state = DONE;
                result = r;
                error = t;
                notifyAll();
                return;
            }
        }
        late(r, t);
    }

    /** Runs the call on the caller's thread: no stall can answer it early then. */
    void runHere() {
        synchronized (this) {
            inline = true;
        }
        run();
    }

    @Override
    public void stalled(FallbackContext why) {
        synchronized (this) {
            if (state == PENDING && !inline) {
                state = STALLED;
                context = why;
                notifyAll();
            }
        }
    }

    synchronized int await() throws InterruptedException {
        while (state == PENDING) {
            wait();
        }
        return state;
    }

    /** The caller was interrupted: stops waiting, interrupts the call; returns the state it ends in. */
    synchronized int abandon() {
        if (state == PENDING) {
            state = ABANDONED;
            if (worker != null) {
                worker.interrupt();
            }
        }
        return state;
    }

    synchronized Object result() {
        return result;
    }

    synchronized Throwable error() {
        return error;
    }

    synchronized FallbackContext stalledContext() {
        return context;
    }

    /** The caller no longer waits: records the outcome here, exactly once, and frees the slot. */
    private void late(Object r, Throwable t) {
        CallRecorder rec = guard.recorder;
        boolean success = false;
        try {
            if (t != null) {
                rec.failedStage(t, recStart); // an interruption or an Error is released, not recorded
            } else {
                boolean failed;
                try {
                    failed = rec.isFailure(r, failWhen);
                } catch (RuntimeException e) {
                    rec.failedStage(e, recStart);
                    return;
                }
                if (failed) {
                    rec.failedResult(r, recStart);
                } else {
                    rec.succeeded(recStart);
                    success = true;
                }
            }
        } finally {
            watch.exit(slot, start, success);
        }
    }
}
