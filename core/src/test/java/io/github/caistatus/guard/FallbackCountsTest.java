package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guard counts which fallback answered, by reason and place in the chain, and the calls none answered. */
class FallbackCountsTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();

    @Test
    void aCallAnsweredByCharacterAiCountsNoFallback() {
        assertThat(guard.call(() -> "hi").fallback(ctx -> "canned").get()).isEqualTo("hi");

        FallbackCounts counts = guard.fallbackCounts();
        for (FallbackReason reason : FallbackReason.values()) {
            assertThat(counts.answered(reason)).isZero();
            assertThat(counts.unanswered(reason)).isZero();
        }
    }

    @Test
    void eachFallbackIsCountedUnderTheReasonAndItsPlace() {
        guard.call(() -> { throw new IllegalStateException("500"); }).fallback(ctx -> "first").get();
        guard.call(() -> { throw new IllegalStateException("500"); })
                .fallback(ctx -> { throw new IllegalStateException("other provider down"); })
                .fallback(ctx -> "second").get();
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);
        guard.call(() -> "never sent").fallback(ctx -> "first").get();

        FallbackCounts counts = guard.fallbackCounts();
        assertThat(counts.answered(FallbackReason.CALL_FAILED, 0)).isEqualTo(1);
        assertThat(counts.answered(FallbackReason.CALL_FAILED, 1)).isEqualTo(1);
        assertThat(counts.answered(FallbackReason.MAINTENANCE, 0)).isEqualTo(1);
        assertThat(counts.answered(FallbackReason.STATUS_DOWN)).isZero();
    }

    @Test
    void aCallNoFallbackAnsweredIsCountedAsUnanswered() {
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);

        assertThatThrownBy(() -> guard.call(() -> "never sent")
                .fallback(ctx -> { throw new IllegalStateException("no"); }).get())
                .isInstanceOf(CharacterAiUnavailableException.class);

        assertThat(guard.fallbackCounts().unanswered(FallbackReason.STATUS_DOWN)).isEqualTo(1);
        assertThat(guard.fallbackCounts().answered(FallbackReason.STATUS_DOWN)).isZero();
    }

    @Test
    void aChainLongerThanTheFirstSlotsIsCountedAtItsPlace() {
        guard.call(() -> { throw new IllegalStateException("500"); })
                .fallback(ctx -> { throw new IllegalStateException("a"); })
                .fallback(ctx -> { throw new IllegalStateException("b"); })
                .fallback(ctx -> { throw new IllegalStateException("c"); })
                .fallback(ctx -> { throw new IllegalStateException("d"); })
                .fallback(ctx -> "fifth").get();

        FallbackCounts counts = guard.fallbackCounts();
        assertThat(counts.answered(FallbackReason.CALL_FAILED, 4)).isEqualTo(1);
        assertThat(counts.answered().get(FallbackReason.MAINTENANCE)).hasSize(5);
    }

    @Test
    void anAsynchronousCallsFallbackIsCountedToo() throws Exception {
        String reply = guard.<String>callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("500")))
                .fallback(ctx -> "canned").getAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(reply).isEqualTo("canned");
        assertThat(guard.fallbackCounts().answered(FallbackReason.CALL_FAILED, 0)).isEqualTo(1);
    }
}
