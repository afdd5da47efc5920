package io.github.caistatus.monitor;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The monitor's probes and their threads: one round asks every probe concurrently (each at most once in flight,
 * see {@link ProbeSlot}), bounded by the probe deadline, on at most one thread per probe
 * ({@code cai-status-probe-<id>-<n>}, ended when idle).
 */
final class ProbeRound {

    /** One round's signals, which of them are replays, and whether fresh news of recovery ended holds of bad news. */
    record Result(List<Signal> signals, Set<String> replayed, boolean holdsEnded) {
    }

    private final List<ProbeSlot> slots;
    private final ThreadPoolExecutor threads;
    private final Duration deadline;
    /** The health each probe last observed (fresh signals only); only touched on the monitor's thread. */
    private final Map<String, Health> lastHealth = new HashMap<>();

    ProbeRound(List<RoledProbe> probes, Clock clock, MonitorConfig config, int id) {
        List<ProbeSlot> s = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Duration maxHold = Monitor.longestHold(config);
        for (RoledProbe p : probes) {
            String name = p.probe().name();
            if (!names.add(name)) {
                throw new IllegalArgumentException("two probes are named \"" + name + "\"");
            }
            s.add(new ProbeSlot(p.probe(), p.role(), clock, maxHold));
        }
        this.slots = List.copyOf(s);
        this.deadline = config.probeDeadline();
        int n = Math.max(1, slots.size());
        this.threads = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("cai-status-probe-" + id, true));
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Asks every probe (or joins its observation in flight); each answer bounded by the deadline. */
    List<CompletableFuture<ProbeSlot.Observation>> start(ScheduledExecutorService timer) {
        List<CompletableFuture<ProbeSlot.Observation>> parts = new ArrayList<>(slots.size());
        for (ProbeSlot slot : slots) {
            parts.add(bounded(slot, timer));
        }
        return parts;
    }

    /**
     * On the monitor's thread: the round's answers, all complete. Fresh news that a source sees the service
     * operational again (not a standing opinion: a lagging page that says "operational" at every check must not
     * end the others' holds at every check) ends the holds of bad news, reported as {@code holdsEnded}.
     */
    Result collect(List<CompletableFuture<ProbeSlot.Observation>> parts) {
        List<Signal> signals = new ArrayList<>(parts.size());
        Set<String> replayed = new HashSet<>();
        boolean goodNews = false;
        for (CompletableFuture<ProbeSlot.Observation> p : parts) {
            ProbeSlot.Observation o = p.join();
            Signal s = o.signal();
            signals.add(s);
            if (!o.fresh()) {
                replayed.add(s.probe());
            } else {
                Health before = lastHealth.put(s.probe(), s.health());
                if (s.health() == Health.OPERATIONAL && before != null && before != Health.OPERATIONAL
                        && s.role() != ProbeRole.CONTROL) {
                    goodNews = true;
                }
            }
        }
        return new Result(signals, replayed, goodNews && endHoldsOfBadNews());
    }

    /** Ends every probe's {@code Retry-After} hold. */
    void releaseAll() {
        for (ProbeSlot slot : slots) {
            slot.release();
        }
    }

    /** Ends the hold of every probe whose last word was bad news; true if there was one. */
    private boolean endHoldsOfBadNews() {
        boolean any = false;
        for (ProbeSlot slot : slots) {
            if (slot.isHoldingBadNews()) {
                any |= slot.release();
            }
        }
        return any;
    }

    void shutdownNow() {
        threads.shutdownNow();
    }

    void awaitTermination(long seconds) throws InterruptedException {
        threads.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** The slot's observation, replaced by an "overdue" signal if it takes longer than the probe deadline. */
    private CompletableFuture<ProbeSlot.Observation> bounded(ProbeSlot slot, ScheduledExecutorService timer) {
        CompletableFuture<ProbeSlot.Observation> observed = slot.observe(threads);
        if (observed.isDone()) {
            return observed;
        }
        CompletableFuture<ProbeSlot.Observation> result = new CompletableFuture<>();
        observed.whenComplete((s, e) -> result.complete(s != null ? s : slot.overdue(deadline)));
        try {
            ScheduledFuture<?> t = timer.schedule(() -> result.complete(slot.overdue(deadline)),
                    deadline.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((s, e) -> t.cancel(false));
        } catch (RejectedExecutionException closedMeanwhile) {
            result.complete(slot.overdue(Duration.ZERO));
        }
        return result;
    }
}
