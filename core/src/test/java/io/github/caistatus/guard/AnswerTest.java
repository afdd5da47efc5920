package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who answered a guarded call and why, in every shape; and canned replies of the host's own type. */
class AnswerTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();

    /** A host's own reply type, not a String. */
    record ChatReply(String text, boolean fromSystem) {
        static ChatReply system(String text) {
            return new ChatReply(text, true);
        }
    }

    @Test
    void characterAiAnsweredSaysSoWithNoReason() {
        Answer<String> a = guard.call(() -> "hello").fallback(ctx -> "canned").answer();

        assertThat(a).isEqualTo(Answer.ofCharacterAi("hello"));
        assertThat(a.fromCharacterAi()).isTrue();
        assertThat(a.answeredBy()).isEqualTo(AnsweredBy.CHARACTER_AI);
        assertThat(a.fallbackIndex()).isEqualTo(-1);
        assertThat(a.reason()).isEmpty();
        assertThat(a.context()).isEmpty();
    }

    @Test
    void aFallbackAnsweredSaysWhichAndWhy() {
        Answer<String> a = guard.<String>call(() -> {
            throw new IllegalStateException("HTTP 500");
        }).fallback(ctx -> {
            throw new IllegalStateException("the other provider is down too");
        }).fallback(ctx -> "canned").answer();

        assertThat(a.value()).isEqualTo("canned");
        assertThat(a.answeredBy()).isEqualTo(AnsweredBy.FALLBACK);
        assertThat(a.fallbackIndex()).as("the second fallback").isEqualTo(1);
        assertThat(a.reason()).contains(FallbackReason.CALL_FAILED);
        assertThat(a.context().orElseThrow().exception().orElseThrow()).hasMessage("HTTP 500");
    }

    @Test
    void aShortCircuitedCallSaysTheVerdictHeldTheBreaker() {
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        Answer<String> a = guard.call(() -> "never made").fallback(ctx -> "canned").answer();

        assertThat(a.fromCharacterAi()).isFalse();
        assertThat(a.fallbackIndex()).isZero();
        assertThat(a.reason()).contains(FallbackReason.MAINTENANCE);
    }

    @Test
    void aDecoratedFunctionAnswersWithTheSameRunPath() {
        GuardedFunction<String, String> chat = guard.<String, String>decorate(m -> {
            throw new IllegalStateException("HTTP 500 for " + m);
        }).fallback((m, ctx) -> "echo " + m);

        Answer<String> a = chat.answer("hi");

        assertThat(a.value()).isEqualTo("echo hi");
        assertThat(a.fallbackIndex()).isZero();
        assertThat(a.reason()).contains(FallbackReason.CALL_FAILED);
        assertThat(chat.apply("there")).isEqualTo("echo there");
    }

    @Test
    void anAsyncCallAnswersWithWhoAndWhy() {
        Answer<String> fromCai = guard.<String>callAsync(() -> java.util.concurrent.CompletableFuture
                .completedFuture("hello")).answerAsync().toCompletableFuture().join();
        Answer<String> fromFallback = guard.<String>callAsync(() -> java.util.concurrent.CompletableFuture
                .failedFuture(new IllegalStateException("HTTP 503")))
                .fallbackAsync(ctx -> java.util.concurrent.CompletableFuture.failedFuture(
                        new IllegalStateException("no")))
                .fallback(ctx -> "canned").answerAsync().toCompletableFuture().join();

        assertThat(fromCai).isEqualTo(Answer.ofCharacterAi("hello"));
        assertThat(fromFallback.value()).isEqualTo("canned");
        assertThat(fromFallback.fallbackIndex()).isEqualTo(1);
        assertThat(fromFallback.reason()).contains(FallbackReason.CALL_FAILED);
    }

    @Test
    void aCannedReplyOfTheHostsOwnType() {
        status.typicalDuration(Health.MAINTENANCE, Duration.ofMinutes(45));
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        ChatReply reply = guard.call(() -> new ChatReply("from Character.AI", false))
                .fallback(Fallbacks.cannedReply(ChatReply::system))
                .get();

        assertThat(reply).isEqualTo(ChatReply.system(
                "Character.AI is down for maintenance; usually back within ~45 minutes"));
    }

    @Test
    void anAnswerWhosePartsDisagreeIsRefused() {
        FallbackContext ctx = FallbackContext.of(FallbackReason.CALL_FAILED, status.snapshot(), Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> new Answer<>("x", AnsweredBy.CHARACTER_AI, 0, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Answer<>("x", AnsweredBy.FALLBACK, 0, Optional.of(FallbackReason.STATUS_DOWN),
                Optional.of(ctx))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Answer.ofFallback("x", 2, ctx).reason()).contains(FallbackReason.CALL_FAILED);
    }
}
