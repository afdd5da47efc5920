package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stall detection: a hang (calls accepted and never answered) seen from calls in flight, on a clock the test moves.
 * Each healthy call takes 100 ms of the fake clock, so after the warm-up the threshold is the floor, 1 s.
 */
class StallDetectionTest {

    private static final long MS = 1_000_000L;

    private final FakeStatus status = new FakeStatus();
    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private final List<CountDownLatch> hangs = new ArrayList<>();
    private Guard guard = build(StallDetection.defaults());

    private Guard build(StallDetection settings) {
        return Guard.builder().feed(status).stallDetection(settings).nanoClock(nanos::get).stallScansByHand().build();
    }

    @AfterEach
    void close() {
        hangs.forEach(CountDownLatch::countDown);
        guard.close();
    }

    private void advance(long millis) {
        nanos.addAndGet(millis * MS);
    }

    private String healthyCall() {
        advance(100);
        return "hello";
    }

    private void warmUp() {
        for (int i = 0; i < StallDetection.DEFAULT_MIN_SUCCESSES; i++) {
            assertThat(guard.call(this::healthyCall).fallback(ctx -> "canned").get()).isEqualTo("hello");
        }
    }

    /** A synchronous call on a host thread that hangs until the test releases it; its answer goes to {@code out}. */
    private CompletableFuture<Object> hangingSyncCall(CountDownLatch started) {
        CountDownLatch release = new CountDownLatch(1);
        hangs.add(release);
        CompletableFuture<Object> out = new CompletableFuture<>();
        Thread host = new Thread(() -> {
            try {
                out.complete(guard.<Object>call(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return "late hello";
                }).fallback(ctx -> ctx).get());
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        }, "host-user");
        host.setDaemon(true);
        host.start();
        return out;
    }

    @Test
    void aCallInFlightPastTheThresholdDeclaresAStallAndAsksForACheck() throws Exception {
        warmUp();
        CountDownLatch started = new CountDownLatch(1);
        hangingSyncCall(started);
        started.await(10, TimeUnit.SECONDS);

        advance(900);
        guard.stall.scan();
        assertThat(guard.isStalled()).as("within the threshold").isFalse();
        int checksBefore = status.checkSoonCalls.get();

        advance(200);
        guard.stall.scan();

        assertThat(guard.isStalled()).isTrue();
        assertThat(status.checkSoonCalls.get()).isGreaterThan(checksBefore);
    }

    @Test
    void whileStalledNewCallsGoToTheFallbacksWithoutBeingSent() throws Exception {
        warmUp();
        CountDownLatch started = new CountDownLatch(1);
        hangingSyncCall(started);
        started.await(10, TimeUnit.SECONDS);
        advance(1_100);
        guard.stall.scan();
        AtomicInteger sent = new AtomicInteger();
        long shortCircuited = guard.shortCircuitedCalls();

        FallbackContext ctx = guard.<FallbackContext>call(() -> {
            sent.incrementAndGet();
            return null;
        }).fallback(c -> c).get();

        assertThat(ctx.reason()).isEqualTo(FallbackReason.CALL_STALLED);
        assertThat(ctx.exception()).isEmpty();
        assertThat(sent.get()).isZero();
        assertThat(guard.shortCircuitedCalls()).isEqualTo(shortCircuited + 1);
    }

