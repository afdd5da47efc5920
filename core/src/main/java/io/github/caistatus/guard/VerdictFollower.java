package io.github.caistatus.guard;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The guard's side of the status verdict: forces the breaker open while the verdict says Character.AI is down,
 * closes it on the next usable verdict, notices the breaker's own state changes (and asks the feed for a check),
 * and paces the trial calls let through while the breaker is held open. The hot path reads only
 * {@link #holding}; everything else runs on a verdict, on a state change, or for a call made while held.
 */
final class VerdictFollower {

    private final VerdictFeed feed;
    private final CircuitBreaker breaker;
    private final Clock clock;
    /** The least pause between two trials: half the trial interval, so that each check of the monitor arms one. */
    private final long trialSpacingMillis;
    private final Object lock = new Object();

    /** The breaker state last seen, to notice transitions without registering an event consumer. */
    private volatile CircuitBreaker.State seenState;
    /** Non-null while the breaker is held forced open because of the status verdict. */
    volatile FallbackReason forcedReason;
    /**
     * True while the breaker is forced open by the verdict or was seen open: calls then look for a trial
     * before asking the breaker. The one volatile read of the healthy path.
     */
    volatile boolean holding;
    /** Set while a trial call runs: one at a time. */
    private final AtomicBoolean trialRunning = new AtomicBoolean();
    /** Set by a verdict while the breaker is held and a trial is due; the next call takes it. */
    private volatile boolean trialArmed;
    /** Clock millis before which no verdict arms a trial. */
    private volatile long nextTrialAtMillis = Long.MAX_VALUE;
    /** Clock millis when the breaker was seen to open, for the remaining wait; -1 if not seen. */
    private volatile long openedAtMillis = -1;
    private volatile boolean stopped;
    /** Whether this guard may take a trial now (a fleet's trial lease); always true alone. */
    private final BooleanSupplier trialTurn;

    VerdictFollower(VerdictFeed feed, CircuitBreaker breaker, Clock clock, Duration trialInterval,
                    BooleanSupplier trialTurn) {
        this.trialTurn = trialTurn;
        this.feed = feed;
        this.breaker = breaker;
        this.clock = clock;
        this.trialSpacingMillis = Math.max(1, trialInterval.toMillis() / 2);
        this.seenState = breaker.getState();
        if (seenState == CircuitBreaker.State.OPEN) {
            holding = true;
            nextTrialAtMillis = clock.millis() + trialSpacingMillis;
        }
    }

    /** Starts following the feed's verdicts; called once by the builder, after the guard's constructor. */
    void follow() {
        feed.onVerdict(this::onVerdict);
        onVerdict(feed.snapshot());
    }

    /** Stops following: later verdicts no longer move the breaker, state changes no longer ask for checks. */
    void stop() {
        synchronized (lock) {
            stopped = true;
        }
    }

    /** Clock millis when the breaker was seen to open, or -1. */
    long openedAtMillis() {
        return openedAtMillis;
    }

    private void onVerdict(StatusSnapshot current) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            Health health = current.health();
            // A verdict reached on our own calls' evidence alone must not force the breaker: it is already open
            // by itself, and forcing it would stop the half-open trials that let it (and the verdict) recover.
            // Once forced, it stays forced until the verdict is usable again.
            if (!health.isUsable() && (forcedReason != null || downOnOtherEvidence(current))) {
                if (forcedReason == null) { // the hold begins: no trial on the verdict that starts it
                    nextTrialAtMillis = clock.millis() + trialSpacingMillis;
                    trialArmed = false;
                }
                forcedReason = health == Health.MAINTENANCE ? FallbackReason.MAINTENANCE : FallbackReason.STATUS_DOWN;
                if (breaker.getState() != CircuitBreaker.State.FORCED_OPEN) {
                    breaker.transitionToForcedOpenState();
                }
                seenState = breaker.getState();
            } else if (forcedReason != null) {
                forcedReason = null;
                if (breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
                    breaker.transitionToClosedState();
                }
                seenState = breaker.getState();
            }
            holding = forcedReason != null || seenState == CircuitBreaker.State.OPEN;
            armTrial();
        }
    }

    /**
     * Whether an unusable verdict rests on more than our own calls: some source other than the passive probe
     * says the service is unusable. A snapshot without signals (built by hand) is judged by its cause.
     */
    static boolean downOnOtherEvidence(StatusSnapshot snapshot) {
        if (snapshot.signals().isEmpty()) {
            return snapshot.cause() != Cause.CALL_FAILURES;
        }
        for (Signal s : snapshot.signals()) {
            if (s.role() != ProbeRole.OWN_CALLS && !s.health().isUsable()) {
                return true;
            }
        }
        return false;
    }

    /** Notices breaker transitions (made by outcomes, by time or by the host) without an event consumer. */
    void watchState() {
        CircuitBreaker.State now = breaker.getState();
        if (now != seenState) {
            stateChanged(now);
        }
    }

    private void stateChanged(CircuitBreaker.State now) {
        synchronized (lock) {
            if (seenState == now) {
                return;
            }
            seenState = now;
            if (now == CircuitBreaker.State.OPEN) {
                openedAtMillis = clock.millis();
                if (forcedReason == null) {
                    nextTrialAtMillis = openedAtMillis + trialSpacingMillis;
                    trialArmed = false;
                }
            }
            holding = forcedReason != null || now == CircuitBreaker.State.OPEN;
            if (!holding) {
                trialArmed = false;
            }
        }
        if (!stopped) {
            feed.checkSoon();
        }
    }

    /** Why the breaker refused a call: the verdict's hold, the waiting room, or the breaker's own failures. */
    FallbackReason refusalReason(StatusSnapshot snapshot) {
        FallbackReason forced = forcedReason;
        if (forced != null && breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            return forced;
        }
        return snapshot.cause() == Cause.OVERLOADED ? FallbackReason.WAITING_ROOM : FallbackReason.BREAKER_OPEN;
    }

    // ---- trials while the breaker is held open ----

    /**
     * Takes the armed trial, if a verdict armed one and none runs: no clock read, one volatile read when none is
     * armed.
     */
    boolean startTrial() {
        if (!trialArmed || !trialRunning.compareAndSet(false, true)) {
            return false;
        }
        trialArmed = false;
        return true;
    }

    /** On a verdict (the monitor's thread): arms a trial while the breaker is held and one is due. */
    private void armTrial() {
        if (!holding) {
            trialArmed = false;
        } else if (!trialRunning.get() && clock.millis() >= nextTrialAtMillis && trialTurn.getAsBoolean()) {
            trialArmed = true;
        }
    }

    /**
     * Ends the running trial. A success is evidence that the service is back: the status checks afresh at once,
     * and a breaker open by its own failures goes half-open.
     */
    void trialEnded(boolean success) {
        nextTrialAtMillis = clock.millis() + trialSpacingMillis;
        trialRunning.set(false);
        if (!success) {
            return;
        }
        try {
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                breaker.transitionToHalfOpenState();
            }
        } catch (RuntimeException e) {
            // moved by someone else meanwhile (an illegal transition now): its state speaks for itself
        }
        watchState();
        if (!stopped) {
            feed.checkAfresh();
        }
    }
}
