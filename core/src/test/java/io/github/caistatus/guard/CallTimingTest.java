package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** No clock read per call unless slow-call detection needs durations. */
class CallTimingTest {

    private final FakeStatus status = new FakeStatus();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    private CircuitBreakerConfig.Builder countingClock() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(10)
                .currentTimestampFunction(clock -> {
                    reads.incrementAndGet();
                    return nanos.get();
                }, TimeUnit.NANOSECONDS);
    }

    @Test
    void withoutSlowCallDetectionNoClockIsReadPerCall() {
        Guard guard = Guard.builder().feed(status).circuitBreakerConfig(countingClock().build()).build();

        for (int i = 0; i < 100; i++) {
            guard.call(() -> "hi").get();
        }

        assertThat(guard.isCallTimingOn()).isFalse();
        assertThat(reads.get()).isZero();
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(10);
    }

    @Test
    void slowCallDetectionTurnsTimingOnAndSlowCallsAreSeen() {
        Guard guard = Guard.builder().feed(status).circuitBreakerConfig(countingClock()
                .slowCallDurationThreshold(Duration.ofSeconds(1))
                .slowCallRateThreshold(50)
                .build()).build();

        for (int i = 0; i < 10; i++) {
            guard.call(() -> {
                nanos.addAndGet(TimeUnit.SECONDS.toNanos(2)); // each call takes two seconds of the breaker's time
                return "slow hi";
            }).fallback(ctx -> "canned").get();
        }

        assertThat(guard.isCallTimingOn()).isTrue();
        assertThat(reads.get()).isEqualTo(20);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfSlowSuccessfulCalls()).isEqualTo(10);
        assertThat(PassiveProbe.of(guard.circuitBreaker(), java.time.Clock.systemUTC()).probe()).extracting(s -> s.health(), s -> s.cause())
                .containsExactly(Health.DEGRADED, Cause.SLOW);
    }

    @Test
    void timingCanBeSwitchedOnWithoutSlowCallDetection() {
        Guard guard = Guard.builder().feed(status).circuitBreakerConfig(countingClock().build())
                .callTiming(true).build();

        guard.call(() -> "hi").get();

        assertThat(reads.get()).isEqualTo(2);
    }
}
