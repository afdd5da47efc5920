package io.github.caistatus.spring.boot3;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.spring.boot.CaiStatusAutoConfiguration;
import io.github.caistatus.spring.boot.CaiStatusProperties;
import io.github.caistatus.spring.boot.CharacterAiHealth;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot 3's {@code characterAi} health component ({@code /actuator/health/characterAi}), the same as the
 * starter's for Boot 4 (see {@link CharacterAiHealth}) in Boot 3's Actuator package. Off with
 * {@code management.health.characterai.enabled=false}.
 */
@AutoConfiguration(after = CaiStatusAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(CharacterAiStatus.class)
@ConditionalOnEnabledHealthIndicator("characterai")
public class CaiStatusBoot3HealthAutoConfiguration {

    /** Made by Spring. */
    public CaiStatusBoot3HealthAutoConfiguration() {
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
