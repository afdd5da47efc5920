package io.github.caistatus.monitor;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.caistatus.internal.DaemonThreads;
import io.github.caistatus.verdict.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
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
 * <p>Observed incidents: when the verdict becomes impaired (degraded or worse: a waiting room is the most
 * common disruption users meet), an incident of {@link Source#OBSERVED} is opened in the log; it is updated
 * when the health worsens and resolved when the verdict is operational again. A fall into {@code UNKNOWN}
 * neither opens nor resolves one: no evidence is not evidence of recovery.
 *
 * <pre>{@code
 * try (Monitor m = new Monitor(MonitorConfig.defaults(), probes, log, Clock.systemUTC(), Math::random)) {
 *     m.start();
 *     StatusSnapshot now = m.snapshot();
 * }
 * }</pre>
 */
public final class Monitor implements VerdictFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
    /** A listener running longer than this is logged (once per monitor). */
    static final Duration SLOW_LISTENER = Duration.ofSeconds(1);
    /** The service named in observed incidents. */
    public static final String SERVICE = "character.ai";
    /** The control probe says something about our network, nothing about the service. */
    private static final String CONTROL = "control";

    private final MonitorConfig config;
    private final List<ProbeSlot> slots;
    private final IncidentLog log;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor probeThreads;
    private final ThreadPoolExecutor listenerThread;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StatusSnapshot>> observers = new CopyOnWriteArrayList<>();
    private final AtomicReference<CompletableFuture<StatusSnapshot>> inFlight = new AtomicReference<>();
    private final AtomicBoolean soonQueued = new AtomicBoolean();
    private final CountDownLatch firstVerdict = new CountDownLatch(1);
    private final AtomicInteger checksStarted = new AtomicInteger();
    private final Object publishLock = new Object();
    private final AtomicBoolean slowListenerLogged = new AtomicBoolean();
    /** {@link System#nanoTime()} when the listener now running was called; 0 when none runs. */
    private volatile long listenerSince;
    private volatile StatusListener listenerRunning;

    private volatile StatusSnapshot snapshot;
    private volatile boolean closed;
    private Verdict verdict; // guarded by publishLock
    private String openIncident; // only touched on the scheduler thread
    /** The health each probe last observed (fresh signals only); only touched on the scheduler thread. */
    private final Map<String, Health> lastHealth = new HashMap<>();
    private ScheduledFuture<?> nextTick; // only touched on the scheduler thread

    /**
     * Creates a monitor; nothing runs until {@link #start()} or a request for a check.
     *
     * @param config the pacing
     * @param probes the probes, with distinct names
     * @param log    where observed incidents are recorded
     * @param clock  the time source for verdicts and {@code Retry-After}
     * @param random a source of numbers in [0, 1) for the jitter
     */
    public Monitor(MonitorConfig config, List<StatusProbe> probes, IncidentLog log, Clock clock,
                   DoubleSupplier random) {
        this(config, probes, log, clock, random, DaemonThreads.nextInstanceId());
    }

    /**
     * Creates a monitor whose threads carry the given instance number ({@code cai-status-monitor-<id>},
     * {@code cai-status-probe-<id>-<n>}); nothing runs until {@link #start()} or a request for a check.
     *
     * @param config the pacing
     * @param probes the probes, with distinct names
     * @param log    where observed incidents are recorded
     * @param clock  the time source for verdicts and {@code Retry-After}
     * @param random a source of numbers in [0, 1) for the jitter
     * @param id     the instance number in thread names, see {@link DaemonThreads#nextInstanceId()}
     */
    public Monitor(MonitorConfig config, List<StatusProbe> probes, IncidentLog log, Clock clock,
                   DoubleSupplier random, int id) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        List<ProbeSlot> s = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (StatusProbe p : probes) {
            Objects.requireNonNull(p, "probe");
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two probes are named \"" + p.name() + "\"");
            }
            s.add(new ProbeSlot(p, clock, longestHold(config)));
        }
        this.slots = List.copyOf(s);
        this.openIncident = stillOpen(log);
        this.verdict = Verdict.initial(config.hysteresis(), clock.instant());
        this.snapshot = verdict.snapshot();
        this.scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreads("cai-status-monitor-" + id, false));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        int n = Math.max(1, slots.size());
        this.probeThreads = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("cai-status-probe-" + id, true));
        this.probeThreads.allowCoreThreadTimeOut(true);
        this.listenerThread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("cai-status-listeners-" + id, false));
        this.listenerThread.allowCoreThreadTimeOut(true);
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
        listeners.add(Objects.requireNonNull(listener, "listener"));
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
        observers.add(Objects.requireNonNull(observer, "observer"));
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
        for (ProbeSlot slot : slots) {
            slot.release();
        }
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
        scheduler.shutdownNow();
        probeThreads.shutdownNow();
        listenerThread.shutdownNow();
        CompletableFuture<StatusSnapshot> running = inFlight.getAndSet(null);
        if (running != null) {
            running.complete(snapshot);
        }
        try {
            // a probe that ignores interrupts must not hold the host's close() for long
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
            probeThreads.awaitTermination(2, TimeUnit.SECONDS);
            listenerThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(CompletableFuture<StatusSnapshot> mine) {
        checksStarted.incrementAndGet();
        List<CompletableFuture<ProbeSlot.Observation>> parts = new ArrayList<>(slots.size());
        for (ProbeSlot slot : slots) {
            parts.add(bounded(slot));
        }
        CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).whenComplete((ok, error) -> {
            if (!submit(() -> apply(parts, mine))) {
                inFlight.compareAndSet(mine, null);
                mine.complete(snapshot);
            }
        });
    }

    /** The slot's observation, replaced by an "overdue" signal if it takes longer than the probe deadline. */
    private CompletableFuture<ProbeSlot.Observation> bounded(ProbeSlot slot) {
        CompletableFuture<ProbeSlot.Observation> observed = slot.observe(probeThreads);
        if (observed.isDone()) {
            return observed;
        }
        CompletableFuture<ProbeSlot.Observation> result = new CompletableFuture<>();
        observed.whenComplete((s, e) -> result.complete(s != null ? s : slot.overdue(config.probeDeadline())));
        Duration deadline = config.probeDeadline();
        try {
            ScheduledFuture<?> timer = scheduler.schedule(() -> result.complete(slot.overdue(deadline)),
                    deadline.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((s, e) -> timer.cancel(false));
        } catch (RejectedExecutionException closedMeanwhile) {
            result.complete(slot.overdue(Duration.ZERO));
        }
        return result;
    }

    /** On the scheduler thread: one check's signals become the next verdict. */
    private void apply(List<CompletableFuture<ProbeSlot.Observation>> parts, CompletableFuture<StatusSnapshot> mine) {
        StatusSnapshot[] transition = null;
        try {
            List<Signal> signals = new ArrayList<>(parts.size());
            Set<String> replayed = new HashSet<>();
            boolean freshGoodNews = false;
            for (CompletableFuture<ProbeSlot.Observation> p : parts) {
                ProbeSlot.Observation o = p.join();
                signals.add(o.signal());
                if (!o.fresh()) {
                    replayed.add(o.signal().probe());
                } else {
                    Health before = lastHealth.put(o.signal().probe(), o.signal().health());
                    // news, not a standing opinion: a source that says "operational" at every check (a lagging
                    // official page) must not end the holds of the others at every check
                    if (o.signal().health() == Health.OPERATIONAL && before != null && before != Health.OPERATIONAL
                            && !o.signal().probe().equals(CONTROL)) {
                        freshGoodNews = true;
                    }
                }
            }
            if (freshGoodNews && endHoldsOfBadNews()) {
                checkSoon(); // contrary evidence: look again at once instead of replaying the bad news
            }
            Instant now = clock.instant();
            StatusSnapshot after;
            boolean pending;
            StatusSnapshot judged;
            StatusSnapshot before;
            synchronized (publishLock) {
                before = snapshot;
                verdict = verdict.next(signals, replayed, now);
                pending = verdict.isChangePending();
                judged = verdict.snapshot();
            }
            // outside publishLock: a journal forces the incident to disk here, and nobody waiting on the lock
            // (the first-verdict wait, the pace) should wait for a disk; only this thread publishes snapshots
            after = withObserved(judged, record(before, judged, now));
            synchronized (publishLock) {
                snapshot = after;
                if (before.health() != after.health()) {
                    transition = new StatusSnapshot[] {before, after};
                }
            }
            warnIfAListenerIsSlow();
            for (Consumer<StatusSnapshot> o : observers) {
                try {
                    o.accept(after);
                } catch (RuntimeException e) {
                    LOG.warn("cai-status: a verdict observer threw; the others are still told", e);
                }
            }
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
            if (transition != null) {
                tell(transition[0], transition[1]);
            }
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

    /**
     * The latest observed incident a previous run left open (it stopped, or crashed, mid-outage), if the log
     * remembers one: this run carries it on, and resolves it when it next sees the service operational, so that
     * no incident stays "active" forever.
     */
    private static String stillOpen(IncidentLog log) {
        Incident latest = null;
        try {
            for (Incident i : log.all()) {
                if (i.source() == Source.OBSERVED && !i.isResolved()
                        && (latest == null || i.start().isAfter(latest.start()))) {
                    latest = i;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cai-status: could not read the incident log for an incident left open", e);
        }
        return latest == null ? null : latest.id();
    }

    /** Opens, updates or resolves the observed incident; returns it while it is open. */
    private Optional<Incident> record(StatusSnapshot before, StatusSnapshot after, Instant now) {
        try {
            Health h = after.health();
            if (h.isImpaired()) {
                if (openIncident == null) {
                    String id = "observed-" + now.toEpochMilli();
                    Incident opened = new Incident(id, SERVICE, now, Optional.empty(), h, after.cause(),
                            after.summary(), Source.OBSERVED, h == Health.MAINTENANCE,
                            List.of(new IncidentUpdate(Stage.INVESTIGATING, now, after.summary())), Optional.empty());
                    log.append(opened);
                    openIncident = id;
                    return Optional.of(opened);
                }
                Optional<Incident> open = log.find(openIncident);
                if (open.isPresent() && h != before.health() && h.isWorseThan(open.get().health())) {
                    Incident o = open.get();
                    List<IncidentUpdate> updates = new ArrayList<>(o.updates());
                    updates.add(new IncidentUpdate(Stage.UPDATE, now, after.summary()));
                    Incident worse = new Incident(o.id(), o.service(), o.start(), o.end(), h, after.cause(),
                            o.summary(), o.source(), o.scheduled(), updates, o.link());
                    log.append(worse);
                    return Optional.of(worse);
                }
                return open;
            }
            if (h == Health.OPERATIONAL && openIncident != null) {
                String id = openIncident;
                openIncident = null;
                log.resolve(id, now);
                return Optional.empty();
            }
            return openIncident == null ? Optional.empty() : log.find(openIncident);
        } catch (RuntimeException e) {
            LOG.warn("cai-status: could not record an observed incident", e);
            return Optional.empty();
        }
    }

    private static StatusSnapshot withObserved(StatusSnapshot s, Optional<Incident> observed) {
        if (observed.isEmpty()) {
            return s;
        }
        List<Incident> incidents = new ArrayList<>(s.incidents());
        incidents.add(observed.get());
        return new StatusSnapshot(s.health(), s.cause(), s.summary(), s.confidence(), s.observedAt(), s.signals(),
                s.components(), incidents, s.nextMaintenance(), s.retryAfter());
    }

    /** Queues the transition for the listener thread: told in order, one listener at a time. */
    private void tell(StatusSnapshot before, StatusSnapshot after) {
        if (listeners.isEmpty() || closed) {
            return;
        }
        try {
            listenerThread.execute(() -> {
                for (StatusListener l : listeners) {
                    long since = System.nanoTime(); // wall time: a slow listener is slow whatever the clock says
                    listenerSince = since;
                    listenerRunning = l;
                    try {
                        l.onTransition(before, after);
                    } catch (RuntimeException e) {
                        LOG.warn("cai-status: a status listener threw; the others are still told", e);
                    } finally {
                        listenerSince = 0;
                        listenerRunning = null;
                    }
                    logIfSlow(l, System.nanoTime() - since);
                }
            });
        } catch (RejectedExecutionException closedMeanwhile) {
            // closed: nobody is told any more
        }
    }

    /** On the monitor's thread: notices a listener still running (e.g. blocked) since long before. */
    private void warnIfAListenerIsSlow() {
        long since = listenerSince;
        StatusListener running = listenerRunning;
        if (since != 0 && running != null) {
            logIfSlow(running, System.nanoTime() - since);
        }
    }

    private void logIfSlow(StatusListener listener, long nanos) {
        if (nanos >= SLOW_LISTENER.toNanos() && slowListenerLogged.compareAndSet(false, true)) {
            LOG.warn("cai-status: the status listener {} took {} ms or more; the listeners after it wait for it"
                    + " (the verdict and the guard do not); this is logged once",
                    listener.getClass().getName(), TimeUnit.NANOSECONDS.toMillis(nanos));
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

    private boolean submit(Runnable task) {
        try {
            scheduler.execute(task);
            return true;
        } catch (RejectedExecutionException closedMeanwhile) {
            return false;
        }
    }
}
