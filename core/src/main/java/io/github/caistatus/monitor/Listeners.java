package io.github.caistatus.monitor;

import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.internal.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of the monitor's verdicts: verdict observers (the guard), told on the monitor's thread as soon as a
 * verdict is published, and status listeners, told of each health transition in order, one listener at a time, on
 * a thread of their own ({@code cai-status-listeners-<id>}, started on the first transition, ended when idle), so
 * that a slow or blocking listener delays only the listeners and transitions after it, never the verdict.
 */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    /** A listener running longer than this is logged (once per monitor). */
    static final Duration SLOW_LISTENER = Duration.ofSeconds(1);

    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StatusSnapshot>> observers = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor thread;
    private final AtomicBoolean slowLogged = new AtomicBoolean();
    /** {@link System#nanoTime()} when the listener now running was called; 0 when none runs. */
    private volatile long since;
    private volatile StatusListener running;

    Listeners(int id) {
        this.thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("cai-status-listeners-" + id, false));
        this.thread.allowCoreThreadTimeOut(true);
    }

    void add(StatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void addObserver(Consumer<StatusSnapshot> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** On the monitor's thread: tells every observer of the verdict just published. */
    void published(StatusSnapshot after) {
        warnIfOneIsSlow();
        for (Consumer<StatusSnapshot> o : observers) {
            try {
                o.accept(after);
            } catch (RuntimeException e) {
                LOG.warn("cai-status: a verdict observer threw; the others are still told", e);
            }
        }
    }

    /** Queues the transition for the listener thread: told in order, one listener at a time. */
    void transition(StatusSnapshot before, StatusSnapshot after) {
        if (listeners.isEmpty() || thread.isShutdown()) {
            return;
        }
        try {
            thread.execute(() -> {
                for (StatusListener l : listeners) {
                    long start = System.nanoTime(); // wall time: a slow listener is slow whatever the clock says
                    since = start;
                    running = l;
                    try {
                        l.onTransition(before, after);
                    } catch (RuntimeException e) {
                        LOG.warn("cai-status: a status listener threw; the others are still told", e);
                    } finally {
                        since = 0;
                        running = null;
                    }
                    logIfSlow(l, System.nanoTime() - start);
                }
            });
        } catch (RejectedExecutionException closedMeanwhile) {
            // closed: nobody is told any more
        }
    }

    /** Stops the listener thread; a listener still running is interrupted. */
    void shutdownNow() {
        thread.shutdownNow();
    }

    void awaitTermination(long seconds) throws InterruptedException {
        thread.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** Notices a listener still running (e.g. blocked) since long before. */
    private void warnIfOneIsSlow() {
        long s = since;
        StatusListener r = running;
        if (s != 0 && r != null) {
            logIfSlow(r, System.nanoTime() - s);
        }
    }

    private void logIfSlow(StatusListener listener, long nanos) {
        if (nanos >= SLOW_LISTENER.toNanos() && slowLogged.compareAndSet(false, true)) {
            LOG.warn("cai-status: the status listener {} took {} ms or more; the listeners after it wait for it"
                    + " (the verdict and the guard do not); this is logged once",
                    listener.getClass().getName(), TimeUnit.NANOSECONDS.toMillis(nanos));
        }
    }
}
