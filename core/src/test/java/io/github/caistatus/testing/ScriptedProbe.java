package io.github.caistatus.testing;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link StatusProbe} whose answer the test sets, which counts its calls and can be held on a gate:
 * StatusProbe is the library's extension point, so this is a real probe, not a mock.
 */
public final class ScriptedProbe implements StatusProbe {

    private final String name;
    private final Clock clock;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Health health = Health.OPERATIONAL;
    private volatile Cause cause = Cause.NONE;
    private volatile String detail = "ok";
    private volatile UnaryOperator<Signal> decorate = UnaryOperator.identity();
    private volatile CountDownLatch gate;
    private volatile RuntimeException failure;
    private final CountDownLatch entered = new CountDownLatch(1);

    public ScriptedProbe(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /** Answers this from now on. */
    public ScriptedProbe answer(Health h, Cause c, String d) {
        this.health = h;
        this.cause = c;
        this.detail = d;
        return this;
    }

    /** Transforms every answer (e.g. to add Retry-After). */
    public ScriptedProbe decorate(UnaryOperator<Signal> op) {
        this.decorate = op;
        return this;
    }

    /** Holds every call until the returned latch is counted down. */
    public CountDownLatch hold() {
        CountDownLatch g = new CountDownLatch(1);
        this.gate = g;
        return g;
    }

    /** Throws this from probe(), against the contract, to test robustness. */
    public ScriptedProbe misbehave(RuntimeException e) {
        this.failure = e;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** Counted down when the first call enters probe(). */
    public CountDownLatch entered() {
        return entered;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Signal probe() {
        calls.incrementAndGet();
        entered.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Signal.of(name, Health.UNKNOWN, Cause.OTHER, Duration.ZERO, clock.instant(), "interrupted");
            }
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        return decorate.apply(Signal.of(name, health, cause, Duration.ofMillis(5), clock.instant(), detail));
    }
}
