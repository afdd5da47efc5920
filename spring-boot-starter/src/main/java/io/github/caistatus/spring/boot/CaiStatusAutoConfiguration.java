package io.github.caistatus.spring.boot;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.CharacterAiStatusBuilder;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.history.BundledHistory;
import io.github.caistatus.history.JournalIncidentLog;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link CharacterAiStatus} built from the {@code cai.status.*} properties (closed when the context closes),
 * its {@link Guard}, and a journal of observed incidents when {@code cai.status.journal} is set. Uses the app's
 * {@code CircuitBreakerRegistry} bean, if it has exactly one, for the guard's breaker. Each bean backs off when
 * the app defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(CharacterAiStatus.class)
@EnableConfigurationProperties(CaiStatusProperties.class)
public class CaiStatusAutoConfiguration {

    /** Made by Spring. */
    public CaiStatusAutoConfiguration() {
    }

    /**
     * The journal of observed incidents, replayed onto the bundled history, when {@code cai.status.journal} is set.
     *
     * @param properties the properties
     * @return the journal, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(IncidentLog.class)
    @ConditionalOnProperty(prefix = "cai.status", name = "journal")
    public JournalIncidentLog caiStatusJournal(CaiStatusProperties properties) {
        return JournalIncidentLog.open(properties.journal(), BundledHistory.get().newLog());
    }

    /**
     * The status instance.
     *
     * @param properties  the properties
     * @param registries  the app's breaker registry, if it has one
     * @param logs        the app's incident log (or the journal), if any
     * @param customizers changes of the app's own, applied last
     * @return the instance, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public CharacterAiStatus characterAiStatus(CaiStatusProperties properties,
                                               ObjectProvider<CircuitBreakerRegistry> registries,
                                               ObjectProvider<IncidentLog> logs,
                                               ObjectProvider<CaiStatusBuilderCustomizer> customizers) {
        CharacterAiStatusBuilder b = CharacterAiStatus.builder();
        address(properties.endpoint(), b::endpoint, b::noEndpoint);
        address(properties.statusPage(), b::statusPage, b::noStatusPage);
        address(properties.control(), b::control, b::noControl);
        if (properties.timeout() != null) {
            b.timeout(properties.timeout());
        }
        CaiStatusProperties.Intervals intervals = properties.intervals();
        if (intervals.healthy() != null || intervals.unhealthy() != null) {
            if (intervals.healthy() == null || intervals.unhealthy() == null) {
                throw new IllegalArgumentException(
                        "cai.status.intervals: set both healthy and unhealthy, or neither: " + intervals);
            }
            b.intervals(intervals.healthy(), intervals.unhealthy());
        }
        if (properties.downAfter() != null) {
            b.downAfter(properties.downAfter());
        }
        if (properties.upAfter() != null) {
            b.upAfter(properties.upAfter());
        }
        if (properties.firstVerdictWait() != null) {
            b.firstVerdictWait(properties.firstVerdictWait());
        }
        b.background(properties.background());
        b.circuitBreakerName(properties.breakerName());
        CircuitBreakerRegistry registry = registries.getIfUnique();
        if (registry != null) {
            b.circuitBreakerRegistry(registry);
        }
        IncidentLog log = logs.getIfUnique();
        if (log != null) {
            b.incidentLog(log);
        }
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /**
     * The status instance's guard. Not closed on its own: the status closes it.
     *
     * @param status the status instance
     * @return its guard
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public Guard characterAiGuard(CharacterAiStatus status) {
        return status.guard();
    }

    private static void address(String value, Consumer<URI> set, Runnable none) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.strip().equalsIgnoreCase("none")) {
            none.run();
        } else {
            set.accept(URI.create(value.strip()));
        }
    }
}
