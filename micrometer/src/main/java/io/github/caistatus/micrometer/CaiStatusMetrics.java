package io.github.caistatus.micrometer;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.guard.FallbackCounts;
import io.github.caistatus.guard.FallbackReason;
import io.github.caistatus.guard.Guard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * A Micrometer {@link MeterBinder} for one {@link CharacterAiStatus}: its verdict, each probe, its guard's calls
 * and fallbacks, the incidents it observed and, when {@code resilience4j-micrometer} is on the class path, the
 * guard's circuit breaker (resilience4j's own {@code resilience4j.circuitbreaker.*} meters).
 *
 * <pre>{@code
 * CaiStatusMetrics.of(status).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>The meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code cai.status.health{state}} [{@code cai_status_health}]: 1 for the verdict's state, 0 for the others
 *       ({@code operational}, {@code degraded}, {@code partial_outage}, {@code major_outage}, {@code maintenance},
 *       {@code unknown});</li>
 *   <li>{@code cai.status.usable} (1 when worth trying a call) and {@code cai.status.confidence} (0 to 1);</li>
 *   <li>{@code cai.status.probe.latency{probe,role}} [{@code cai_status_probe_latency_seconds}]: how long each
 *       probe's last observation took, and {@code cai.status.probe.health{probe,role,state}}: what it said, one 0/1
 *       gauge per state;</li>
 *   <li>{@code cai.status.calls{answered.by,reason,fallback}} [{@code cai_status_calls_total}]: guarded calls
 *       answered by {@code character.ai} (reason and fallback {@code none}), by a {@code fallback} (the reason
 *       the guard fell back, and the fallback's place in its chain, from {@code 0}), or by {@code none} (no
 *       fallback answered: the host got an exception);</li>
 *   <li>{@code cai.status.calls.short.circuited}: calls answered without being sent, because the verdict held
 *       the breaker open;</li>
 *   <li>{@code cai.status.incidents.observed}: incidents this instance observed (a journal's included), and
 *       {@code cai.status.incidents.active}: incidents active now.</li>
 * </ul>
 *
 * <p>Every value is read when the registry publishes or is scraped (gauges and function counters), so nothing is
 * touched on a guarded call's path. Probes, and fallbacks further down a chain than seen before, get their meters
 * at the first scrape that sees them. Binding resilience4j's breaker meters does add work to every call:
 * resilience4j then publishes an event per call outcome (see the benchmarks in the README); turn it off with
 * {@link #withoutCircuitBreaker()} when the breaker's registry is bound elsewhere.
 */
public final class CaiStatusMetrics implements MeterBinder {

    /** The tag value for "not applicable" (a call Character.AI answered has no reason and no fallback). */
    public static final String NONE = "none";

    private static final String BREAKER_METRICS = "io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics";

    private final CharacterAiStatus status;
    private final Tags tags;
    private final boolean circuitBreaker;

    private CaiStatusMetrics(CharacterAiStatus status, Tags tags, boolean circuitBreaker) {
        this.status = Objects.requireNonNull(status, "status");
        this.tags = tags;
        this.circuitBreaker = circuitBreaker;
    }

    /**
     * A binder for a status instance, with no extra tags; binds the guard's breaker when resilience4j-micrometer
     * is on the class path.
     *
     * <pre>{@code
     * CaiStatusMetrics.of(status).bindTo(registry);
     * }</pre>
     *
     * @param status the instance
     * @return the binder
     */
    public static CaiStatusMetrics of(CharacterAiStatus status) {
        return new CaiStatusMetrics(status, Tags.empty(), true);
    }

    /**
     * The same binder with tags added to each {@code cai.status.*} meter (e.g. the instance's name).
     *
     * <pre>{@code
     * CaiStatusMetrics.of(status).withTags(Tags.of("tenant", "eu")).bindTo(registry);
     * }</pre>
     *
     * @param extra the tags
     * @return a new binder
     */
    public CaiStatusMetrics withTags(Iterable<Tag> extra) {
        return new CaiStatusMetrics(status, tags.and(extra), circuitBreaker);
    }

    /**
     * The same binder without the guard's breaker meters: for a breaker in a registry the host binds itself
     * (e.g. resilience4j's Spring Boot starter), which would otherwise count each call twice.
     *
     * @return a new binder
     */
    public CaiStatusMetrics withoutCircuitBreaker() {
        return new CaiStatusMetrics(status, tags, false);
    }

    /**
     * Whether {@link #bindTo} binds the guard's breaker: asked for, and resilience4j-micrometer on the class path.
     *
     * @return true if it does
     */
    public boolean bindsCircuitBreaker() {
        return circuitBreaker && breakerMetricsPresent();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Bound bound = new Bound(registry);
        for (Health state : Health.values()) {
            Gauge.builder("cai.status.health", status, s -> s.snapshot().health() == state ? 1 : 0)
                    .tags(tags).tag("state", tagValue(state))
                    .description("1 for the verdict's health state, 0 for the others").register(registry);
        }
        // the one gauge that also gives meters to probes and fallbacks first seen: read at every scrape
        Gauge.builder("cai.status.usable", bound, Bound::usable).strongReference(true).tags(tags)
                .description("1 when a call to Character.AI is worth trying").register(registry);
        Gauge.builder("cai.status.confidence", status, s -> s.snapshot().confidence()).tags(tags)
                .description("How sure the verdict is, from 0 to 1").register(registry);
        Guard guard = status.guard();
        FunctionCounter.builder("cai.status.calls", guard, g -> g.callCounts().successful()).tags(tags)
                .tag("answered.by", "character.ai").tag("reason", NONE).tag("fallback", NONE)
                .description("Guarded calls, by who answered them").register(registry);
        for (FallbackReason reason : FallbackReason.values()) {
            FunctionCounter.builder("cai.status.calls", guard, g -> g.fallbackCounts().unanswered(reason)).tags(tags)
                    .tag("answered.by", NONE).tag("reason", tagValue(reason)).tag("fallback", NONE)
                    .description("Guarded calls, by who answered them").register(registry);
        }
        bound.fallbacks(guard.fallbackCounts());
        FunctionCounter.builder("cai.status.calls.short.circuited", guard, Guard::shortCircuitedCalls).tags(tags)
                .description("Calls answered without being sent, the verdict holding the breaker open")
                .register(registry);
        FunctionCounter.builder("cai.status.incidents.observed", status, CaiStatusMetrics::observedIncidents)
                .tags(tags).description("Incidents observed by this instance").register(registry);
        Gauge.builder("cai.status.incidents.active", status, s -> s.snapshot().incidents().size()).tags(tags)
                .description("Incidents active now, official and observed").register(registry);
        if (bindsCircuitBreaker()) {
            BreakerMeters.bind(guard, registry);
        }
    }

    private static double observedIncidents(CharacterAiStatus status) {
        return status.incidents().all().stream().filter(i -> i.source() == Source.OBSERVED).count();
    }

    private static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static boolean breakerMetricsPresent() {
        try {
            Class.forName(BREAKER_METRICS, false, CaiStatusMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The meters of one registry that are made when first seen: probes, and fallbacks by their place. */
    private final class Bound {
        private final MeterRegistry registry;
        private final Set<String> probes = ConcurrentHashMap.newKeySet();
        private volatile int fallbackSlots;

        Bound(MeterRegistry registry) {
            this.registry = registry;
        }

        double usable() {
            StatusSnapshot now = status.snapshot();
            try {
                now.signals().forEach(this::probe);
                fallbacks(status.guard().fallbackCounts());
            } catch (RuntimeException e) {
                // a registry that refuses a meter (e.g. a deny filter's side effect) must not cost the scrape
            }
            return now.health().isUsable() ? 1 : 0;
        }

        private void probe(Signal first) {
            String name = first.probe();
            if (!probes.add(name)) {
                return;
            }
            Tags probeTags = tags.and("probe", name).and("role", tagValue(first.role()));
            TimeGauge.builder("cai.status.probe.latency", status, TimeUnit.NANOSECONDS,
                            latest(name, s -> s.latency().toNanos()))
                    .tags(probeTags).description("How long the probe's last observation took").register(registry);
            for (Health state : Health.values()) {
                Gauge.builder("cai.status.probe.health", status, latest(name, s -> s.health() == state ? 1 : 0))
                        .tags(probeTags).tag("state", tagValue(state))
                        .description("1 for the state the probe's last observation found, 0 for the others")
                        .register(registry);
            }
        }

        synchronized void fallbacks(FallbackCounts counts) {
            int slots = counts.answered().values().stream().mapToInt(List::size).max().orElse(0);
            Guard guard = status.guard();
            for (int index = fallbackSlots; index < slots; index++) {
                int i = index;
                for (FallbackReason reason : FallbackReason.values()) {
                    FunctionCounter.builder("cai.status.calls", guard, g -> g.fallbackCounts().answered(reason, i))
                            .tags(tags).tag("answered.by", "fallback").tag("reason", tagValue(reason))
                            .tag("fallback", Integer.toString(i))
                            .description("Guarded calls, by who answered them").register(registry);
                }
            }
            fallbackSlots = Math.max(fallbackSlots, slots);
        }
    }

    /** A value of the probe's latest signal, NaN while it has none. */
    private static ToDoubleFunction<CharacterAiStatus> latest(String probe, ToDoubleFunction<Signal> value) {
        return s -> s.snapshot().signal(probe).map(value::applyAsDouble).orElse(Double.NaN);
    }

    /** Kept apart so that resilience4j-micrometer's classes load only when it is on the class path. */
    private static final class BreakerMeters {
        static void bind(Guard guard, MeterRegistry registry) {
            io.github.resilience4j.circuitbreaker.CircuitBreaker breaker = guard.circuitBreaker();
            // resilience4j binds registries, not breakers: a registry of this one breaker
            io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry one =
                    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.ofDefaults();
            one.circuitBreaker(breaker.getName());
            one.replace(breaker.getName(), breaker);
            io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(one)
                    .bindTo(registry);
        }
    }
}
