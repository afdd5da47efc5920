package io.github.caistatus.bench;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import java.time.Duration;
import java.time.Instant;

/**
 * A probe that always answers the same: with thresholds (1, 1) one {@code refresh()} makes it the verdict.
 * A MAJOR_OUTAGE verdict forces the guard's breaker open. Named "endpoint" (never "passive"), so the guard's
 * own passive probe stays in the monitor's list as in a real host.
 */
final class FixedProbe implements StatusProbe {

    private final Health health;
    private final Cause cause;
    private final String detail;

    FixedProbe(Health health, Cause cause, String detail) {
        this.health = health;
        this.cause = cause;
        this.detail = detail;
    }

    static FixedProbe operational() {
        return new FixedProbe(Health.OPERATIONAL, Cause.NONE, "HTTP 200 (scripted for the benchmark)");
    }

    static FixedProbe majorOutage() {
        return new FixedProbe(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503 (scripted for the benchmark)");
    }

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public Signal probe() {
        return Signal.of(name(), health, cause, Duration.ofMillis(3), Instant.now(), detail);
    }
}
