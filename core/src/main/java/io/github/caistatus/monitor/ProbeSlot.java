package io.github.caistatus.monitor;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
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
 */
final class ProbeSlot {

    private final StatusProbe probe;
    private final String name;
    private final Clock clock;
    private final Duration maxRetryAfter;
    private final AtomicReference<CompletableFuture<Signal>> inFlight = new AtomicReference<>();
    private volatile Signal last;
    private volatile Instant notBefore = Instant.MIN;

    ProbeSlot(StatusProbe probe, Clock clock, Duration maxRetryAfter) {
        this.probe = probe;
        this.name = probe.name();
        this.clock = clock;
        this.maxRetryAfter = maxRetryAfter;
    }

    String name() {
        return name;
    }

    /**
     * The observation for a check: the one in flight if any, the latest one while the source's
     * {@code Retry-After} lasts, otherwise a new one started on {@code executor}.
     */
    CompletableFuture<Signal> observe(Executor executor) {
        Signal remembered = last;
        if (remembered != null && clock.instant().isBefore(notBefore)) {
            return CompletableFuture.completedFuture(remembered);
        }
        for (;;) {
            CompletableFuture<Signal> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<Signal> mine = new CompletableFuture<>();
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

    private Signal observeNow() {
        try {
            Signal s = probe.probe();
            return s != null ? s : unknown(Cause.OTHER, "probe returned no signal");
        } catch (RuntimeException | Error e) { // a probe must not throw; if one does, it is evidence of nothing
            return unknown(Cause.OTHER, "probe failed: " + e);
        }
    }

    private void finish(CompletableFuture<Signal> mine, Signal s) {
        if (!s.probe().equals(name)) {
            s = new Signal(name, s.health(), s.cause(), s.latency(), s.observedAt(), s.detail(), s.retryAfter(),
                    s.official());
        }
        last = s;
        if (s.retryAfter().isPresent()) {
            Duration wait = s.retryAfter().get();
            if (wait.compareTo(maxRetryAfter) > 0) {
                wait = maxRetryAfter;
            }
            notBefore = clock.instant().plus(wait.isNegative() ? Duration.ZERO : wait);
        }
        inFlight.set(null); // before completing, so that a caller woken by the result may start the next one
        mine.complete(s);
    }

    /** What a check records when the probe did not answer in time: no opinion. */
    Signal overdue(Duration deadline) {
        return unknown(Cause.OTHER, "no answer within " + deadline.toMillis() + " ms");
    }

    private Signal unknown(Cause cause, String detail) {
        return Signal.of(name, Health.UNKNOWN, cause, Duration.ZERO, clock.instant(), detail);
    }
}
