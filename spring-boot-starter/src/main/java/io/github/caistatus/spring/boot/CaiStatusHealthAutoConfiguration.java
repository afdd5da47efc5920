package io.github.caistatus.spring.boot;

import io.github.caistatus.CharacterAiStatus;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot 4's {@code characterAi} health component ({@code /actuator/health/characterAi}): the verdict as a
 * status (see {@link CharacterAiHealth} for why an outage keeps the application {@code UP}) with its details.
 * Off with {@code management.health.characterai.enabled=false}.
 */
@AutoConfiguration(after = CaiStatusAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(CharacterAiStatus.class)
@ConditionalOnEnabledHealthIndicator("characterai")
public class CaiStatusHealthAutoConfiguration {

    /** Made by Spring. */
    public CaiStatusHealthAutoConfiguration() {
    }

    /**
     * The health indicator, named {@code characterAi} by its bean's name.
     *
     * @param status     the status instance
     * @param properties the properties
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "characterAiHealthIndicator")
    public HealthIndicator characterAiHealthIndicator(CharacterAiStatus status, CaiStatusProperties properties) {
        boolean affects = properties.health().affectsApplication();
        return () -> {
            var snapshot = status.snapshot();
            return Health.status(new Status(CharacterAiHealth.code(snapshot, affects), snapshot.summary()))
                    .withDetails(CharacterAiHealth.details(snapshot, status.guard().circuitBreaker())).build();
        };
    }
}
