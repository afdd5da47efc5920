package io.github.caistatus.guard;

import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The guard's stall detection ({@link StallDetection}): the start times of the calls in flight in a small fixed
 * array of slots, the latencies of recent successes in a ring of longs, and one watchdog task on the guard's timer
 * thread that scans the slots every quarter threshold (at least {@value #MIN_PERIOD_MILLIS} ms) while calls are in
 * flight or a stall holds. No timer per call, no allocation per call.
 *
 * <p>More than {@value #SLOTS} calls in flight: the others run unwatched (a hang shows in the watched ones anyway).
 */
final class StallWatch implements Runnable {

    static final int SLOTS = 64;
    /** Each slot's start time on a cache line of its own: calls on different threads do not share one. */
    private static final int STRIDE = 8;
    static final long MIN_PERIOD_MILLIS = 50;
    private static final long FREE = 0L;
    private static final int NO_TRIAL = -1;
    private static final int TRIAL_RESERVED = -2;

    final StallDetection config;
    /** False in tests that run the scans by hand: no watchdog task is scheduled. */
    private final boolean watchdog;
    private final LongSupplier nanos;
    private final Guard guard;
    private final VerdictFeed feed;
    /** The probe of these calls the monitor runs, told of stalls; null if none was given. */
    private final PassiveProbe ownCalls;

    /** Start time (nanos, never {@link #FREE}) of the call in each slot; {@link #FREE} when the slot is free. */
    private final AtomicLongArray starts = new AtomicLongArray(SLOTS * STRIDE);
    /** For a slot whose caller can be answered early (async, or sync run on the guard's threads): who to tell. */
    private final AtomicReferenceArray<Waiting> waiting = new AtomicReferenceArray<>(SLOTS);

    /** Recent successful latencies: written racily on purpose (a lost sample does not matter), read by the scan. */
    private final long[] ring;
    private int cursor;
    private int samples;
    private final long[] sorted; // the scan's own copy

    /** True while a stall is declared: new calls go to the fallbacks. */
    volatile boolean stalled;
    /** Whether the watchdog task is scheduled. */
    private final AtomicBoolean watching = new AtomicBoolean();
    /** The threshold the last scan worked out, in nanos; {@link Long#MAX_VALUE} while none is known. */
    private volatile long thresholdNanos = Long.MAX_VALUE;
    /** Calls started before this (nanos) are no evidence: they belong to a stall already over. */
    private volatile long evidenceFrom;
    private volatile boolean evidenceFromSet;
    /** The slot of the trial in flight while stalled, or {@link #NO_TRIAL}, or {@link #TRIAL_RESERVED}. */
    private final AtomicInteger trialSlot = new AtomicInteger(NO_TRIAL);
    private volatile boolean trialArmed;
    /** Whether the verdict was unusable since the stall began: a usable one after it ends the stall. */
    private volatile boolean verdictDownSinceStall;
    private final Object lock = new Object();
    private final AtomicInteger stalls = new AtomicInteger();
    /** The context handed to refused calls during a stall, reused while the snapshot stays the same. */
    private volatile FallbackContext lastRefusal;

    /** Something waiting on a call in flight that the stall can answer now. */
    interface Waiting {
        /** A stall is declared: answer the caller from the fallbacks with this context, unless already answered. */
        void stalled(FallbackContext context);
    }

    StallWatch(StallDetection config, LongSupplier nanos, boolean watchdog, Guard guard, VerdictFeed feed,
               PassiveProbe ownCalls) {
        this.config = config;
        this.ownCalls = ownCalls;
        this.watchdog = watchdog;
        this.nanos = nanos;
        this.guard = guard;
        this.feed = feed;
        this.ring = new long[config.window()];
        this.sorted = new long[config.window()];
    }

    long now() {
        return nanos.getAsLong();
    }

    // ---- the hot path ----

    /**
     * Takes a slot for a call starting at {@code start}; returns it, or -1 when all are taken (the call runs
     * unwatched). Starts the watchdog if it is not running.
     */
    int enter(long start, Waiting w) {
        long stamp = start == FREE ? 1 : start;
        int first = (int) Thread.currentThread().getId() & (SLOTS - 1);
        for (int i = 0; i < SLOTS; i++) {
            int slot = (first + i) & (SLOTS - 1);
            if (starts.get(slot * STRIDE) == FREE && starts.compareAndSet(slot * STRIDE, FREE, stamp)) {
                if (w != null) {
                    waiting.set(slot, w);
                }
                if (!watching.get()) {
                    startWatching();
                }
                return slot;
            }
        }
        return -1;
    }

    /** The call in {@code slot} ended; a success within the threshold ends a stall. Returns whether it was one. */
    boolean exit(int slot, long start, boolean success) {
        if (slot >= 0) {
            if (waiting.get(slot) != null) {
                waiting.set(slot, null);
            }
            starts.lazySet(slot * STRIDE, FREE); // a scan that still sees it only thinks the call a little longer
        }
        if (!success) {
            if (slot >= 0) {
                trialEnded(slot, false);
            }
            return false;
        }
        long latency = now() - start;
        int i = cursor;
        ring[i] = latency;
        cursor = i + 1 == ring.length ? 0 : i + 1;
        if (samples < ring.length) {
            samples++;
        }
        boolean quick = latency <= thresholdNanos;
        if (slot >= 0) {
            trialEnded(slot, quick);
        }
        if (quick && stalled) {
            end("a call succeeded within the stall threshold");
        }
        return quick;
    }

    // ---- trials while stalled ----

    /** Takes the trial the watchdog armed, if any and none runs. */
    boolean startTrial() {
        if (!trialArmed || !trialSlot.compareAndSet(NO_TRIAL, TRIAL_RESERVED)) {
            return false;
        }
        trialArmed = false;
        return true;
    }

    /** The trial that was taken runs in {@code slot} (-1: no slot free, the trial is given back). */
    void trialIn(int slot) {
        trialSlot.compareAndSet(TRIAL_RESERVED, slot < 0 ? NO_TRIAL : slot);
    }

    /** A trial taken but not made (the breaker refused it). */
    void trialNotMade() {
        trialSlot.compareAndSet(TRIAL_RESERVED, NO_TRIAL);
    }

    private void trialEnded(int slot, boolean success) {
        trialSlot.compareAndSet(slot, NO_TRIAL); // success ends the stall in exit; a failure waits for the next one
    }

    /** The context for a call not sent during a stall. */
    FallbackContext refusal() {
        StatusSnapshot snapshot = feed.snapshot();
        FallbackContext last = lastRefusal;
        if (last != null && last.snapshot() == snapshot) {
            return last;
        }
        FallbackContext context = new FallbackContext(guard.waits, FallbackReason.CALL_STALLED, snapshot, null);
        lastRefusal = context;
        return context;
    }

    /** The context for a caller answered while its call is still in flight. */
    private FallbackContext waitingContext(long threshold) {
        return new FallbackContext(guard.waits, FallbackReason.CALL_STALLED, feed.snapshot(), new TimeoutException(
                "calls to Character.AI stalled: in flight longer than " + Duration.ofNanos(threshold)));
    }

    // ---- the verdict ----

    /** Follows verdicts: after an unusable one during the stall, a usable one ends it. */
    void onVerdict(StatusSnapshot snapshot) {
        if (!stalled) {
            return;
        }
        if (!snapshot.health().isUsable()) {
            verdictDownSinceStall = true;
        } else if (verdictDownSinceStall) {
            end("the status verdict is usable again");
        }
    }

    /** How many stalls were declared since the guard was built. */
    int stallCount() {
        return stalls.get();
    }

    /** The stall threshold now, if one is known. */
    long thresholdNanos() {
        return thresholdNanos;
    }

    private void end(String why) {
        synchronized (lock) {
            if (!stalled) {
                return;
            }
            stalled = false;
            if (ownCalls != null) {
                ownCalls.stalled(null);
            }
            trialArmed = false;
            trialSlot.set(NO_TRIAL);
            evidenceFrom = now();
            evidenceFromSet = true;
        }
    }

    // ---- the watchdog, on the guard's timer thread ----

    private void startWatching() {
        if (watchdog && watching.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        long t = thresholdNanos;
        long period = t == Long.MAX_VALUE ? config.floor().toNanos() / 4 : t / 4;
        period = Math.max(period, MIN_PERIOD_MILLIS * 1_000_000L);
        try {
            guard.schedule(this, Duration.ofNanos(period));
        } catch (RuntimeException closed) {
            watching.set(false); // the guard is closed: calls run unwatched
        }
    }

    @Override
    public void run() {
        boolean busy = scan();
        if (!busy) {
            watching.set(false);
            // a call may have taken a slot after the scan and seen the watchdog still running: look again
            if (!(anyInFlight() || stalled) || !watching.compareAndSet(false, true)) {
                return;
            }
        }
        schedule();
    }

    private boolean anyInFlight() {
        for (int i = 0; i < SLOTS; i++) {
            if (starts.get(i * STRIDE) != FREE) {
                return true;
            }
        }
        return false;
    }

    /**
     * One scan: works out the threshold, declares a stall when a call in flight is older than it, answers the
     * waiting callers while stalled, and arms a trial. Returns whether calls are in flight or a stall holds.
     */
    boolean scan() {
        boolean inFlight = false;
        boolean declared = false;
        long threshold;
        synchronized (lock) {
            threshold = threshold();
            thresholdNanos = threshold;
            long now = now();
            boolean evidenceBound = evidenceFromSet;
            long from = evidenceFrom;
            int trial = trialSlot.get();
            for (int i = 0; i < SLOTS; i++) {
                long start = starts.get(i * STRIDE);
                if (start == FREE) {
                    continue;
                }
                inFlight = true;
                long age = now - start;
                if (threshold != Long.MAX_VALUE && age > threshold) {
                    if (i == trial) {
                        trialSlot.compareAndSet(trial, NO_TRIAL); // a trial that hangs fails; another may follow
                    }
                    if (!stalled && (!evidenceBound || start - from >= 0)) {
                        stalled = true;
                        declared = true;
                        verdictDownSinceStall = false;
                        stalls.incrementAndGet();
                    }
                }
            }
            if (stalled && trialSlot.get() == NO_TRIAL && !declared) {
                trialArmed = true; // not on the scan that declares the stall
            }
        }
        if (stalled) {
            answerWaiting(threshold);
        }
        if (declared) {
            if (ownCalls != null) {
                ownCalls.stalled("calls stalled: in flight longer than " + Duration.ofNanos(threshold).toMillis()
                        + " ms, far past what healthy calls take");
            }
            feed.checkSoon();
        }
        return inFlight || stalled;
    }

    /** Answers every caller still waiting on a call in flight, except the trial's while it is within the threshold. */
    private void answerWaiting(long threshold) {
        FallbackContext context = null;
        long now = now();
        int trial = trialSlot.get();
        for (int i = 0; i < SLOTS; i++) {
            Waiting w = waiting.get(i);
            if (w == null) {
                continue;
            }
            long start = starts.get(i * STRIDE);
            if (i == trial && now - start <= threshold) {
                continue;
            }
            if (context == null) {
                context = waitingContext(threshold);
            }
            try {
                w.stalled(context);
            } catch (RuntimeException e) {
                // a waiter that cannot be answered now keeps waiting for its own outcome
            }
        }
    }

    /** The stall threshold from the recent successes, or the initial one, or {@link Long#MAX_VALUE} for none. */
    private long threshold() {
        int n = samples;
        if (n < config.minSuccesses()) {
            Duration initial = config.initialThreshold();
            return initial.isZero() ? Long.MAX_VALUE : Math.max(initial.toNanos(), config.floor().toNanos());
        }
        System.arraycopy(ring, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        int index = (int) Math.ceil(config.percentile() / 100.0 * n) - 1;
        long p = sorted[Math.max(0, Math.min(n - 1, index))];
        double scaled = p * config.multiple();
        long t = scaled >= Long.MAX_VALUE ? Long.MAX_VALUE - 1 : (long) scaled;
        return Math.max(t, config.floor().toNanos());
    }
}
