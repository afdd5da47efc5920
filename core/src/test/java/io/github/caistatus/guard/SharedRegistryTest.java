package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host that already uses resilience4j shares its registry: our breaker is in it, with its metrics. */
class SharedRegistryTest {

    private final FakeStatus status = new FakeStatus();
    private final CircuitBreakerConfig hostDefaults = CircuitBreakerConfig.custom()
            .minimumNumberOfCalls(4).slidingWindowSize(4).build();
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(hostDefaults);

    @Test
    void theHostsRegistryHoldsOurBreakerWithTheLibrarysDefaultsAndItsMetricsCountOurCalls() {
        List<String> added = new ArrayList<>();
        registry.getEventPublisher().onEntryAdded(e -> added.add(e.getAddedEntry().getName()));

        Guard guard = Guard.builder().feed(status).circuitBreakerRegistry(registry).build();
        guard.call(() -> "hi").get();
        guard.call(() -> {
            throw new IllegalStateException("HTTP 500");
        }).fallback(ctx -> "canned").get();

        CircuitBreaker inRegistry = registry.find("character.ai").orElseThrow();
        assertThat(inRegistry).isSameAs(guard.circuitBreaker());
        assertThat(added).containsExactly("character.ai");
        // the registry shares metrics and event consumers, not its default configuration: ours stays
        assertThat(inRegistry.getCircuitBreakerConfig()).isSameAs(Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG);
        assertThat(inRegistry.getCircuitBreakerConfig()).isNotSameAs(hostDefaults);
        assertThat(inRegistry.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(inRegistry.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aConfigurationGivenWithTheRegistryConfiguresOurBreakerThere() {
        CircuitBreakerConfig ours = CircuitBreakerConfig.custom().failureRateThreshold(20).build();

        Guard guard = Guard.builder().feed(status).circuitBreakerRegistry(registry).circuitBreakerConfig(ours)
                .name("chat-provider").build();

        assertThat(registry.find("chat-provider").orElseThrow()).isSameAs(guard.circuitBreaker());
        assertThat(guard.circuitBreaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(20f);
    }

    @Test
    void aBreakerTheHostAlreadyRegisteredIsUsedAsItIs() {
        CircuitBreaker existing = registry.circuitBreaker("character.ai");

        Guard guard = Guard.builder().feed(status).circuitBreakerRegistry(registry).build();

        assertThat(guard.circuitBreaker()).isSameAs(existing);
    }

    @Test
    void withoutARegistryTheGuardHasItsOwnBreakerWithTheDefaults() {
        Guard guard = Guard.builder().feed(status).build();

        assertThat(guard.circuitBreaker().getName()).isEqualTo("character.ai");
        assertThat(guard.circuitBreaker().getCircuitBreakerConfig()).isSameAs(Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG);
        assertThat(registry.getAllCircuitBreakers()).isEmpty();
    }
}
