package io.github.caistatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.guard.FallbackReason;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.testing.MutableClock;
import io.github.caistatus.testing.ScriptedProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The guard wired into a real instance: the monitor's verdict drives the breaker, the breaker feeds the verdict. */
class CharacterAiStatusGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-01T12:00:00Z"));
    private final ScriptedProbe endpoint = new ScriptedProbe("endpoint", clock);

    private CharacterAiStatusBuilder scripted() {
        // checks only on refresh() and checkSoon(): no first background check to race with
        return CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().clock(clock).probe(endpoint)
                .background(false);
    }

    private static String failingChat(Guard guard) {
        return guard.<String>call(() -> {
            throw new IllegalStateException("HTTP 500");
        }).fallback(ctx -> "canned").get();
    }

    @Test
    void theVerdictTurnsDownOnTheHostsOwnFailuresWhileTheEndpointStillLooksFine() {
        try (CharacterAiStatus status = scripted().build()) {
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);

            for (int i = 0; i < 10; i++) {
                assertThat(failingChat(status.guard())).isEqualTo("canned");
            }

            // the breaker opening asked for a check; the passive signal's bad news is believed at once
            await().atMost(Duration.ofSeconds(10)).until(() -> status.snapshot().health() == Health.MAJOR_OUTAGE);
            assertThat(status.snapshot().cause()).isEqualTo(Cause.CALL_FAILURES);
            assertThat(status.snapshot().signal("passive").orElseThrow().detail())
                    .isEqualTo("circuit breaker open: 10 of 10 recent calls failed");
            // a verdict on our own evidence leaves the breaker to recover through its own half-open trials
            assertThat(status.guard().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        }
    }

    @Test
    void anOutageVerdictHoldsTheBreakerOpenAndRecoveryReleasesIt() {
        try (CharacterAiStatus status = scripted().downAfter(1).upAfter(1).build()) {
            status.refresh();
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            status.refresh(); // listeners are told on the monitor's thread before refresh() returns
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> status.guard().circuitBreaker().getState() == CircuitBreaker.State.FORCED_OPEN);
            assertThat(status.guard().call(() -> "hi").fallback(ctx -> ctx.reason().name()).get())
                    .isEqualTo(FallbackReason.STATUS_DOWN.name());

            endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200");
            clock.advance(Duration.ofSeconds(15));
            status.refresh();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> status.guard().circuitBreaker().getState() == CircuitBreaker.State.CLOSED);
            assertThat(status.guard().call(() -> "hi").fallback(ctx -> "canned").get()).isEqualTo("hi");
        }
    }

    @Test
    void anOutageFirstSeenInOurCallsIsForcedOpenOnceTheEndpointConfirmsIt() {
        try (CharacterAiStatus status = scripted().downAfter(1).upAfter(1).build()) {
            status.refresh();
            for (int i = 0; i < 10; i++) {
                failingChat(status.guard());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status.snapshot().health() == Health.MAJOR_OUTAGE);
            assertThat(status.guard().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

            // the health stays MAJOR_OUTAGE, so no listener hears of it; the guard follows the verdict itself
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            status.refresh();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> status.guard().circuitBreaker().getState() == CircuitBreaker.State.FORCED_OPEN);
            assertThat(status.snapshot().cause()).isEqualTo(Cause.SERVER_ERROR);
        }
    }

    @Test
    void callsFailingInAWaitingRoomFallBackWithTheWaitingRoomAsReason() {
        try (CharacterAiStatus status = scripted().build()) {
            status.refresh();
            endpoint.answer(Health.DEGRADED, Cause.OVERLOADED, "Cloudflare waiting room (HTTP 200)");
            for (int i = 0; i < 10; i++) {
                failingChat(status.guard());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status.snapshot().cause() == Cause.OVERLOADED
                    && status.snapshot().health() == Health.MAJOR_OUTAGE);

            // the waiting room is not an outage on its own: the breaker stays open by our failures, not forced
            assertThat(status.guard().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(status.guard().call(() -> "hi").fallback(ctx -> ctx.reason().name()).get())
                    .isEqualTo(FallbackReason.WAITING_ROOM.name());
        }
    }

    @Test
    void withoutThePassiveProbeTheVerdictDoesNotHearTheBreaker() {
        try (CharacterAiStatus status = scripted().noOwnCallsProbe().build()) {
            assertThat(status.refresh().signal("passive")).isEmpty();
            assertThat(status.snapshot().confidence()).isEqualTo(1.0);
        }
    }

    @Test
    void theBuilderPutsTheBreakerInTheHostsRegistryWithTheGivenConfiguration() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom().failureRateThreshold(25).build();
        try (CharacterAiStatus status = scripted().circuitBreakerRegistry(registry)
                .circuitBreakerConfig(config).circuitBreakerName("cai").build()) {
            assertThat(registry.find("cai")).containsSame(status.guard().circuitBreaker());
            assertThat(status.guard().circuitBreaker().getCircuitBreakerConfig().getFailureRateThreshold())
                    .isEqualTo(25f);
        }
    }
}
