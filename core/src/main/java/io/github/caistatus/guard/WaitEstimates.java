package io.github.caistatus.guard;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long until Character.AI is expected back, for {@link FallbackContext#expectedWait()}: best basis first,
 * worked out when asked (a context may be reused for a while, and the clock moves on).
 */
final class WaitEstimates {

    private final VerdictFeed feed;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final VerdictFollower follower;
    /** The host's reader of a wait from its own exceptions, or null. */
    private final Function<? super Throwable, Optional<Duration>> waitFrom;
    /** Which fallbacks answered: here because every context the guard hands out carries this object. */
    final FallbackTally tally = new FallbackTally();

    WaitEstimates(VerdictFeed feed, CircuitBreaker breaker, Clock clock, VerdictFollower follower,
                  Function<? super Throwable, Optional<Duration>> waitFrom) {
        this.feed = feed;
        this.breaker = breaker;
        this.clock = clock;
        this.follower = follower;
        this.waitFrom = waitFrom;
    }

    /**
     * The best estimate, or null: the end of the running maintenance; a wait the call's own failure gave (the
     * host's {@code waitFrom}); the service's {@code Retry-After}; the breaker's remaining open time; the median
     * length of past outages of the same kind.
     */
    WaitHint estimate(FallbackReason reason, StatusSnapshot snapshot, Throwable failure) {
        Instant now = clock.instant();
        if (reason == FallbackReason.MAINTENANCE || snapshot.health() == Health.MAINTENANCE) {
            Optional<Instant> end = maintenanceEnd(snapshot, now);
            if (end.isPresent()) {
                return new WaitHint(Duration.between(now, end.get()), WaitHint.Basis.MAINTENANCE_END);
            }
        }
        Duration asked = fromFailure(failure);
        if (asked != null) {
            return new WaitHint(asked, WaitHint.Basis.CALL_RETRY_AFTER);
        }
        if (snapshot.retryAfter().isPresent()) {
            return new WaitHint(snapshot.retryAfter().get(), WaitHint.Basis.RETRY_AFTER);
        }
        if ((reason == FallbackReason.BREAKER_OPEN || reason == FallbackReason.WAITING_ROOM)
                && breaker.getState() == CircuitBreaker.State.OPEN) {
            Duration wait = breakerWait();
            if (wait != null) {
                return new WaitHint(wait, WaitHint.Basis.BREAKER);
            }
        }
        Health kind = switch (reason) {
            case STATUS_DOWN -> Health.MAJOR_OUTAGE;
            case MAINTENANCE -> Health.MAINTENANCE;
            default -> snapshot.health().isImpaired() ? snapshot.health() : null;
        };
        if (kind != null) {
            Duration typical = typicalDuration(kind);
            if (typical != null) {
                return new WaitHint(typical, WaitHint.Basis.TYPICAL);
            }
        }
        return null;
    }

    /**
     * The wait the host's {@code waitFrom} reads from a failure or, failing that, from its causes (a client's
     * 429 is often wrapped); null when there is no hook, no failure, or nothing to read. A hook that throws or
     * answers null or a negative wait gives nothing: the estimate is a nicety, never a reason to fail a fallback.
     */
    Duration fromFailure(Throwable failure) {
        if (waitFrom == null || failure == null) {
            return null;
        }
        Throwable t = failure;
        for (int depth = 0; t != null && depth < Failures.MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            try {
                Optional<Duration> wait = waitFrom.apply(t);
                if (wait != null && wait.isPresent() && !wait.get().isNegative()) {
                    return wait.get();
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The verdict now, for {@link FallbackContext#latest()}. */
    StatusSnapshot latest() {
        return feed.snapshot();
    }

    private static Optional<Instant> maintenanceEnd(StatusSnapshot snapshot, Instant now) {
        for (Incident incident : snapshot.incidents()) {
            if ((incident.scheduled() || incident.health() == Health.MAINTENANCE) && isRunningAt(incident, now)) {
                return incident.end();
            }
        }
        return snapshot.nextMaintenance().filter(m -> isRunningAt(m, now)).flatMap(Incident::end);
    }

    private static boolean isRunningAt(Incident incident, Instant now) {
        return !incident.start().isAfter(now) && incident.end().isPresent() && incident.end().get().isAfter(now);
    }

    private Duration breakerWait() {
        try {
            Long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
            if (waitMillis == null) {
                return null;
            }
            long opened = follower.openedAtMillis();
            long remaining = opened < 0 ? waitMillis : waitMillis - (clock.millis() - opened);
            return Duration.ofMillis(Math.max(0, remaining));
        } catch (RuntimeException e) {
            return null; // a host's interval function we cannot ask: no hint rather than a failed fallback
        }
    }

    private Duration typicalDuration(Health kind) {
        try {
            return feed.incidents().typicalDuration(kind).map(OutageDurations::median).orElse(null);
        } catch (RuntimeException e) {
            return null; // the history is a nicety for the message; never let it fail a fallback
        }
    }
}
