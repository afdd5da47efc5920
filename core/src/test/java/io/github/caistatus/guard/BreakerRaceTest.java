package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

/**
 * resilience4j builds an open state on the metrics of the state it replaces; when a transition races the verdict
 * forcing the breaker open, that is the forced-open state's empty window, and recording an outcome there divides by
 * zero. The host's call must not see that.
 */
class BreakerRaceTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();
    private final CircuitBreaker breaker = guard.circuitBreaker();

    /** What the race leaves behind: an open state over the forced-open state's zero-size window. */
    private void openOnAnEmptyWindow() {
        breaker.transitionToForcedOpenState();
        breaker.transitionToOpenState();
    }

    @Test
    void aFailureTheBreakerCannotRecordStillGetsTheFallbacksAnswer() {
        String answer = guard.<String>call(() -> {
            openOnAnEmptyWindow();
            throw new IllegalStateException("HTTP 503");
        }).fallback(ctx -> "canned").get();

        assertThat(answer).isEqualTo("canned");
        assertThat(guard.callCounts().failed()).isEqualTo(1);
    }

    @Test
    void aSuccessTheBreakerCannotRecordStillReachesTheHost() {
        String answer = guard.<String>call(() -> {
            openOnAnEmptyWindow();
            return "hi";
        }).fallback(ctx -> "canned").get();

        assertThat(answer).isEqualTo("hi");
        assertThat(guard.callCounts().successful()).isEqualTo(1);
    }
}
