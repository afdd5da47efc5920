package io.github.caistatus.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.guard.Fallbacks;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binder's meters follow a real status instance probing the simulator on loopback. */
class CaiStatusMetricsTest {

    private final CharacterAiSimulator sim = CharacterAiSimulator.start();
    private final CharacterAiStatus status = CharacterAiStatus.builder()
            .endpoint(sim.healthUri()).statusPage(sim.statusPageUri()).control(sim.controlUri())
            .intervals(Duration.ofMillis(100), Duration.ofMillis(100)).downAfter(1).upAfter(1)
            .timeout(Duration.ofSeconds(2)).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        status.close();
        sim.close();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double calls(String... tags) {
        return registry.get("cai.status.calls").tags(tags).functionCounter().count();
    }

    @Test
    void theHealthIsOneGaugePerStateWithTheVerdictsStateAtOne() {
        CaiStatusMetrics.of(status).bindTo(registry);

        await().atMost(10, TimeUnit.SECONDS).until(() -> gauge("cai.status.health", "state", "operational") == 1);
        assertThat(registry.get("cai.status.health").gauges()).hasSize(Health.values().length);
        assertThat(gauge("cai.status.health", "state", "major_outage")).isZero();
        assertThat(gauge("cai.status.usable")).isEqualTo(1);
        assertThat(gauge("cai.status.confidence")).isBetween(0.0, 1.0);

        sim.setMode(Mode.ERROR_500);

        await().atMost(10, TimeUnit.SECONDS).until(() -> gauge("cai.status.health", "state", "major_outage") == 1);
        assertThat(gauge("cai.status.health", "state", "operational")).isZero();
        assertThat(gauge("cai.status.usable")).isZero();
    }

    @Test
    void eachProbeGetsItsLatencyInSecondsAndItsOutcomeOnceSeen() {
        CaiStatusMetrics.of(status).bindTo(registry);

        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            gauge("cai.status.usable"); // the scrape that gives probes their meters
            return registry.find("cai.status.probe.latency").tags("probe", "endpoint", "role", "endpoint")
                    .timeGauge() != null;
        });
        assertThat(registry.get("cai.status.probe.latency").tags("probe", "endpoint").timeGauge().baseTimeUnit())
                .isEqualTo(TimeUnit.SECONDS);
        assertThat(registry.get("cai.status.probe.latency").tags("probe", "endpoint").timeGauge()
                .value(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0.0);
        assertThat(gauge("cai.status.probe.health", "probe", "control", "role", "control", "state", "operational"))
                .isEqualTo(1);
        assertThat(registry.find("cai.status.probe.health").tags("probe", "official", "role", "official_page")
                .gauges()).hasSize(Health.values().length);
    }

    @Test
    void callsAreCountedByWhoAnsweredAndFallbacksByReasonAndPlace() {
        CaiStatusMetrics.of(status).bindTo(registry);
        await().atMost(10, TimeUnit.SECONDS).until(() -> status.snapshot().health() == Health.OPERATIONAL);

        status.guard().call(() -> "hi").fallback(Fallbacks.cannedReply()).get();
        status.guard().call(() -> { throw new IllegalStateException("boom"); })
                .fallback(ctx -> { throw new IllegalStateException("other provider down too"); })
                .fallback(ctx -> "canned").get();
        sim.setMode(Mode.MAINTENANCE);
        await().atMost(10, TimeUnit.SECONDS).until(() -> status.snapshot().health() == Health.MAINTENANCE);
        status.guard().call(() -> "never sent").fallback(ctx -> "back soon").get();

        assertThat(calls("answered.by", "character.ai", "reason", "none", "fallback", "none")).isEqualTo(1);
        assertThat(calls("answered.by", "fallback", "reason", "call_failed", "fallback", "1")).isEqualTo(1);
        assertThat(calls("answered.by", "fallback", "reason", "maintenance", "fallback", "0")).isEqualTo(1);
        assertThat(calls("answered.by", "fallback", "reason", "call_failed", "fallback", "0")).isZero();
        assertThat(registry.get("cai.status.calls.short.circuited").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void theGuardsBreakerIsBoundWithResilience4jsOwnMeters() {
        CaiStatusMetrics binder = CaiStatusMetrics.of(status);
        binder.bindTo(registry);

        assertThat(binder.bindsCircuitBreaker()).isTrue();
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "character.ai", "state", "closed")
                .gauge().value()).isEqualTo(1);
    }

    @Test
    void withoutTheBreakerOnlyTheCaiStatusMetersAreBound() {
        CaiStatusMetrics binder = CaiStatusMetrics.of(status).withoutCircuitBreaker();
        binder.bindTo(registry);

        assertThat(binder.bindsCircuitBreaker()).isFalse();
        assertThat(registry.find("resilience4j.circuitbreaker.state").gauges()).isEmpty();
        assertThat(registry.get("cai.status.calls.short.circuited").functionCounter()).isNotNull();
    }

    @Test
    void extraTagsAreOnEveryCaiStatusMeter() {
        CaiStatusMetrics.of(status).withTags(io.micrometer.core.instrument.Tags.of("tenant", "eu")).bindTo(registry);

        assertThat(registry.getMeters()).filteredOn(m -> m.getId().getName().startsWith("cai.status"))
                .allSatisfy(m -> assertThat(m.getId().getTag("tenant")).isEqualTo("eu"));
    }
}
