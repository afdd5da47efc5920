package io.github.caistatus.bench;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.guard.Fallback;
import io.github.caistatus.guard.GuardedFunction;
import io.github.caistatus.micrometer.CaiStatusMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What binding the meters costs a guarded call: the healthy path and the outage path of {@link GuardBenchmarks},
 * with no meters, with the {@code cai.status.*} meters (read at scrape time only), and with resilience4j's breaker
 * meters as well (which make resilience4j publish an event per call outcome). Same run, same forks' settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class MeteredGuardBenchmarks {

    /** none: no meters; cai: CaiStatusMetrics without the breaker; cai+breaker: with resilience4j's breaker meters. */
    @Param({"none", "cai", "cai+breaker"})
    public String meters;

    private final Function<String, String> chat = message -> Work.reply();
    private final Fallback<String> fallback = context -> Work.fallback();
    private final String message = "hello";

    private CharacterAiStatus healthy;
    private CharacterAiStatus down;
    private GuardedFunction<String, String> healthyChat;
    private GuardedFunction<String, String> downChat;
    private SimpleMeterRegistry registry;
    private SimpleMeterRegistry downRegistry;

    @Setup
    public void setUp() {
        healthy = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().background(false)
                .downAfter(1).upAfter(1).probe(FixedProbe.operational()).build();
        down = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().background(false)
                .downAfter(1).upAfter(1).probe(FixedProbe.majorOutage()).build();
        require(healthy.refresh().health() == Health.OPERATIONAL, "healthy verdict");
        require(down.refresh().health() == Health.MAJOR_OUTAGE, "outage verdict");
        registry = new SimpleMeterRegistry();
        downRegistry = new SimpleMeterRegistry(); // one instance per registry, as an app has
        if (!meters.equals("none")) {
            bind(healthy, registry);
            bind(down, downRegistry);
        }
        require(registry.find("resilience4j.circuitbreaker.state").gauges().isEmpty() != meters.equals("cai+breaker"),
                "breaker meters bound for " + meters);
        healthyChat = healthy.guard().decorate(chat).fallback(fallback);
        downChat = down.guard().decorate(chat).fallback(fallback);
        require(Work.REPLY.equals(healthyChat.apply(message)), "healthy call fell back");
        require(Work.FALLBACK.equals(downChat.apply(message)), "outage call was answered");
    }

    private void bind(CharacterAiStatus status, SimpleMeterRegistry to) {
        CaiStatusMetrics m = CaiStatusMetrics.of(status);
        (meters.equals("cai+breaker") ? m : m.withoutCircuitBreaker()).bindTo(to);
    }

    @TearDown
    public void tearDown(BenchmarkParams params) {
        try {
            if (!meters.equals("none")) { // the meters saw the calls: they measured what they claim to
                boolean outage = params.getBenchmark().endsWith(".outage");
                double counted = outage
                        ? downRegistry.get("cai.status.calls.short.circuited").functionCounter().count()
                        : registry.get("cai.status.calls").tags("answered.by", "character.ai").functionCounter().count();
                require(counted > 1_000, (outage ? "outage" : "healthy") + " calls not counted: " + counted);
            }
        } finally {
            healthy.close();
            down.close();
        }
    }

    @Benchmark
    public String healthy() {
        return healthyChat.apply(message);
    }

    @Benchmark
    public String outage() {
        return downChat.apply(message);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("MeteredGuardBenchmarks set-up: " + what);
        }
    }
}
