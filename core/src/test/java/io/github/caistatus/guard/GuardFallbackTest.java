package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Ordered fallbacks, what they are told, and what happens when they fail. */
class GuardFallbackTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();
    private final List<String> tried = new ArrayList<>();

    private static <T> Supplier<T> failing(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    @Test
    void fallbacksAreTriedInOrderAndTheFirstAnswerWins() {
        String reply = guard.<String>call(failing(new IllegalStateException("HTTP 500")))
                .fallback(ctx -> {
                    tried.add("first");
                    return "first";
                })
                .fallback(ctx -> {
                    tried.add("second");
                    return "second";
                })
                .get();

        assertThat(reply).isEqualTo("first");
        assertThat(tried).containsExactly("first");
    }

    @Test
    void aHealthyCallNeverTouchesTheFallbacks() {
        String reply = guard.call(() -> "hello").fallback(ctx -> {
            tried.add("fallback");
            return "no";
        }).get();

        assertThat(reply).isEqualTo("hello");
        assertThat(tried).isEmpty();
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void theContextOfAFailedCallCarriesTheReasonTheSnapshotAndTheException() {
        IllegalStateException boom = new IllegalStateException("HTTP 500");
        List<FallbackContext> seen = new ArrayList<>();

        guard.<String>call(failing(boom)).fallback(ctx -> {
            seen.add(ctx);
            return "x";
        }).get();

        FallbackContext ctx = seen.get(0);
        assertThat(ctx.reason()).isEqualTo(FallbackReason.CALL_FAILED);
        assertThat(ctx.snapshot()).isSameAs(status.snapshot());
        assertThat(ctx.exception()).containsSame(boom);
        assertThat(ctx.describe()).isEqualTo("Character.AI could not answer");
    }

    @Test
    void aTimeoutFromTheClientIsReportedAsCallTimedOut() {
        FallbackReason reason = guard.<FallbackReason>call(GuardFallbackTest.<FallbackReason>failing(
                        new UncheckedIOException(new SocketTimeoutException("read timed out"))))
                .fallback(FallbackContext::reason).get();

        assertThat(reason).isEqualTo(FallbackReason.CALL_TIMED_OUT);
    }

    @Test
    void aFailureWhileTheVerdictSaysOverloadedIsReportedAsWaitingRoom() {
        status.set(Health.DEGRADED, Cause.OVERLOADED);

        FallbackReason reason = guard.<FallbackReason>call(GuardFallbackTest.<FallbackReason>failing(new IllegalStateException("HTTP 429")))
                .fallback(FallbackContext::reason).get();

        assertThat(reason).isEqualTo(FallbackReason.WAITING_ROOM);
    }

    @Test
    void aFallbackThatThrowsPassesTheTurnToTheNext() {
        String reply = guard.<String>call(failing(new IllegalStateException("HTTP 500")))
                .fallback(ctx -> {
                    throw new IOException("other provider down too");
                })
                .fallback(ctx -> "canned")
                .get();

        assertThat(reply).isEqualTo("canned");
    }

    @Test
    void whenEveryFallbackFailsOneExceptionCarriesTheContextAndEveryFailureInOrder() {
        IllegalStateException primary = new IllegalStateException("HTTP 500");
        IOException first = new IOException("other provider down");
        IllegalArgumentException second = new IllegalArgumentException("template broken");

        CharacterAiUnavailableException e = catchThrowableOfType(CharacterAiUnavailableException.class,
                () -> guard.<String>call(failing(primary))
                        .fallback(ctx -> {
                            throw first;
                        })
                        .fallback(ctx -> {
                            throw second;
                        })
                        .get());

        assertThat(e.context().reason()).isEqualTo(FallbackReason.CALL_FAILED);
        assertThat(e.getCause()).isSameAs(primary);
        assertThat(e.getSuppressed()).containsExactly(first, second);
        assertThat(e.isInterrupted()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Character.AI could not answer (no fallback answered)");
    }

    @Test
    void moreThanThreeFallbacksAreStillTriedInOrder() {
        GuardedCall<String> call = guard.<String>call(failing(new IllegalStateException("HTTP 500")));
        for (int i = 1; i <= 6; i++) {
            String name = "f" + i;
            call.fallback(ctx -> {
                tried.add(name);
                if (!name.equals("f6")) {
                    throw new IllegalStateException(name);
                }
                return name;
            });
        }

        assertThat(call.get()).isEqualTo("f6");
        assertThat(tried).containsExactly("f1", "f2", "f3", "f4", "f5", "f6");
    }

    @Test
    void aRefusedCallWithNoFallbackThrowsTheExceptionWithoutACause() {
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);

        assertThatThrownBy(() -> guard.call(() -> "hi").get())
                .isInstanceOf(CharacterAiUnavailableException.class)
                .hasNoCause()
                .hasMessage("Character.AI is down (no fallback answered)")
                .satisfies(t -> assertThat(((CharacterAiUnavailableException) t).context().reason())
                        .isEqualTo(FallbackReason.STATUS_DOWN));
    }

    @Test
    void fallbackFailuresAreNotRecordedInTheBreaker() {
        assertThatThrownBy(() -> guard.<String>call(failing(new IllegalStateException("HTTP 500")))
                .fallback(ctx -> {
                    throw new IllegalStateException("a");
                })
                .fallback(ctx -> {
                    throw new IllegalStateException("b");
                })
                .get()).isInstanceOf(CharacterAiUnavailableException.class);

        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
    }

    @Test
    void aResultTheHostCallsAFailureIsRecordedAsOneAndAnsweredByTheFallback() {
        List<FallbackContext> seen = new ArrayList<>();

        String reply = guard.call(() -> "").failWhen(String::isBlank).fallback(ctx -> {
            seen.add(ctx);
            return "canned";
        }).get();

        assertThat(reply).isEqualTo("canned");
        assertThat(seen.get(0).reason()).isEqualTo(FallbackReason.CALL_FAILED);
        assertThat(seen.get(0).exception()).get().isInstanceOfSatisfying(FailedResultException.class,
                e -> assertThat(e.result()).isEqualTo(""));
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isZero();
    }

    @Test
    void theBreakerConfigurationsResultPredicateCountsToo() {
        Guard strict = Guard.builder().feed(status).circuitBreakerConfig(CircuitBreakerConfig.custom()
                .recordResult(r -> "neo_error".equals(r)).build()).build();

        String reply = strict.call(() -> "neo_error").fallback(ctx -> "canned").get();

        assertThat(reply).isEqualTo("canned");
        assertThat(strict.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aDecoratedFunctionGivesTheInputToItsFallbacksAndStaysUnchangedWhenExtended() {
        GuardedFunction<String, String> bare = guard.decorate((String m) -> {
            throw new IllegalStateException("HTTP 500 for " + m.length() + " chars");
        });
        GuardedFunction<String, String> chat = bare
                .fallback((message, ctx) -> "other provider got: " + message)
                .fallback(Fallbacks.cannedReply());

        assertThat(chat.apply("hello")).isEqualTo("other provider got: hello");
        assertThatThrownBy(() -> bare.apply("hello")).isInstanceOf(CharacterAiUnavailableException.class);
    }
}