    @Test
    void asyncCallsInFlightAreAnsweredAtOnceAndTheirLateOutcomeStillCounts() throws Exception {
        warmUp();
        AtomicInteger fallbacksRun = new AtomicInteger();
        List<CompletableFuture<String>> primaries = new ArrayList<>();
        List<CompletionStage<Answer<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> primary = new CompletableFuture<>();
            primaries.add(primary);
            answers.add(guard.<String>callAsync(() -> primary).fallback(ctx -> {
                fallbacksRun.incrementAndGet();
                return "canned " + ctx.reason();
            }).answerAsync());
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.toCompletableFuture()).isNotDone());

        advance(1_100);
        guard.stall.scan();

        for (CompletionStage<Answer<String>> a : answers) {
            Answer<String> answer = a.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(answer.value()).isEqualTo("canned CALL_STALLED");
            assertThat(answer.context().orElseThrow().exception()).containsInstanceOf(TimeoutException.class);
        }
        long failedBefore = guard.callCounts().failed();
        long succeededBefore = guard.callCounts().successful();

        primaries.get(0).completeExceptionally(new IllegalStateException("HTTP 504"));
        primaries.get(1).complete("very late hello");

        assertThat(guard.callCounts().failed()).isEqualTo(failedBefore + 1);
        assertThat(guard.callCounts().successful()).isEqualTo(succeededBefore + 1);
        assertThat(fallbacksRun.get()).as("each caller answered once").isEqualTo(3);
        assertThat(guard.isStalled()).as("a success past the threshold does not end the stall").isTrue();
    }

    @Test
    void syncCallersKeepWaitingUnlessTheHostOptsIn() throws Exception {
        warmUp();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> caller = hangingSyncCall(started);
        started.await(10, TimeUnit.SECONDS);

        advance(1_100);
        guard.stall.scan();
        guard.stall.scan();

        assertThat(guard.isStalled()).isTrue();
        assertThat(caller).as("the caller's own thread runs the call").isNotDone();
        hangs.forEach(CountDownLatch::countDown);
        assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo("late hello");
    }

    @Test
    void syncCallersAreAnsweredWhenTheHostOptsInAndTheLateOutcomeStillCounts() throws Exception {
        guard.close();
        guard = build(StallDetection.defaults().withAnswerWaitingSyncCalls(true));
        warmUp();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        hangs.add(release);
        CompletableFuture<Object> caller = CompletableFuture.supplyAsync(() -> guard.<Object>call(() -> {
            ranOn.set(Thread.currentThread().getName());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "late hello";
        }).fallback(ctx -> ctx).get());
        started.await(10, TimeUnit.SECONDS);
        long successes = guard.callCounts().successful();

        advance(1_100);
        guard.stall.scan();

        FallbackContext ctx = (FallbackContext) caller.get(10, TimeUnit.SECONDS);
        assertThat(ctx.reason()).isEqualTo(FallbackReason.CALL_STALLED);
        assertThat(ranOn.get()).startsWith("cai-status-guard-call-");

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> guard.callCounts().successful() == successes + 1);
    }

    @Test
    void theProbeOfTheHostsOwnCallsSaysStalledWhileTheStallHolds() {
        CircuitBreaker breaker = CircuitBreaker.of("stalls", Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG);
        PassiveProbe ownCalls = PassiveProbe.of(breaker, Clock.systemUTC());
        guard.close();
        guard = Guard.builder().feed(status).circuitBreaker(breaker).ownCallsProbe(ownCalls)
                .stallDetection(StallDetection.defaults()).nanoClock(nanos::get).stallScansByHand().build();
        warmUp();
        CompletableFuture<String> hung = new CompletableFuture<>();
        guard.<String>callAsync(() -> hung).fallback(ctx -> "canned").getAsync();
        advance(1_100);

        guard.stall.scan();

        assertThat(guard.isStalled()).isTrue();
        Signal stalled = ownCalls.probe();
        assertThat(stalled.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(stalled.cause()).isEqualTo(Cause.CALL_FAILURES);
        assertThat(stalled.detail()).startsWith("calls stalled");

        guard.stall.scan(); // arms one trial
        assertThat(guard.call(this::healthyCall).fallback(ctx -> "canned").get()).isEqualTo("hello");
        assertThat(guard.isStalled()).isFalse();
        assertThat(ownCalls.probe().health()).as("the stall is over").isNotEqualTo(Health.MAJOR_OUTAGE);
    }

    @Test
    void aTrialThatSucceedsWithinTheThresholdEndsTheStall() throws Exception {
        warmUp();
        CompletableFuture<String> hung = new CompletableFuture<>();
        guard.<String>callAsync(() -> hung).fallback(ctx -> "canned").getAsync();
        advance(1_100);
        guard.stall.scan();
        assertThat(guard.isStalled()).isTrue();
        assertThat(guard.call(this::healthyCall).fallback(ctx -> "canned").get())
                .as("no trial armed on the scan that declared the stall").isEqualTo("canned");

        guard.stall.scan(); // arms one trial
        long trials = guard.callCounts().trials();
        String reply = guard.call(this::healthyCall).fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("hello");
        assertThat(guard.callCounts().trials()).isEqualTo(trials + 1);
        assertThat(guard.isStalled()).isFalse();
        assertThat(guard.call(this::healthyCall).fallback(ctx -> "canned").get()).isEqualTo("hello");
        guard.stall.scan();
        assertThat(guard.isStalled()).as("the call of the old stall is no new evidence").isFalse();
    }

    @Test
    void oneTrialAtATimeAndAHangingTrialGivesWayToTheNext() throws Exception {
        warmUp();
        CompletableFuture<String> hung = new CompletableFuture<>();
        guard.<String>callAsync(() -> hung).fallback(ctx -> "canned").getAsync();
        advance(1_100);
        guard.stall.scan();
        guard.stall.scan();
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<String> trial = new CompletableFuture<>();
        CompletionStage<String> trialAnswer = guard.<String>callAsync(() -> {
            sent.incrementAndGet();
            return trial;
        }).fallback(ctx -> "canned").getAsync();

        guard.stall.scan(); // the trial is in flight: no second one
        String other = guard.call(() -> {
            sent.incrementAndGet();
            return "sent";
        }).fallback(ctx -> "canned").get();
        assertThat(other).isEqualTo("canned");
        assertThat(sent.get()).isEqualTo(1);
        assertThat(trialAnswer.toCompletableFuture()).as("a trial within the threshold is waited for").isNotDone();

        advance(1_100); // the trial hangs too
        guard.stall.scan();
        assertThat(trialAnswer.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("canned");
        guard.stall.scan(); // arms the next trial
        assertThat(guard.call(this::healthyCall).fallback(ctx -> "canned").get()).isEqualTo("hello");
        assertThat(guard.isStalled()).isFalse();
    }

    @Test
    void aUsableVerdictAfterAnUnusableOneEndsTheStall() throws Exception {
        warmUp();
        guard.<String>callAsync(CompletableFuture::new).fallback(ctx -> "canned").getAsync();
        advance(1_100);
        guard.stall.scan();
        status.set(Health.OPERATIONAL, Cause.NONE);
        assertThat(guard.isStalled()).as("a verdict that never saw the outage does not end it").isTrue();

        status.set(Health.MAJOR_OUTAGE, Cause.NETWORK);
        status.set(Health.OPERATIONAL, Cause.NONE);

        assertThat(guard.isStalled()).isFalse();
    }

    @Test
    void noStallIsDeclaredBeforeTheWarmUpUnlessAnInitialThresholdIsGiven() throws Exception {
        guard.<String>callAsync(CompletableFuture::new).fallback(ctx -> "canned").getAsync();
        advance(60_000);
        guard.stall.scan();
        assertThat(guard.isStalled()).isFalse();

        guard.close();
        guard = build(StallDetection.defaults().withWarmUp(10, Duration.ofSeconds(5)));
        guard.<String>callAsync(CompletableFuture::new).fallback(ctx -> "canned").getAsync();
        advance(4_000);
        guard.stall.scan();
        assertThat(guard.isStalled()).isFalse();
        advance(1_100);
        guard.stall.scan();
        assertThat(guard.isStalled()).isTrue();
    }

    @Test
    void theThresholdIsAMultipleOfTheRecentPercentileAboveTheFloor() throws Exception {
        for (int i = 0; i < 10; i++) {
            guard.call(() -> {
                advance(500);
                return "slow hello";
            }).fallback(ctx -> "canned").get();
        }
        guard.stall.scan();
        assertThat(guard.stall.thresholdNanos()).isEqualTo(1_500 * MS);
    }

    @Test
    void theWatchdogOnTheTimerThreadFindsTheStallByItself() throws Exception {
        guard.close();
        guard = Guard.builder().feed(status).stallDetection(StallDetection.defaults()).nanoClock(nanos::get).build();
        warmUp();
        CompletionStage<String> answer = guard.<String>callAsync(CompletableFuture::new).fallback(ctx -> "canned")
                .getAsync();

        advance(1_100);

        assertThat(answer.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("canned");
        assertThat(guard.isStalled()).isTrue();
    }

    @Test
    void aBareGuardHasNoStallDetection() {
        Guard bare = Guard.builder().feed(status).build();
        try {
            assertThat(bare.stallDetection().enabled()).isFalse();
            assertThat(bare.stall).isNull();
            assertThat(bare.isStalled()).isFalse();
        } finally {
            bare.close();
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> StallDetection.defaults().withMultiple(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StallDetection.defaults().withPercentile(0, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StallDetection.defaults().withFloor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StallDetection.defaults().withWarmUp(101, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StallDetection.defaults().withPercentile(95, 5).minSuccesses()).isEqualTo(5);
        assertThat(StallDetection.off().enabled()).isFalse();
        assertThat(StallDetection.defaults().enabled()).isTrue();
    }
}
