package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads through one guard: every call is counted exactly once, and the passive signal is exact. */
class GuardConcurrencyTest {

    private static final int THREADS = 16;
    private static final int CALLS = 10_000;
    private static final int TOTAL = THREADS * CALLS;

    private final FakeStatus status = new FakeStatus();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A window that holds every call, so the breaker's counts are totals, and no half-open reset. */
    private static CircuitBreakerConfig.Builder wholeRun() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(TOTAL)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofHours(1));
    }

    private void runEverywhere(IntFunction<String> oneCall) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < CALLS; i++) {
                    assertThat(oneCall.apply(i)).isNotNull();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(50, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyCallIsRecordedOnceAndThePassiveSignalIsExact() throws Exception {
        Guard guard = Guard.builder().feed(status)
                .circuitBreakerConfig(wholeRun().minimumNumberOfCalls(TOTAL).build())
                .build();
        AtomicInteger primary = new AtomicInteger();
        AtomicInteger fallback = new AtomicInteger();
        GuardedFunction<Integer, String> chat = guard.decorate((Integer i) -> {
            if (i % 4 == 0) {
                throw new IllegalStateException("HTTP 500");
            }
            primary.incrementAndGet();
            return "hi " + i;
        }).fallback((i, ctx) -> {
            fallback.incrementAndGet();
            return "canned";
        });

        runEverywhere(chat::apply);

        CircuitBreaker.Metrics m = guard.circuitBreaker().getMetrics();
        assertThat(m.getNumberOfSuccessfulCalls()).isEqualTo(TOTAL * 3 / 4);
        assertThat(m.getNumberOfFailedCalls()).isEqualTo(TOTAL / 4);
        assertThat(m.getNumberOfNotPermittedCalls()).isZero();
        assertThat(primary.get()).isEqualTo(TOTAL * 3 / 4);
        assertThat(fallback.get()).isEqualTo(TOTAL / 4);
        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        Signal passive = PassiveProbe.of(guard.circuitBreaker(), java.time.Clock.systemUTC()).probe();
        assertThat(passive.probe()).isEqualTo("passive");
        assertThat(passive.health()).isEqualTo(Health.PARTIAL_OUTAGE); // 25% = half the 50% threshold
        assertThat(passive.cause()).isEqualTo(Cause.CALL_FAILURES);
        assertThat(passive.detail()).isEqualTo("40000 of 160000 recent calls failed (25.0%)");
    }

    @Test
    void callsRacingTheBreakerOpeningAreNeverCountedTwice() throws Exception {
        Guard guard = Guard.builder().feed(status)
                .circuitBreakerConfig(wholeRun().minimumNumberOfCalls(1_000).build())
                .build();
        AtomicInteger made = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failedOver = new AtomicInteger();

        runEverywhere(i -> guard.<String>call(() -> {
            made.incrementAndGet();
            throw new IllegalStateException("HTTP 503");
        }).fallback(ctx -> {
            (ctx.reason() == FallbackReason.BREAKER_OPEN ? refused : failedOver).incrementAndGet();
            return "canned";
        }).get());

        CircuitBreaker.Metrics m = guard.circuitBreaker().getMetrics();
        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(made.get() + refused.get()).isEqualTo(TOTAL);
        assertThat(failedOver.get()).isEqualTo(made.get());
        // every call made is recorded once, including those that finished after the breaker opened
        assertThat(m.getNumberOfSuccessfulCalls()).isZero();
        assertThat(m.getNumberOfFailedCalls()).isEqualTo(made.get()).isGreaterThanOrEqualTo(1_000);
        // resilience4j does not count the refusals its closing state makes in the instant it opens,
        // so here the breaker may count fewer refusals than there were, never more
        assertThat(m.getNumberOfNotPermittedCalls()).isLessThanOrEqualTo(refused.get());
        assertThat(status.checkSoonCalls.get()).as("one transition, one nudge").isEqualTo(1);

        Signal passive = PassiveProbe.of(guard.circuitBreaker(), java.time.Clock.systemUTC()).probe();
        assertThat(passive.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(passive.cause()).isEqualTo(Cause.CALL_FAILURES);
        assertThat(passive.detail()).isEqualTo("circuit breaker open: " + made.get() + " of " + made.get()
                + " recent calls failed");
    }

    @Test
    void anOpenBreakerRefusesEveryCallWithoutMakingItAndCountsEachRefusal() throws Exception {
        Guard guard = Guard.builder().feed(status)
                .circuitBreakerConfig(wholeRun().minimumNumberOfCalls(10).build())
                .build();
        AtomicInteger made = new AtomicInteger();
        GuardedFunction<Integer, String> chat = guard.<Integer, String>decorate(i -> {
            made.incrementAndGet();
            throw new IllegalStateException("HTTP 500");
        }).fallback(ctx -> ctx.reason().name());
        for (int i = 0; i < 10; i++) {
            assertThat(chat.apply(i)).isEqualTo("CALL_FAILED");
        }
        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        runEverywhere(i -> {
            assertThat(chat.apply(i)).isEqualTo("BREAKER_OPEN");
            return "ok";
        });

        CircuitBreaker.Metrics m = guard.circuitBreaker().getMetrics();
        assertThat(made.get()).isEqualTo(10);
        assertThat(m.getNumberOfFailedCalls()).isEqualTo(10);
        assertThat(m.getNumberOfSuccessfulCalls()).isZero();
        assertThat(m.getNumberOfNotPermittedCalls()).isEqualTo(TOTAL);
    }

    @Test
    void anOutageVerdictAnswersEveryThreadFromOneSharedContextWithoutCalling() throws Exception {
        Guard guard = Guard.builder().feed(status).circuitBreakerConfig(wholeRun().build()).build();
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);
        AtomicInteger made = new AtomicInteger();
        java.util.Set<FallbackContext> contexts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        GuardedFunction<Integer, String> chat = guard.decorate((Integer i) -> {
            made.incrementAndGet();
            return "hi";
        }).fallback(ctx -> {
            contexts.add(ctx);
            return "down";
        });

        assertThat(chat.apply(-1)).isEqualTo("down"); // the first refusal makes the context the others share

        runEverywhere(chat::apply);

        assertThat(made.get()).isZero();
        assertThat(guard.shortCircuitedCalls()).isEqualTo(TOTAL + 1);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls())
                .as("not asked: a forced-open resilience4j breaker builds an event per refusal").isZero();
        assertThat(contexts).hasSize(1).allMatch(c -> c.reason() == FallbackReason.STATUS_DOWN);
    }

    @Test
    void everyCallIsCountedOnceWhileTheVerdictAndTheBreakerChangeUnderIt() throws Exception {
        Guard guard = Guard.builder().feed(status)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMillis(1)) // OPEN -> HALF_OPEN all the time
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .trialInterval(Duration.ofMillis(1))
                .build();
        AtomicLong successEvents = new AtomicLong();
        AtomicLong errorEvents = new AtomicLong();
        guard.circuitBreaker().getEventPublisher()
                .onSuccess(e -> successEvents.incrementAndGet())
                .onError(e -> errorEvents.incrementAndGet());
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger primaryOk = new AtomicInteger();
        AtomicInteger primaryFailed = new AtomicInteger();
        AtomicInteger fellBackAfterFailure = new AtomicInteger();
        AtomicInteger fellBackUnasked = new AtomicInteger();
        AtomicBoolean serviceDown = new AtomicBoolean();
        IntFunction<String> characterAi = i -> {
            if (serviceDown.get() || i % 3 == 0) {
                primaryFailed.incrementAndGet();
                throw new IllegalStateException("HTTP 503");
            }
            primaryOk.incrementAndGet();
            return "hi";
        };
        Fallback<String> fallback = ctx -> {
            (ctx.reason() == FallbackReason.CALL_FAILED ? fellBackAfterFailure : fellBackUnasked).incrementAndGet();
            return "canned";
        };
        GuardedFunction<Integer, String> chat = guard.<Integer, String>decorate(characterAi::apply).fallback(fallback);
        int calls = 5_000;

        // the verdict forces the breaker open and closes it again while 16 threads call, the service fails and
        // recovers, and the breaker opens and goes half-open by itself in between
        AtomicBoolean running = new AtomicBoolean(true);
        Thread flipper = new Thread(() -> {
            Health[] verdicts = {Health.MAJOR_OUTAGE, Health.MAINTENANCE, Health.MAJOR_OUTAGE, Health.MAINTENANCE,
                Health.OPERATIONAL}; // a hold of four verdicts, each of which may arm a trial, then a release
            for (int i = 0; running.get() && i < 1_000_000; i++) {
                Health h = verdicts[i % verdicts.length];
                status.set(h, h == Health.OPERATIONAL ? Cause.NONE
                        : h == Health.MAINTENANCE ? Cause.MAINTENANCE : Cause.SERVER_ERROR);
                serviceDown.set(i % 3 == 0);
                LockSupport.parkNanos(200_000);
            }
        }, "verdict-flipper");
        flipper.start();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < calls; i++) {
                    int n = i;
                    assertThat(n % 2 == 0 ? chat.apply(n)
                            : guard.<String>call(() -> characterAi.apply(n)).fallback(fallback).get()).isNotNull();
                    answered.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            flipper.join(10_000);
        }

        CallCounts c = guard.callCounts();
        assertThat(answered.get()).isEqualTo(THREADS * calls);
        assertThat(c.total()).isEqualTo(THREADS * calls);
        assertThat(c.released()).isZero();
        // each call made is one success or one failure, whatever the breaker's state when its outcome came
        assertThat(c.successful()).isEqualTo(primaryOk.get());
        assertThat(c.failed()).isEqualTo(primaryFailed.get()).isEqualTo(fellBackAfterFailure.get());
        // each call not made is one refusal by the breaker or one short-circuit by the verdict
        assertThat(c.refused() + c.shortCircuited()).isEqualTo(fellBackUnasked.get());
        assertThat(c.successful() + c.failed() + c.refused() + c.shortCircuited()).isEqualTo(THREADS * calls);
        assertThat(c.trials()).as("trials went through while held open").isPositive();
        // the breaker's own events miss what landed while it was forced open: never more than the guard counted
        assertThat(successEvents.get()).isLessThanOrEqualTo(c.successful());
        assertThat(errorEvents.get()).isLessThanOrEqualTo(c.failed());
    }
}
