package io.github.caistatus.guard;

import io.github.caistatus.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The passive signal, read from the breaker after a known sequence of guarded calls. */
class PassiveProbeTest {

    private final FakeStatus status = new FakeStatus();
    private final MutableClock clock = new MutableClock(FakeStatus.T0);
    private final Guard guard = Guard.builder().feed(status).clock(clock).circuitBreakerConfig(
            CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(10).failureRateThreshold(40)
                    .build()).build();

    private void calls(int ok, int failed) {
        for (int i = 0; i < ok; i++) {
            guard.call(() -> "hi").get();
        }
        for (int i = 0; i < failed; i++) {
            guard.call(() -> {
                throw new IllegalStateException("HTTP 500");
            }).fallback(ctx -> "canned").get();
        }
    }

    private Signal passive() {
        return PassiveProbe.of(guard.circuitBreaker(), clock).probe();
    }

    @Test
    void tooFewCallsGiveNoOpinion() {
        calls(2, 1);

        assertThat(passive()).extracting(Signal::health, Signal::cause, Signal::detail)
                .containsExactly(Health.UNKNOWN, Cause.NOT_CHECKED, "not enough calls yet: 3 of 10 needed");
    }

    @Test
    void successfulCallsSayOperational() {
        calls(10, 0);

        Signal s = passive();
        assertThat(s).extracting(Signal::probe, Signal::health, Signal::cause, Signal::detail)
                .containsExactly("passive", Health.OPERATIONAL, Cause.NONE, "0 of 10 recent calls failed (0.0%)");
        assertThat(s.latency()).isEqualTo(Duration.ZERO);
        assertThat(s.observedAt()).isEqualTo(FakeStatus.T0);
    }

    @Test
    void aFailureRateOfAQuarterOfTheThresholdSaysDegraded() {
        calls(9, 1);

        assertThat(passive()).extracting(Signal::health, Signal::cause)
                .containsExactly(Health.DEGRADED, Cause.CALL_FAILURES);
    }

    @Test
    void aFailureRateOfHalfTheThresholdSaysPartialOutage() {
        calls(8, 2);

        assertThat(passive()).extracting(Signal::health, Signal::cause, Signal::detail)
                .containsExactly(Health.PARTIAL_OUTAGE, Cause.CALL_FAILURES, "2 of 10 recent calls failed (20.0%)");
    }

    @Test
    void aBreakerOpenedByFailuresSaysMajorOutage() {
        calls(6, 4);

        assertThat(passive()).extracting(Signal::health, Signal::cause, Signal::detail)
                .containsExactly(Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, "circuit breaker open: 4 of 10 recent calls failed");
    }

    @Test
    void aHalfOpenBreakerSaysPartialOutage() {
        calls(6, 4);
        guard.circuitBreaker().transitionToHalfOpenState();

        assertThat(passive()).extracting(Signal::health, Signal::cause)
                .containsExactly(Health.PARTIAL_OUTAGE, Cause.CALL_FAILURES);
    }
}
