package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The asynchronous form: failed stages, async fallbacks, and the guard's own timeout. */
class GuardAsyncTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();

    @AfterEach
    void close() {
        guard.close();
    }

    private static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private CircuitBreaker.Metrics metrics() {
        return guard.circuitBreaker().getMetrics();
    }

    @Test
    void aStageThatCompletesNormallyIsTheAnswerAndCountsAsASuccess() throws Exception {
        String reply = join(guard.<String>callAsync(() -> CompletableFuture.supplyAsync(() -> "hello"))
                .fallback(ctx -> "canned").getAsync());

        assertThat(reply).isEqualTo("hello");
        assertThat(metrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void aStageThatCompletesExceptionallyIsAnsweredByTheFallback() throws Exception {
        IllegalStateException boom = new IllegalStateException("HTTP 502");

        FallbackContext ctx = join(guard.<FallbackContext>callAsync(() -> CompletableFuture.failedFuture(boom))
                .fallback(c -> c).getAsync());

        assertThat(ctx.reason()).isEqualTo(FallbackReason.CALL_FAILED);
        assertThat(ctx.exception()).containsSame(boom);
        assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void asyncAndSyncFallbacksAreTriedInTheOrderGiven() throws Exception {
        AtomicInteger asyncTried = new AtomicInteger();

        String reply = join(guard.<String>callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("500")))
                .fallbackAsync(ctx -> {
                    asyncTried.incrementAndGet();
                    return CompletableFuture.failedFuture(new IllegalStateException("other provider 503"));
                })
                .fallback(ctx -> "canned")
                .getAsync());

        assertThat(reply).isEqualTo("canned");
        assertThat(asyncTried.get()).isEqualTo(1);
    }

    @Test
    void anAsyncFallbackThatAnswersWins() throws Exception {
        String reply = join(guard.<String>callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("500")))
                .fallbackAsync(ctx -> CompletableFuture.supplyAsync(() -> "other provider"))
                .fallback(ctx -> "canned")
                .getAsync());

        assertThat(reply).isEqualTo("other provider");
    }

    @Test
    void whenEveryFallbackFailsTheStageCompletesWithTheOneException() {
        IllegalStateException primary = new IllegalStateException("500");
        IllegalStateException asyncFailure = new IllegalStateException("other provider 503");
        IllegalStateException syncFailure = new IllegalStateException("no canned reply");

        CompletionStage<String> stage = guard.<String>callAsync(() -> CompletableFuture.failedFuture(primary))
                .fallbackAsync(ctx -> CompletableFuture.failedFuture(asyncFailure))
                .fallback(ctx -> {
                    throw syncFailure;
                })
                .getAsync();

        assertThatThrownBy(() -> stage.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(CharacterAiUnavailableException.class)
                .hasCause(primary)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(asyncFailure, syncFailure));
    }

    @Test
    void aRefusedAsyncCallIsNeverStarted() throws Exception {
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);
        AtomicInteger started = new AtomicInteger();

        FallbackReason reason = join(guard.<FallbackReason>callAsync(() -> {
            started.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }).fallback(FallbackContext::reason).getAsync());

        assertThat(reason).isEqualTo(FallbackReason.MAINTENANCE);
        assertThat(started.get()).isZero();
    }

    @Test
    void aStageThatNeverCompletesTimesOutIsRecordedOnceAndItsLateAnswerIsIgnored() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();

        FallbackContext ctx = join(guard.<Object>callAsync(() -> never)
                .timeout(Duration.ofMillis(100))
                .fallback(c -> c)
                .getAsync()
                .thenApply(FallbackContext.class::cast));

        assertThat(ctx.reason()).isEqualTo(FallbackReason.CALL_TIMED_OUT);
        assertThat(ctx.exception()).get().isInstanceOf(TimeoutException.class);
        assertThat(never).isCancelled();
        never.complete("too late"); // already cancelled: ignored, and the guard would ignore it anyway
        assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(metrics().getNumberOfSuccessfulCalls()).isZero();
    }

    @Test
    void aStageThatCannotBeCancelledAndAnswersAfterItsTimeoutIsStillRecordedOnlyOnce() throws Exception {
        CompletableFuture<String> slow = new CompletableFuture<>();

        FallbackReason reason = join(guard.<Object>callAsync(slow::minimalCompletionStage)
                .timeout(Duration.ofMillis(100))
                .fallback(FallbackContext::reason)
                .getAsync()
                .thenApply(FallbackReason.class::cast));
        slow.complete("too late");

        assertThat(reason).isEqualTo(FallbackReason.CALL_TIMED_OUT);
        assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(metrics().getNumberOfSuccessfulCalls()).isZero();
        assertThat(metrics().getNumberOfBufferedCalls()).isEqualTo(1);
    }

    @Test
    void aStageThatAnswersInTimeIsNotTimedOut() throws Exception {
        String reply = join(guard.<String>callAsync(() -> CompletableFuture.completedFuture("quick"))
                .timeout(Duration.ofSeconds(5))
                .fallback(c -> "canned")
                .getAsync());

        assertThat(reply).isEqualTo("quick");
        assertThat(metrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(metrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void closingTheGuardStopsItsTimeoutThread() throws Exception {
        join(guard.<String>callAsync(() -> CompletableFuture.completedFuture("x"))
                .timeout(Duration.ofSeconds(5)).getAsync());
        assertThat(timeoutThreads()).isPositive();

        guard.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> timeoutThreads() == 0);
        assertThatThrownBy(() -> guard.callAsync(() -> CompletableFuture.completedFuture("x"))
                .timeout(Duration.ofSeconds(1)).getAsync()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fallbacksAfterATimeoutRunConcurrentlyOnTheGuardsOwnNamedDaemonThreads() throws Exception {
        int calls = 6;
        CountDownLatch allRunning = new CountDownLatch(calls);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            replies.add(guard.<String>callAsync(CompletableFuture::new) // never answers
                    .timeout(Duration.ofMillis(50), Duration.ofSeconds(30))
                    .fallback(ctx -> {
                        Thread t = Thread.currentThread();
                        threads.add(t.getName() + (t.isDaemon() ? "" : " (not a daemon)"));
                        allRunning.countDown();
                        // a slow fallback (another provider): it ends once all six run at the same time
                        return allRunning.await(5, TimeUnit.SECONDS) ? "concurrent" : "one after another";
                    })
                    .getAsync().toCompletableFuture());
        }

        for (CompletableFuture<String> reply : replies) {
            assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo("concurrent");
        }
        assertThat(threads).hasSize(calls).allMatch(name -> name.startsWith("cai-status-guard-fallback-"));
        assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(calls);
    }

    @Test
    void anAsyncFallbackThatNeverCompletesIsCutByTheWholeCallsTimeout() {
        CompletableFuture<String> neverCall = new CompletableFuture<>();
        CompletableFuture<String> neverFallback = new CompletableFuture<>();
        AtomicInteger laterAsked = new AtomicInteger();

        CompletableFuture<String> reply = guard.<String>callAsync(() -> neverCall)
                .timeout(Duration.ofMillis(50), Duration.ofMillis(300))
                .fallbackAsync(ctx -> neverFallback)
                .fallback(ctx -> {
                    laterAsked.incrementAndGet();
                    return "canned";
                })
                .getAsync().toCompletableFuture();

        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(CharacterAiUnavailableException.class)
                .satisfies(e -> {
                    CharacterAiUnavailableException u = (CharacterAiUnavailableException) e;
                    assertThat(u.context().reason()).isEqualTo(FallbackReason.CALL_TIMED_OUT);
                    assertThat(u.getSuppressed()).anyMatch(TimeoutException.class::isInstance);
                });
        assertThat(neverCall).isCancelled();
        assertThat(neverFallback).isCancelled(); // given up on, not left running
        assertThat(laterAsked).hasValue(0);
        assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void theTimeoutAlsoBoundsTheFallbacksOfARefusedCall() {
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);
        CompletableFuture<String> neverFallback = new CompletableFuture<>();

        CompletableFuture<String> reply = guard.<String>callAsync(CompletableFuture::new)
                .timeout(Duration.ofMillis(100)) // the call's bound; the whole call gets twice that
                .fallbackAsync(ctx -> neverFallback)
                .getAsync().toCompletableFuture();

        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(CharacterAiUnavailableException.class)
                .satisfies(e -> assertThat(((CharacterAiUnavailableException) e).context().reason())
                        .isEqualTo(FallbackReason.MAINTENANCE));
        assertThat(neverFallback).isCancelled();
    }

    @Test
    void aWholeCallTimeoutShorterThanTheCallsIsRefused() {
        assertThatThrownBy(() -> guard.callAsync(CompletableFuture::new)
                .timeout(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingTheGuardStopsItsFallbackThreads() throws Exception {
        assertThat(join(guard.<String>callAsync(CompletableFuture::new)
                .timeout(Duration.ofMillis(20), Duration.ofSeconds(10))
                .fallback(ctx -> Thread.currentThread().getName())
                .getAsync())).startsWith("cai-status-guard-fallback-");

        guard.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("cai-status-guard-")));
    }

    private static long timeoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cai-status-guard-timeout") && t.isAlive()).count();
    }
}
