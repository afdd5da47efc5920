package io.github.caistatus.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.micrometer.CaiStatusMetrics;
import io.github.caistatus.spring.boot.CaiStatusAutoConfiguration;
import io.github.caistatus.spring.boot.CaiStatusHealthAutoConfiguration;
import io.github.caistatus.spring.boot.CaiStatusMetricsAutoConfiguration;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configuration and this adapter's health component on Spring Boot 3.5. */
class CaiStatusBoot3Test {

    private static final CharacterAiSimulator SIM = CharacterAiSimulator.start();

    // the starter's three auto-configurations, as its imports file lists them, and this module's
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CaiStatusAutoConfiguration.class,
                    CaiStatusMetricsAutoConfiguration.class, CaiStatusHealthAutoConfiguration.class,
                    CaiStatusBoot3HealthAutoConfiguration.class))
            .withPropertyValues("cai.status.endpoint=" + SIM.healthUri(),
                    "cai.status.intervals.healthy=100ms", "cai.status.intervals.unhealthy=100ms",
                    "cai.status.down-after=1", "cai.status.up-after=1");

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void theStatusAndGuardComeFromTheSharedAutoConfiguration() {
        runner.run(ctx -> assertThat(ctx).hasSingleBean(CharacterAiStatus.class).hasSingleBean(Guard.class));
    }

    @Test
    void theHealthComponentIsBoot3sAndFollowsTheVerdict() {
        runner.run(ctx -> {
            HealthIndicator health = ctx.getBean("characterAiHealthIndicator", HealthIndicator.class);
            await().atMost(10, TimeUnit.SECONDS).until(() -> health.health().getStatus().getCode().equals("UP"));
            SIM.setMode(Mode.ERROR_500);
            try {
                await().atMost(10, TimeUnit.SECONDS)
                        .until(() -> health.health().getStatus().getCode().equals("OUTAGE"));
                assertThat(health.health().getDetails()).containsEntry("verdict", "MAJOR_OUTAGE");
            } finally {
                SIM.setMode(Mode.UP);
            }
        });
    }

    @Test
    void anOutageIsDownWhenTheAppOptsIn() {
        runner.withPropertyValues("cai.status.health.affects-application=true").run(ctx -> {
            HealthIndicator health = ctx.getBean("characterAiHealthIndicator", HealthIndicator.class);
            SIM.setMode(Mode.ERROR_500);
            try {
                await().atMost(10, TimeUnit.SECONDS).until(() -> health.health().getStatus().getCode().equals("DOWN"));
            } finally {
                SIM.setMode(Mode.UP);
            }
        });
    }

    @Test
    void theHealthComponentCanBeTurnedOff() {
        runner.withPropertyValues("management.health.characterai.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean("characterAiHealthIndicator"));
    }

    @Test
    void theMetersAreBoundToBoot3sMeterRegistry() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
                    assertThat(ctx).hasSingleBean(CaiStatusMetrics.class);
                    assertThat(ctx.getBean(MeterRegistry.class).find("cai.status.health").gauges())
                            .hasSize(Health.values().length);
                });
    }
}
