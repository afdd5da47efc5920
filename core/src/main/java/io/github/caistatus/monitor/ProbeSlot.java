package io.github.caistatus.monitor;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One probe with its memory: the observation in flight (at most one, however many checks ask), its latest
 * signal, and until when its source asked us not to come back ({@code Retry-After}).
 *
 * <p>A {@code Retry-After} is a pacing hint here, not a vow of silence: the hold it starts is capped at
 * {@code maxHold} (the monitor passes the shortest pause of its unhealthy pace), so the next scheduled check
 * always asks afresh; the hold only spares the source the extra checks asked for in between. While it lasts,
 * the latest signal stands in, marked as a replay: it is never a fresh observation.
 */
final class ProbeSlot {

    /** One probe's answer for one check: its signal, and whether the probe was asked for it. */
    record Observation(Signal signal, boolean fresh) {
    }

    private final StatusProbe probe;
    private final ProbeRole role;
    private final String name;
    private final Clock clock;
    private final Duration maxHold;
    private final AtomicReference<CompletableFuture<Observation>> inFlight = new AtomicReference<>();
    private volatile Signal last;
    private volatile Instant notBefore = Instant.MIN;

    ProbeSlot(StatusProbe probe, ProbeRole role, Clock clock, Duration maxHold) {
        this.probe = probe;
        this.role = role;
        this.name = probe.name();
        this.clock = clock;
        this.maxHold = maxHold;
    }

    String name() {
        return name;
    }

    /**
     * The observation for a check: the one in flight if any, the latest signal replayed while the source's
     * (capped) {@code Retry-After} lasts, otherwise a new one started on {@code executor}.
     */
    CompletableFuture<Observation> observe(Executor executor) {
        Signal remembered = last;
        if (remembered != null && clock.instant().isBefore(notBefore)) {
            return CompletableFuture.completedFuture(new Observation(remembered, false));
        }
        for (;;) {
            CompletableFuture<Observation> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<Observation> mine = new CompletableFuture<>();
            if (!inFlight.compareAndSet(null, mine)) {
                continue;
            }
            try {
                executor.execute(() -> finish(mine, observeNow()));
            } catch (RejectedExecutionException closed) {
                finish(mine, unknown(Cause.OTHER, "not checked: the monitor is closed"));
            }
            return mine;
        }
    }

    /**
     * Ends the hold a {@code Retry-After} started, so that the next check asks the source again: contrary
     * evidence (another source sees the service well again) is worth a fresh look.
     *
     * @return true if a hold was running
     */
    boolean release() {
        boolean holding = clock.instant().isBefore(notBefore);
        notBefore = Instant.MIN;
        return holding;
    }

    /**
     * Whether the latest signal says the service is impaired while a hold keeps the probe from being asked.
     */
    boolean isHoldingBadNews() {
        Signal s = last;
        return s != null && s.health().isImpaired() && clock.instant().isBefore(notBefore);
    }

    private Signal observeNow() {
        try {
            Signal s = probe.probe();
            return s != null ? s : unknown(Cause.OTHER, "probe returned no signal");
        } catch (RuntimeException | Error e) { // a probe must not throw; if one does, it is evidence of nothing
            return unknown(Cause.OTHER, "probe failed: " + e);
        }
    }

    private void finish(CompletableFuture<Observation> mine, Signal s) {
        // the slot, not the probe, says whose evidence this is: a probe cannot borrow another's name or trust
        s = s.withProbe(name).withRole(role);
        last = s;
        if (s.retryAfter().isPresent()) {
            Duration wait = s.retryAfter().get();
            if (wait.compareTo(maxHold) > 0) {
                wait = maxHold;
            }
            notBefore = clock.instant().plus(wait.isNegative() ? Duration.ZERO : wait);
        } else {
            notBefore = Instant.MIN; // a fresh answer without the header ends any hold
        }
        inFlight.set(null); // before completing, so that a caller woken by the result may start the next one
        mine.complete(new Observation(s, true));
    }

    /** What a check records when the probe did not answer in time: no opinion. */
    Observation overdue(Duration deadline) {
        return new Observation(unknown(Cause.OTHER, "no answer within " + deadline.toMillis() + " ms"), true);
    }

    private Signal unknown(Cause cause, String detail) {
        return Signal.of(name, Health.UNKNOWN, cause, Duration.ZERO, clock.instant(), detail).withRole(role);
    }
}
