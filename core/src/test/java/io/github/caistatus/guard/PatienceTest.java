package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Patience, a policy of the guarded call: bounded retries with backoff, each attempt through the breaker and recorded
 * in it, never past an open breaker or an unusable verdict; no real sleeping.
 */
class PatienceTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Patience threeTimes = Patience.of(3, Duration.ofSeconds(1)).withSleeper(waits::add);

    private String failingUntil(int success) {
        if (attempts.incrementAndGet() < success) {
            throw new IllegalStateException("HTTP 500");
        }
        return "attempt " + attempts.get() + " worked";
    }

    @Test
    void aRetryThatSucceedsIsTheAnswerAndEveryAttemptIsRecordedInTheBreaker() {
        Answer<String> answer = guard.call(() -> failingUntil(3)).patience(threeTimes)
                .fallback(ctx -> "canned").answer();

        assertThat(answer.value()).isEqualTo("attempt 3 worked");
        assertThat(answer.fromCharacterAi()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        CircuitBreaker.Metrics m = guard.circuitBreaker().getMetrics();
        assertThat(m.getNumberOfFailedCalls()).as("both failed attempts recorded").isEqualTo(2);
        assertThat(m.getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(guard.callCounts()).isEqualTo(new CallCounts(1, 2, 0, 0, 0, 0, 2));
    }

    @Test
    void retriesAreBoundedBackOffAndThenTheFallbacksAnswerToldOfTheLastFailure() {
        Answer<String> answer = guard.<String>call(() -> failingUntil(Integer.MAX_VALUE)).patience(threeTimes)
                .fallback(ctx -> "canned").answer();

        assertThat(answer.value()).isEqualTo("canned");
        assertThat(answer.reason()).contains(FallbackReason.CALL_FAILED);
        assertThat(answer.context().orElseThrow().exception()).containsInstanceOf(IllegalStateException.class);
        assertThat(attempts.get()).as("the call and three retries").isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
    }

    @Test
    void patienceStopsAtABreakerThatTheAttemptsOpened() {
        Guard strict = Guard.builder().feed(status).circuitBreakerConfig(CircuitBreakerConfig.custom()
                .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1)).build()).build();

        String reply = strict.<String>call(() -> failingUntil(Integer.MAX_VALUE)).patience(threeTimes)
                .fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("canned");
        assertThat(attempts.get()).as("the call and one retry opened the breaker: no more").isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(strict.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(strict.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls())
                .as("it did not even ask the open breaker").isZero();
    }

    @Test
    void aCallTheOpenBreakerRefusedIsNotRetried() {
        guard.circuitBreaker().transitionToOpenState();

        String reply = guard.call(() -> failingUntil(1)).patience(threeTimes).fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("canned");
        assertThat(attempts.get()).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void patienceStopsWhenTheStatusTurnsUnusableWhileWaiting() {
        Patience watchful = threeTimes.withSleeper(wait -> {
            waits.add(wait);
            status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR); // the outage is confirmed while we wait
        });

        String reply = guard.call(() -> failingUntil(2)).patience(watchful).fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("canned");
        assertThat(attempts.get()).as("no retry into a confirmed outage").isEqualTo(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aHeldOpenBreakerShortCircuitsAndPatienceDoesNotEvenWait() {
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        String reply = guard.call(() -> failingUntil(1)).patience(threeTimes).fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("canned");
        assertThat(attempts.get()).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void aRetryWaitsAtLeastAsLongAsTheFailureAskedAndNotAtAllWhenItAskedTooMuch() {
        Guard polite = Guard.builder().feed(status).waitFrom(e -> e instanceof TooManyRequests t
                ? Optional.of(t.retryAfter) : Optional.empty()).build();
        Patience upTo10s = threeTimes.withMaxBackoff(Duration.ofSeconds(10));

        String soon = polite.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new TooManyRequests(Duration.ofSeconds(5));
            }
            return "ok";
        }).patience(upTo10s).get();
        assertThat(soon).isEqualTo("ok");
        assertThat(waits).as("5 s asked, not the 1 s backoff").containsExactly(Duration.ofSeconds(5));

        attempts.set(0);
        String later = polite.<String>call(() -> {
            attempts.incrementAndGet();
            throw new TooManyRequests(Duration.ofMinutes(2));
        }).patience(upTo10s).fallback(ctx -> "canned").get();
        assertThat(later).isEqualTo("canned");
        assertThat(attempts.get()).as("asked for 2 min, longer than the policy waits: no retry").isEqualTo(1);
    }

    @Test
    void aDecoratedFunctionRetriesWithTheSamePolicy() {
        GuardedFunction<String, String> chat = guard.<String, String>decorate(m -> failingUntil(2) + ": " + m)
                .patience(threeTimes).fallback((m, ctx) -> "canned");

        assertThat(chat.apply("hi")).isEqualTo("attempt 2 worked: hi");
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheCap() {
        Patience p = Patience.of(5, Duration.ofMillis(500)).withMultiplier(3).withMaxBackoff(Duration.ofSeconds(6));

        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4))).containsExactly(
                Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(4500), Duration.ofSeconds(6));
    }

    /** What a host's chat client throws for a 429 with Retry-After. */
    static final class TooManyRequests extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Duration retryAfter;

        TooManyRequests(Duration retryAfter) {
            super("HTTP 429");
            this.retryAfter = retryAfter;
        }
    }
}
