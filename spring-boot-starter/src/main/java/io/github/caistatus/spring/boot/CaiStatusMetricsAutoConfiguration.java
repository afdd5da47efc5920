package io.github.caistatus.spring.boot;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.micrometer.CaiStatusMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@code cai.status.*} meters as a {@code MeterBinder} bean, which Spring Boot binds to every
 * {@link MeterRegistry}: when the app has a registry (Actuator with a registry such as Prometheus) and
 * {@code cai.status.metrics.enabled} is not false. Comes after Boot's registries, Boot 4's or Boot 3's.
 */
@AutoConfiguration(after = CaiStatusAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, CaiStatusMetrics.class})
@ConditionalOnBean({MeterRegistry.class, CharacterAiStatus.class})
@ConditionalOnProperty(prefix = "cai.status.metrics", name = "enabled", matchIfMissing = true)
public class CaiStatusMetricsAutoConfiguration {

    /** Made by Spring. */
    public CaiStatusMetricsAutoConfiguration() {
    }

    /**
     * The binder. The guard's breaker is bound too unless {@code cai.status.metrics.circuit-breaker} is false, or
     * is unset and the app has its own {@code CircuitBreakerRegistry} (resilience4j's starter binds that one).
     *
     * @param status     the status instance
     * @param properties the properties
     * @param registries the app's breaker registry, if it has one
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public CaiStatusMetrics caiStatusMetrics(CharacterAiStatus status, CaiStatusProperties properties,
                                             ObjectProvider<CircuitBreakerRegistry> registries) {
        Boolean breaker = properties.metrics().circuitBreaker();
        boolean bindBreaker = breaker != null ? breaker : registries.getIfAvailable() == null;
        CaiStatusMetrics metrics = CaiStatusMetrics.of(status);
        return bindBreaker ? metrics : metrics.withoutCircuitBreaker();
    }
}
