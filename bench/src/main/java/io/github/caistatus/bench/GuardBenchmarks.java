package io.github.caistatus.bench;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.guard.Fallback;
import io.github.caistatus.guard.FallbackContext;
import io.github.caistatus.guard.FallbackReason;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.guard.GuardedFunction;
import io.github.caistatus.guard.StallDetection;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What the guard costs a host, healthy and in an outage, against the bare call and the fallback's own work.
 *
 * <p>Two instances of our own, each checking only when asked ({@code background(false)}), each with one
 * scripted probe and thresholds (1, 1): "healthy" has an OPERATIONAL verdict and a closed breaker; "down" has
 * a MAJOR_OUTAGE verdict, which holds its breaker forced open. {@link #setUp()} proves each is in that
 * state, and {@link #tearDown()} proves the measured calls took the path named (the outage calls were
 * answered without asking the breaker, the healthy ones were recorded as successes and never fell back):
 * if not, the run fails instead of reporting a number for the wrong path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class GuardBenchmarks {

    private final Supplier<String> call = Work::reply;
    private final Function<String, String> chat = message -> Work.reply();
    private final Fallback<String> fallback = context -> Work.fallback();
    private final String message = "hello";

    private CharacterAiStatus healthy;
    private CharacterAiStatus down;
    /** As {@link #healthy}, with stall detection off (the default of a bare {@code Guard.builder()}). */
    private CharacterAiStatus healthyStallOff;
    private GuardedFunction<String, String> healthyStallOffChat;
    private GuardedFunction<String, String> healthyChat;
    private GuardedFunction<String, String> downChat;
    private FallbackContext outageContext;
    private Guard shared;
    private long sharedShortCircuitedBefore;
    private String benchmark;

    /**
     * Builds both instances, proves their states, and wraps the chat call once per instance.
     *
     * @param params which benchmark this fork runs
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        benchmark = params.getBenchmark();
        healthy = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().background(false)
                .downAfter(1).upAfter(1).probe(FixedProbe.operational()).build();
        down = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().background(false)
                .downAfter(1).upAfter(1).probe(FixedProbe.majorOutage()).build();
        healthyStallOff = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().background(false)
                .downAfter(1).upAfter(1).probe(FixedProbe.operational()).stallDetection(StallDetection.off()).build();
        require(healthyStallOff.refresh().health() == Health.OPERATIONAL, "stall-off verdict is not operational");
        require(healthy.guard().stallDetection().enabled() && !healthyStallOff.guard().stallDetection().enabled(),
                "stall detection is not on for healthy and off for healthyStallOff");
        healthyStallOffChat = healthyStallOff.guard().decorate(chat).fallback(fallback);
        StatusSnapshot ok = healthy.refresh();
        StatusSnapshot outage = down.refresh();
        require(ok.health() == Health.OPERATIONAL, "healthy verdict is " + ok.health());
        require(outage.health() == Health.MAJOR_OUTAGE, "outage verdict is " + outage.health());
        require(state(healthy) == CircuitBreaker.State.CLOSED, "healthy breaker is " + state(healthy));
        require(state(down) == CircuitBreaker.State.FORCED_OPEN, "outage breaker is " + state(down));

        healthyChat = healthy.guard().decorate(chat).fallback(fallback);
        downChat = down.guard().decorate(chat).fallback(fallback);

        long before = down.guard().shortCircuitedCalls();
        String answer = downChat.apply(message);
        require(Work.FALLBACK.equals(answer), "outage answer is " + answer);
        require(down.guard().shortCircuitedCalls() == before + 1, "the outage call was not short-circuited");
        require(Work.REPLY.equals(healthyChat.apply(message)), "healthy call fell back");

        // the fallback's own work, given the context the guard would give it
        outageContext = FallbackContext.of(FallbackReason.STATUS_DOWN, outage, Optional.empty(),
                Optional.of(Duration.ofMinutes(30)));

        if (!benchmark.endsWith(".staticGuardHealthy")) {
            return; // building the shared instance starts its probes: only in the fork that measures it
        }
        // the static form uses the shared default instance; without network its verdict must still be usable
        shared = CharacterAiStatus.shared().guard();
        require(shared.circuitBreaker().getState() == CircuitBreaker.State.CLOSED,
                "the shared guard's breaker is " + shared.circuitBreaker().getState() + " (verdict "
                        + CharacterAiStatus.current().health() + "): staticGuardHealthy would not measure the healthy path");
        sharedShortCircuitedBefore = shared.shortCircuitedCalls();
    }

    /** Proves the measured calls took the path their benchmark names, then stops the instances. */
    @TearDown
    public void tearDown() {
        try {
            CircuitBreaker.Metrics ok = healthy.guard().circuitBreaker().getMetrics();
            require(state(healthy) == CircuitBreaker.State.CLOSED, "healthy breaker ended " + state(healthy));
            require(ok.getNumberOfFailedCalls() == 0 && ok.getNumberOfNotPermittedCalls() == 0,
                    "healthy calls failed or were refused");
            require(healthy.guard().shortCircuitedCalls() == 0, "healthy calls were short-circuited");

            CircuitBreaker.Metrics out = down.guard().circuitBreaker().getMetrics();
            require(state(down) == CircuitBreaker.State.FORCED_OPEN, "outage breaker ended " + state(down));
            require(out.getNumberOfBufferedCalls() == 0 && out.getNumberOfNotPermittedCalls() == 0,
                    "outage calls reached the breaker");
            if (benchmark.contains("Outage")) {
                require(down.guard().shortCircuitedCalls() > 1_000, "outage calls were not short-circuited");
            }
            if (benchmark.contains("Healthy") && !benchmark.endsWith(".staticGuardHealthy")) {
                require(ok.getNumberOfSuccessfulCalls() > 1, "healthy calls were not recorded as successes");
            }
            if (shared != null) {
                require(shared.circuitBreaker().getState() == CircuitBreaker.State.CLOSED
                                && shared.shortCircuitedCalls() == sharedShortCircuitedBefore
                                && shared.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls() > 1,
                        "the shared guard left the healthy path during the run");
            }
        } finally {
            require(!healthy.guard().isStalled() && healthy.guard().shortCircuitedCalls() == 0,
                    "the healthy guard declared a stall");
            healthy.close();
            healthyStallOff.close();
            down.close();
        }
    }

    private static CircuitBreaker.State state(CharacterAiStatus status) {
        return status.guard().circuitBreaker().getState();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up is wrong: " + problem);
        }
    }

    // ---- healthy ----

    /** The call itself, unguarded: the baseline of the healthy path. */
    @Benchmark
    public String bareCall() {
        return call.get();
    }

    /** Healthy, a client wrapped once: {@code status.guard().decorate(fn).fallback(...)}, then {@code apply}. */
    @Benchmark
    public String decoratorHealthy() {
        return healthyChat.apply(message);
    }

    /** Healthy, the fluent form built per call: {@code status.guard().call(s).fallback(f).get()}. */
    @Benchmark
    public String perCallHealthy() {
        return healthy.guard().call(call).fallback(fallback).get();
    }

    /** Healthy, a client wrapped once, stall detection off (the default builder has it on). */
    @Benchmark
    public String decoratorHealthyStallOff() {
        return healthyStallOffChat.apply(message);
    }

    /** Healthy, the fluent form built per call, stall detection off. */
    @Benchmark
    public String perCallHealthyStallOff() {
        return healthyStallOff.guard().call(call).fallback(fallback).get();
    }

    /** Two threads through one guard's decorator, stall detection off. */
    @Benchmark
    @Threads(2)
    public String decoratorHealthyTwoThreadsStallOff() {
        return healthyStallOffChat.apply(message);
    }

    /** Healthy, on the shared default instance: {@code CharacterAiStatus.shared().guard().call(s)...get()}. */
    @Benchmark
    public String sharedGuardHealthy() {
        return CharacterAiStatus.shared().guard().call(call).fallback(fallback).get();
    }

    /** Two threads through one guard's decorator. */
    @Benchmark
    @Threads(2)
    public String decoratorHealthyTwoThreads() {
        return healthyChat.apply(message);
    }

    /** Two threads through one guard, the per-call form. */
    @Benchmark
    @Threads(2)
    public String perCallHealthyTwoThreads() {
        return healthy.guard().call(call).fallback(fallback).get();
    }

    // ---- outage ----

    /** The fallback's own work, given a context: the baseline of the outage path. */
    @Benchmark
    public String fallbackOwnWork() throws Exception {
        return fallback.apply(outageContext);
    }

    /** Outage, a client wrapped once: the verdict holds the breaker open and the fallback answers. */
    @Benchmark
    public String decoratorOutage() {
        return downChat.apply(message);
    }

    /** Outage, the fluent form built per call. */
    @Benchmark
    public String perCallOutage() {
        return down.guard().call(call).fallback(fallback).get();
    }

    // ---- the per-call form when the guard's own code is not inlined into the host's method ----
    // In a real host, Guard.run may be compiled on its own and called, not inlined (it is big, and shared by
    // every call site). GuardedCall.get() hands it field values only, so the GuardedCall still never escapes.

    /** Healthy, per call, with the guard's body kept out of line. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-XX:CompileCommand=quiet",
            "-XX:CompileCommand=dontinline,io.github.caistatus.guard.Guard::run"})
    public String perCallHealthyGuardNotInlined() {
        return healthy.guard().call(call).fallback(fallback).get();
    }

    /** Outage, per call, with the guard's body kept out of line. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-XX:CompileCommand=quiet",
            "-XX:CompileCommand=dontinline,io.github.caistatus.guard.Guard::run"})
    public String perCallOutageGuardNotInlined() {
        return down.guard().call(call).fallback(fallback).get();
    }

    /** Two threads answered by the fallback through one guard in an outage. */
    @Benchmark
    @Threads(2)
    public String decoratorOutageTwoThreads() {
        return downChat.apply(message);
    }
}
