package io.github.caistatus.guard;

import io.github.caistatus.internal.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a guard's asynchronous calls, each started on first use: one timer thread for timeouts, and
 * where fallbacks run after a timeout (the host's executor, or a bounded pool of the guard's own).
 */
final class AsyncExecutors {

    /** The host's executor for fallbacks after a timeout, or null for {@link #ownFallbackThreads}. */
    private final Executor hostExecutor;
    private final Object lock = new Object();
    private volatile boolean closed;
    /** Created on the first timed async call; guarded by {@code lock}. */
    private ScheduledExecutorService timer;
    /** Created when first needed, if the host gave no executor; guarded by {@code lock}. */
    private ThreadPoolExecutor ownFallbackThreads;
    /** Created on the first synchronous call that stall detection may answer early; guarded by {@code lock}. */
    private ThreadPoolExecutor callThreads;

    AsyncExecutors(Executor hostExecutor) {
        this.hostExecutor = hostExecutor;
    }

    /** Where fallbacks after a timeout run: the host's executor, or the guard's own bounded daemon pool. */
    Executor fallbacks() {
        if (hostExecutor != null) {
            return hostExecutor;
        }
        synchronized (lock) {
            if (ownFallbackThreads == null) {
                if (closed) {
                    throw new RejectedExecutionException("the guard is closed");
                }
                ThreadPoolExecutor pool = new ThreadPoolExecutor(Guard.FALLBACK_THREADS, Guard.FALLBACK_THREADS, 30,
                        TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        new DaemonThreads("cai-status-guard-fallback", true));
                pool.allowCoreThreadTimeOut(true);
                ownFallbackThreads = pool;
            }
            return ownFallbackThreads;
        }
    }

    /**
     * Where synchronous calls run when stall detection answers their waiting callers: at most
     * {@value Guard#CALL_THREADS} named daemon threads, no queue (a call finding them all busy is refused, and runs on
     * its caller's thread).
     */
    Executor calls() {
        synchronized (lock) {
            if (callThreads == null) {
                if (closed) {
                    throw new RejectedExecutionException("the guard is closed");
                }
                callThreads = new ThreadPoolExecutor(0, Guard.CALL_THREADS, 30, TimeUnit.SECONDS,
                        new SynchronousQueue<>(), new DaemonThreads("cai-status-guard-call", true));
            }
            return callThreads;
        }
    }

    boolean isClosed() {
        return closed;
    }

    ScheduledFuture<?> schedule(Runnable task, Duration after) {
        ScheduledExecutorService t;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the guard is closed: no timeouts can be scheduled");
            }
            if (timer == null) {
                ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread thread = new Thread(r, "cai-status-guard-timeout");
                    thread.setDaemon(true);
                    return thread;
                });
                executor.setRemoveOnCancelPolicy(true);
                timer = executor;
            }
            t = timer;
        }
        return t.schedule(task, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops both, once the work already handed to them is done; no new timeouts after this. */
    void close() {
        ScheduledExecutorService t;
        ThreadPoolExecutor f;
        ThreadPoolExecutor c;
        synchronized (lock) {
            closed = true;
            c = callThreads;
            callThreads = null;
            t = timer;
            timer = null;
            f = ownFallbackThreads;
            ownFallbackThreads = null;
        }
        if (t != null) {
            t.shutdown(); // timeouts already scheduled still fire, so no call in flight is left pending; then it ends
        }
        if (f != null) {
            f.shutdown(); // fallbacks already handed over still answer; idle threads end at once
        }
        if (c != null) {
            c.shutdown(); // calls still running end on their own (bounded by the host's timeouts); idle threads at once
        }
    }
}
