package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An interrupted call is the host's business: flag kept, nothing recorded, no fallback run. */
class GuardInterruptionTest {

    private final FakeStatus status = new FakeStatus();
    private final AtomicInteger fallbacks = new AtomicInteger();

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    /** What a host typically writes around a blocking client: catch, wrap, forget to restore the flag. */
    private static String blockingSendThatIsInterrupted() {
        try {
            throw new InterruptedException("sleep interrupted");
        } catch (InterruptedException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    @Test
    void anInterruptedCallRestoresTheFlagRecordsNothingAndSkipsTheFallbacks() {
        Guard guard = Guard.builder().feed(status).build();

        CharacterAiUnavailableException e = catchThrowableOfType(CharacterAiUnavailableException.class,
                () -> guard.call(GuardInterruptionTest::blockingSendThatIsInterrupted).fallback(ctx -> {
                    fallbacks.incrementAndGet();
                    return "canned";
                }).get());

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(e.isInterrupted()).isTrue();
        assertThat(e.getCause()).hasCauseInstanceOf(InterruptedException.class);
        assertThat(fallbacks.get()).isZero();
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isZero();
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isZero();
    }

    @Test
    void aCallThatFailsWhileTheThreadIsInterruptedCountsAsInterrupted() {
        Guard guard = Guard.builder().feed(status).build();
        Thread.currentThread().interrupt();

        CharacterAiUnavailableException e = catchThrowableOfType(CharacterAiUnavailableException.class,
                () -> guard.call(() -> {
                    throw new IllegalStateException("socket closed");
                }).fallback(ctx -> "canned").get());

        assertThat(e.isInterrupted()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void anInterruptedTrialCallGivesItsHalfOpenPermitBack() {
        Guard guard = Guard.builder().feed(status).circuitBreakerConfig(CircuitBreakerConfig.custom()
                .permittedNumberOfCallsInHalfOpenState(1).build()).build();
        guard.circuitBreaker().transitionToOpenState();
        guard.circuitBreaker().transitionToHalfOpenState();

        catchThrowableOfType(CharacterAiUnavailableException.class,
                () -> guard.call(GuardInterruptionTest::blockingSendThatIsInterrupted).get());
        Thread.interrupted();

        // the single trial permit is free again: the next call is made, and its success closes the breaker
        assertThat(guard.call(() -> "hello").fallback(ctx -> "refused").get()).isEqualTo("hello");
        assertThat(guard.circuitBreaker().getState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
    }

    @Test
    void patienceInterruptedWhileWaitingEndsTheCallWithTheFlagSet() {
        Guard guard = Guard.builder().feed(status).build();
        Patience impatient = Patience.of(3, Duration.ofSeconds(1)).withSleeper(wait -> {
            throw new InterruptedException("shutting down");
        });

        CharacterAiUnavailableException e = catchThrowableOfType(CharacterAiUnavailableException.class,
                () -> guard.call(() -> {
                    throw new IllegalStateException("HTTP 500");
                }).patience(impatient).fallback(ctx -> {
                    fallbacks.incrementAndGet();
                    return "canned";
                }).get());

        assertThat(e.isInterrupted()).isTrue();
        assertThat(e.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(fallbacks.get()).as("no fallback after an interrupt").isZero();
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }
}
