package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
    private final Guard guard = Guard.builder(status).build();

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

    private static long timeoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cai-status-guard-timeout") && t.isAlive()).count();
    }
}
