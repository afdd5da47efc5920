package io.github.caistatus.monitor;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.caistatus.history.ObservedIncidents;
import io.github.caistatus.internal.DaemonThreads;
import io.github.caistatus.verdict.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probes, folds their signals into a {@link Verdict}, publishes the snapshot, tells listeners of
 * health transitions and records observed incidents.
 *
 * <p>Threads: one scheduler thread named {@code cai-status-monitor-<id>} (the schedule, the verdict, the
 * observers: everything that changes state runs there, one check at a time, so each transition is seen
 * exactly once), a pool of at most one thread per probe, so that probes run
 * concurrently ({@code cai-status-probe-<id>-<n>}), and one thread that tells the listeners
 * ({@code cai-status-listeners-<id>}, started on the first transition, ended when idle): transitions are told
 * in order, one listener at a time, so a slow or blocking listener delays only the listeners and transitions
 * after it, never the verdict, the observers or {@link #refresh(Duration)}. All are daemons; {@link #close()}
 * stops them.
 *
 * <p>Single flight: a check asked for while one is running joins it; within a check each probe has at most
 * one observation in flight.
 *
 * <p>{@code Retry-After} paces, it does not silence: a probe whose source sent one is not asked again before the
 * wait is over, but that wait is capped at the shortest pause of the unhealthy pace (the unhealthy interval less
 * its jitter) and {@link MonitorConfig#maxRetryAfter()}, so every scheduled check asks afresh and the hold only
 * spares the source the extra checks in between. Meanwhile the probe's previous signal stands in as a replay:
 * the verdict never counts it as a fresh observation. Contrary evidence ends a hold at once: a fresh signal that
 * the service is operational again (the official page back to operational, its maintenance over, the host's
 * own calls succeeding again) while a held probe's last word was bad news, or {@link #checkAfresh()} (the guard calls it when a trial call succeeds).
 *
 * <p>Parts: {@link ProbeRound} asks the probes, {@link Verdict} judges, {@link ObservedIncidents} keeps the
 * observed incident of the log, {@link Listeners} tells observers and listeners; this class schedules, keeps
 * one check in flight, and publishes. The incident log is first read on the monitor's thread, never the caller's.
 *
 * <pre>{@code
 * try (Monitor m = new Monitor(MonitorConfig.defaults(), probes, log, Clock.systemUTC(), Math::random, 1)) {
 *     m.start();
 *     StatusSnapshot now = m.snapshot();
 * }
 * }</pre>
 */
public final class Monitor implements VerdictFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final MonitorConfig config;
    private final ProbeRound probes;
    private final IncidentLog log;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Listeners listeners;
    private final AtomicReference<CompletableFuture<StatusSnapshot>> inFlight = new AtomicReference<>();
    private final AtomicBoolean soonQueued = new AtomicBoolean();
    private final CountDownLatch firstVerdict = new CountDownLatch(1);
    private final AtomicInteger checksStarted = new AtomicInteger();
    private final Object publishLock = new Object();

    private volatile StatusSnapshot snapshot;
    private volatile boolean closed;
    private Verdict verdict; // guarded by publishLock
    private ObservedIncidents observed; // made and touched on the scheduler thread only
    private ScheduledFuture<?> nextTick; // only touched on the scheduler thread
    private volatile Supplier<Optional<Instant>> sharedIncidentStart = Optional::empty;

    /**
     * Creates a monitor whose threads carry the given instance number ({@code cai-status-monitor-<id>},
     * {@code cai-status-probe-<id>-<n>}); nothing runs until {@link #start()} or a request for a check.
     *
     * @param config the pacing
     * @param probes the probes with the roles they were added with, with distinct names
     * @param log    where observed incidents are recorded (first read on the monitor's thread)
     * @param clock  the time source for verdicts and {@code Retry-After}
     * @param random a source of numbers in [0, 1) for the jitter
     * @param id     the instance number in thread names, see {@link DaemonThreads#nextInstanceId()}
     */
    public Monitor(MonitorConfig config, List<RoledProbe> probes, IncidentLog log, Clock clock,
                   DoubleSupplier random, int id) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.probes = new ProbeRound(probes, clock, config, id);
        this.verdict = Verdict.initial(config.hysteresis(), clock.instant());
        this.snapshot = verdict.snapshot();
        this.scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreads("cai-status-monitor-" + id, false));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.listeners = new Listeners(id);
    }

    /**
     * Names observed incidents after a fleet's shared outage start (see
     * {@link ObservedIncidents#ObservedIncidents(IncidentLog, Supplier)}); call before {@link #start()}.
     *
     * @param start when the fleet's current outage began, or empty: a plain read
     */
    public void sharedIncidentStart(Supplier<Optional<Instant>> start) {
        this.sharedIncidentStart = Objects.requireNonNull(start, "start");
    }

    /** Starts the schedule (if {@link MonitorConfig#background()}) with a first check right away. */
    public void start() {
        if (config.background()) {
            submit(this::join);
        }
    }

    /**
     * The latest snapshot: a volatile read.
     *
     * @return the snapshot
     */
    @Override
    public StatusSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Registers a listener, told of every health transition from now on, in order, on the listener thread (one
     * listener at a time; a slow one delays only those after it).
     *
     * @param listener the listener
     */
    public void onChange(StatusListener listener) {
        listeners.add(listener);
    }

    /**
     * Registers an observer of every verdict published (after each check, whether the health changed or not),
     * told on the monitor's thread as soon as the verdict is published (the guard follows the verdict through
     * it): an observer must return at once.
     *
     * @param observer the observer
     */
    @Override
    public void onVerdict(Consumer<StatusSnapshot> observer) {
        listeners.addObserver(observer);
    }

    /**
     * The incident log the monitor records observed incidents in.
     *
     * @return the log
     */
    @Override
    public IncidentLog incidents() {
        return log;
    }

    /**
     * Starts a check, or joins the one running.
     *
     * @return the snapshot after that check (a future of the caller's own: completing or cancelling it does not
     *         affect other callers); completes normally, also when the monitor is closed meanwhile
     */
    public CompletableFuture<StatusSnapshot> check() {
        return join().copy();
    }

    /** The shared future of the running check, starting one if none runs. */
    private CompletableFuture<StatusSnapshot> join() {
        for (;;) {
            if (closed) {
                return CompletableFuture.completedFuture(snapshot);
            }
            CompletableFuture<StatusSnapshot> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<StatusSnapshot> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                run(mine);
                return mine;
            }
        }
    }

    /**
     * Checks now (or joins the running check) and waits for it at most {@code bound}.
     *
     * @param bound the longest wait
     * @return the new snapshot, or the latest one if the check did not finish in time; never throws
     */
    public StatusSnapshot refresh(Duration bound) {
        try {
            return join().get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return snapshot;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return snapshot;
        }
    }

    /**
     * Asks for a check as soon as possible without waiting for it; requests made while one is queued or
     * running are coalesced into it.
     */
    @Override
    public void checkSoon() {
        if (!closed && soonQueued.compareAndSet(false, true)) {
            submit(() -> {
                soonQueued.set(false);
                join();
            });
        }
    }

    /**
     * Ends every probe's {@code Retry-After} hold and asks for a check as soon as possible: for evidence that the
     * service may be back (a trial call succeeded), so that the check asks every source afresh instead of
     * replaying what they said before.
     */
    @Override
    public void checkAfresh() {
        if (closed) {
            return;
        }
        probes.releaseAll();
        checkSoon();
    }

    /**
     * The longest a {@code Retry-After} holds a probe back: the configured cap, and never longer than the
     * shortest pause of the unhealthy pace, so that the next scheduled check always asks afresh.
     */
    static Duration longestHold(MonitorConfig config) {
        Duration shortestPause = Duration.ofNanos((long) (config.unhealthyInterval().toNanos()
                * (1.0 - config.jitter())));
        return shortestPause.compareTo(config.maxRetryAfter()) < 0 ? shortestPause : config.maxRetryAfter();
    }

    /**
     * Waits at most {@code wait} for the first verdict; if none came, the snapshot says so
     * ({@code UNKNOWN / NOT_CHECKED} with the reason).
     *
     * @param wait the longest wait
     * @return true if a first verdict is in
     */
    public boolean awaitFirstVerdict(Duration wait) {
        try {
            if (firstVerdict.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (publishLock) {
            if (verdict.checks() == 0) {
                snapshot = StatusSnapshot.unknown(Cause.NOT_CHECKED,
                        "no verdict within " + wait.toMillis() + " ms: the first check is still running",
                        clock.instant());
            }
        }
        return firstVerdict.getCount() == 0;
    }

    /**
     * The pause before the next scheduled check: the healthy interval while operational with nothing pending,
     * the unhealthy one otherwise, spread by the jitter.
     *
     * @param healthy whether the verdict is operational with no change pending
     * @return the pause
     */
    Duration nextDelay(boolean healthy) {
        Duration base = healthy ? config.healthyInterval() : config.unhealthyInterval();
        double factor = 1.0 + config.jitter() * (2.0 * random.getAsDouble() - 1.0);
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    /**
     * Whether the next scheduled check would come at the healthy pace.
     *
     * @return true while operational with no change pending
     */
    boolean isHealthyPace() {
        synchronized (publishLock) {
            return snapshot.health() == Health.OPERATIONAL && !verdict.isChangePending();
        }
    }

    /**
     * How many checks have been started, for tests of single flight.
     *
     * @return the count
     */
    int checksStarted() {
        return checksStarted.get();
    }

    /**
     * Stops the schedule and every thread of the monitor; idempotent. The last snapshot stays readable;
     * a check still running completes with it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        firstVerdict.countDown(); // nobody waits for a first verdict that will not come
        scheduler.shutdownNow();
        probes.shutdownNow();
        listeners.shutdownNow();
        CompletableFuture<StatusSnapshot> running = inFlight.getAndSet(null);
        if (running != null) {
            running.complete(snapshot);
        }
        try {
            // a probe that ignores interrupts must not hold the host's close() for long
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
            probes.awaitTermination(2);
            listeners.awaitTermination(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(CompletableFuture<StatusSnapshot> mine) {
        checksStarted.incrementAndGet();
        List<CompletableFuture<ProbeSlot.Observation>> parts;
        try {
            parts = probes.start(scheduler);
        } catch (RuntimeException closedMeanwhile) {
            inFlight.compareAndSet(mine, null);
            mine.complete(snapshot);
            return;
        }
        CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).whenComplete((ok, error) -> {
            if (!submit(() -> apply(parts, mine))) {
                inFlight.compareAndSet(mine, null);
                mine.complete(snapshot);
            }
        });
    }

    /** On the scheduler thread: one check's signals become the next verdict. */
    private void apply(List<CompletableFuture<ProbeSlot.Observation>> parts, CompletableFuture<StatusSnapshot> mine) {
        StatusSnapshot[] transition = null;
        try {
            ProbeRound.Result round = probes.collect(parts);
            if (round.holdsEnded()) {
                checkSoon(); // contrary evidence: look again at once instead of replaying the bad news
            }
            Instant now = clock.instant();
            boolean pending;
            StatusSnapshot judged;
            StatusSnapshot before;
            synchronized (publishLock) {
                before = snapshot;
                verdict = verdict.next(round.signals(), round.replayed(), now);
                pending = verdict.isChangePending();
                judged = verdict.snapshot();
            }
            // outside publishLock: a journal forces the incident to disk here, and nobody waiting on the lock
            // (the first-verdict wait, the pace) should wait for a disk; only this thread publishes snapshots
            StatusSnapshot after = observedIncidents().record(before, judged, now);
            synchronized (publishLock) {
                snapshot = after;
                if (before.health() != after.health()) {
                    transition = new StatusSnapshot[] {before, after};
                }
            }
            listeners.published(after);
            reschedule(after.health() == Health.OPERATIONAL && !pending);
        } catch (RuntimeException | Error e) {
            LOG.warn("cai-status: a check failed to complete", e);
        } finally {
            // release the first-verdict wait only once this check is no longer in flight, so that a refresh()
            // right after build() starts a check of its own instead of joining this one
            inFlight.compareAndSet(mine, null);
            firstVerdict.countDown();
            mine.complete(snapshot);
            // told once this check is no longer in flight: a listener's refresh() starts a check of its own
            if (transition != null && !closed) {
                listeners.transition(transition[0], transition[1]);
            }
        }
    }

    private void reschedule(boolean healthy) {
        if (!config.background() || closed) {
            return;
        }
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        try {
            nextTick = scheduler.schedule(this::join, nextDelay(healthy).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            nextTick = null;
        }
    }

    /** On the scheduler thread: the log's first read happens here, never on the caller's thread. */
    private ObservedIncidents observedIncidents() {
        if (observed == null) {
            observed = new ObservedIncidents(log, sharedIncidentStart);
        }
        return observed;
    }

    private boolean submit(Runnable task) {
        try {
            scheduler.execute(task);
            return true;
        } catch (RejectedExecutionException closedMeanwhile) {
            return false;
        }
    }
}
