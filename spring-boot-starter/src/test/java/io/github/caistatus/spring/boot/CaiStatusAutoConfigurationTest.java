package io.github.caistatus.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.history.JournalIncidentLog;
import io.github.caistatus.micrometer.CaiStatusMetrics;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every condition and property of the starter, on a real context and a real status instance probing the
 * simulator on loopback (the build's system properties turn the default probes off, so nothing leaves the
 * machine).
 */
class CaiStatusAutoConfigurationTest {

    private static final CharacterAiSimulator SIM = CharacterAiSimulator.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CaiStatusAutoConfiguration.class,
                    CaiStatusMetricsAutoConfiguration.class, CaiStatusHealthAutoConfiguration.class));

    private ApplicationContextRunner onSimulator() {
        return runner.withPropertyValues("cai.status.endpoint=" + SIM.healthUri(),
                "cai.status.intervals.healthy=100ms", "cai.status.intervals.unhealthy=100ms",
                "cai.status.down-after=1", "cai.status.up-after=1");
    }

    @AfterEach
    void up() {
        SIM.setMode(Mode.UP);
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void aStatusAndItsGuardAreMadeWithNoCodeOfTheApps() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(CharacterAiStatus.class).hasSingleBean(Guard.class);
            assertThat(ctx.getBean(Guard.class)).isSameAs(ctx.getBean(CharacterAiStatus.class).guard());
        });
    }

    @Test
    void theStatusIsClosedWithTheContextAndTheGuardOnlyThroughIt() {
        runner.run(ctx -> {
            assertThat(ctx.getBeanFactory().getBeanDefinition("characterAiStatus").getDestroyMethodName())
                    .isEqualTo("close");
            assertThat(ctx.getBeanFactory().getBeanDefinition("characterAiGuard").getDestroyMethodName())
                    .isNullOrEmpty();
        });
    }

    @Test
    void theAppsOwnStatusIsUsedInstead() {
        runner.withUserConfiguration(OwnStatus.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(CharacterAiStatus.class);
            assertThat(ctx.getBean(CharacterAiStatus.class)).isSameAs(ctx.getBean("mine"));
        });
    }

    @Test
    void theEndpointPropertyIsProbed() {
        onSimulator().run(ctx -> {
            CharacterAiStatus status = ctx.getBean(CharacterAiStatus.class);
            await().atMost(10, TimeUnit.SECONDS).until(() -> status.snapshot().signal("endpoint").isPresent());
            assertThat(status.snapshot().signal("official")).isEmpty();
        });
    }

    @Test
    void thresholdsAndIntervalsFollowTheProperties() {
        onSimulator().run(ctx -> {
            CharacterAiStatus status = ctx.getBean(CharacterAiStatus.class);
            await().atMost(10, TimeUnit.SECONDS).until(() -> status.snapshot().health() == Health.OPERATIONAL);
            SIM.setMode(Mode.ERROR_500);
            // down after one failed check, rechecked every 100 ms: well within the bound
            await().atMost(10, TimeUnit.SECONDS).until(() -> status.snapshot().health() == Health.MAJOR_OUTAGE);
        });
    }

    @Test
    void onlyOneIntervalIsAMistakeSaidAtStartUp() {
        runner.withPropertyValues("cai.status.intervals.healthy=10s").run(ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("cai.status.intervals"));
    }

    @Test
    void theBreakerNameIsAProperty() {
        runner.withPropertyValues("cai.status.breaker-name=cai").run(ctx ->
                assertThat(ctx.getBean(Guard.class).circuitBreaker().getName()).isEqualTo("cai"));
    }

    @Test
    void theAppsCircuitBreakerRegistryHoldsTheGuardsBreaker() {
        runner.withUserConfiguration(OwnRegistry.class).run(ctx ->
                assertThat(ctx.getBean(CircuitBreakerRegistry.class).find(Guard.DEFAULT_NAME))
                        .containsSame(ctx.getBean(Guard.class).circuitBreaker()));
    }

    @Test
    void aJournalIsOpenedWhenItsPathIsSet(@TempDir Path dir) {
        Path file = dir.resolve("incidents.jsonl");
        runner.withPropertyValues("cai.status.journal=" + file).run(ctx -> {
            assertThat(ctx).hasSingleBean(JournalIncidentLog.class);
            assertThat(file).exists();
            assertThat(ctx.getBean(CharacterAiStatus.class).incidents())
                    .isSameAs(ctx.getBean(JournalIncidentLog.class));
        });
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(JournalIncidentLog.class));
    }

    @Test
    void customizersChangeTheBuilderLast() {
        runner.withPropertyValues("cai.status.breaker-name=from-properties")
                .withBean(CaiStatusBuilderCustomizer.class, () -> b -> b.circuitBreakerName("from-code"))
                .run(ctx -> assertThat(ctx.getBean(Guard.class).circuitBreaker().getName()).isEqualTo("from-code"));
    }

    @Test
    void theHealthComponentIsUpWhileCharacterAiIsOperational() {
        onSimulator().run(ctx -> {
            HealthIndicator health = ctx.getBean("characterAiHealthIndicator", HealthIndicator.class);
            await().atMost(10, TimeUnit.SECONDS).until(() -> health.health().getStatus().getCode().equals("UP"));
            assertThat(health.health().getDetails()).containsEntry("verdict", "OPERATIONAL")
                    .containsEntry("breaker", "CLOSED").containsKeys("cause", "summary", "confidence", "signals");
        });
    }

    @Test
    void anOutageIsAStatusOfItsOwnByDefault() {
        onSimulator().run(ctx -> {
            HealthIndicator health = ctx.getBean("characterAiHealthIndicator", HealthIndicator.class);
            SIM.setMode(Mode.ERROR_500);
            await().atMost(10, TimeUnit.SECONDS).until(() -> health.health().getStatus().getCode().equals("OUTAGE"));
        });
    }

    @Test
    void anOutageIsDownWhenTheAppOptsIn() {
        onSimulator().withPropertyValues("cai.status.health.affects-application=true").run(ctx -> {
            HealthIndicator health = ctx.getBean("characterAiHealthIndicator", HealthIndicator.class);
            SIM.setMode(Mode.ERROR_500);
            await().atMost(10, TimeUnit.SECONDS).until(() -> health.health().getStatus().getCode().equals("DOWN"));
        });
    }

    @Test
    void theHealthComponentCanBeTurnedOff() {
        runner.withPropertyValues("management.health.characterai.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean("characterAiHealthIndicator"));
    }

    @Test
    void noMetersWithoutAMeterRegistry() {
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(CaiStatusMetrics.class));
    }

    @Test
    void theMetersAreBoundToTheAppsMeterRegistry() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
                    assertThat(ctx).hasSingleBean(CaiStatusMetrics.class);
                    MeterRegistry registry = ctx.getBean(MeterRegistry.class);
                    assertThat(registry.find("cai.status.health").gauges()).hasSize(Health.values().length);
                    assertThat(registry.find("resilience4j.circuitbreaker.state").gauges()).isNotEmpty();
                });
    }

    @Test
    void theMetersCanBeTurnedOff() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("cai.status.metrics.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(CaiStatusMetrics.class));
    }

    @Test
    void theBreakerOfTheAppsOwnRegistryIsLeftToItsOwnBinder() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withUserConfiguration(OwnRegistry.class)
                .run(ctx -> assertThat(ctx.getBean(CaiStatusMetrics.class).bindsCircuitBreaker()).isFalse());
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withUserConfiguration(OwnRegistry.class)
                .withPropertyValues("cai.status.metrics.circuit-breaker=true")
                .run(ctx -> assertThat(ctx.getBean(CaiStatusMetrics.class).bindsCircuitBreaker()).isTrue());
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("cai.status.metrics.circuit-breaker=false")
                .run(ctx -> assertThat(ctx.getBean(CaiStatusMetrics.class).bindsCircuitBreaker()).isFalse());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStatus {
        @Bean(destroyMethod = "close")
        CharacterAiStatus mine() {
            return CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl()
                    .firstVerdictWait(Duration.ZERO).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {
        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return CircuitBreakerRegistry.ofDefaults();
        }
    }
}
