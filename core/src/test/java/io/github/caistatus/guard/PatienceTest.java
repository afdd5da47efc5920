package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Patience: bounded retries with backoff, only while Character.AI is usable; no real sleeping. */
class PatienceTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final Patience threeTimes = Patience.of(3, Duration.ofSeconds(1)).withSleeper(waits::add);

    private String chat(Fallback<String> patience) {
        return guard.<String>call(() -> {
            throw new IllegalStateException("HTTP 500");
        }).fallback(patience).fallback(ctx -> "canned").get();
    }

    @Test
    void aRetryThatSucceedsIsTheAnswer() {
        String reply = chat(Fallbacks.patience(() -> {
            if (retries.incrementAndGet() < 2) {
                throw new IllegalStateException("still 500");
            }
            return "second retry worked";
        }, threeTimes));

        assertThat(reply).isEqualTo("second retry worked");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retriesAreBoundedBackOffAndThenPassTheTurnOn() {
        String reply = chat(Fallbacks.patience(() -> {
            retries.incrementAndGet();
            throw new IllegalStateException("still 500");
        }, threeTimes));

        assertThat(reply).isEqualTo("canned");
        assertThat(retries.get()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls())
                .as("retries inside a fallback are not recorded as calls").isEqualTo(1);
    }

    @Test
    void patienceStopsWhenTheStatusTurnsUnusableWhileWaiting() {
        Patience watchful = threeTimes.withSleeper(wait -> {
            waits.add(wait);
            status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR); // the outage is confirmed while we wait
        });

        String reply = chat(Fallbacks.patience(() -> {
            retries.incrementAndGet();
            return "should not be asked";
        }, watchful));

        assertThat(reply).isEqualTo("canned");
        assertThat(retries.get()).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void patienceDoesNotEvenWaitWhenTheStatusIsAlreadyUnusable() {
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        String reply = guard.call(() -> "never made")
                .fallback(Fallbacks.patience(() -> "retried", threeTimes))
                .fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("canned");
        assertThat(waits).isEmpty();
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheCap() {
        Patience p = Patience.of(5, Duration.ofMillis(500)).withMultiplier(3).withMaxBackoff(Duration.ofSeconds(6));

        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4))).containsExactly(
                Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(4500), Duration.ofSeconds(6));
    }
}
