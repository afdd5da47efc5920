package io.github.caistatus.guard;

import io.github.caistatus.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When Character.AI may be back, as the fallback context tells it, and the canned sentences built on it. */
class RetryAfterTest {

    private final FakeStatus status = new FakeStatus();
    private final MutableClock clock = new MutableClock(FakeStatus.T0);
    private final Guard guard = Guard.builder().feed(status).clock(clock).build();

    private FallbackContext contextOfRefusedCall() {
        return guard.<FallbackContext>call(() -> {
            throw new AssertionError("the breaker should have refused the call");
        }).fallback(ctx -> ctx).get();
    }

    private FallbackContext contextOfFailedCall() {
        return guard.<FallbackContext>call(() -> {
            throw new IllegalStateException("HTTP 429");
        }).fallback(ctx -> ctx).get();
    }

    private static Incident maintenance(Instant start, Optional<Instant> end) {
        return new Incident("m1", "character.ai", start, end, Health.MAINTENANCE, Cause.MAINTENANCE,
                "planned database work", Source.OFFICIAL, true, List.of(), Optional.empty());
    }

    private static StatusSnapshot inMaintenance(Incident running) {
        return new StatusSnapshot(Health.MAINTENANCE, Cause.MAINTENANCE, "maintenance", 1.0, FakeStatus.T0,
                List.of(), List.of(), List.of(running), Optional.of(running), Optional.empty());
    }

    @Test
    void duringMaintenanceTheWaitIsTheTimeLeftUntilItsAnnouncedEnd() {
        status.set(inMaintenance(maintenance(FakeStatus.T0.minusSeconds(600),
                Optional.of(FakeStatus.T0.plus(Duration.ofMinutes(20))))));

        FallbackContext ctx = contextOfRefusedCall();

        assertThat(ctx.reason()).isEqualTo(FallbackReason.MAINTENANCE);
        assertThat(ctx.expectedWait()).contains(Duration.ofMinutes(20));
        assertThat(ctx.describe()).isEqualTo("Character.AI is down for maintenance; expected back in ~20 minutes");

        clock.advance(Duration.ofMinutes(15)); // the same context, asked later, gives what is left then
        assertThat(ctx.expectedWait()).contains(Duration.ofMinutes(5));
    }

    @Test
    void maintenanceWithoutAnAnnouncedEndQuotesHowLongMaintenancesUsuallyLast() {
        status.typicalDuration(Health.MAINTENANCE, Duration.ofMinutes(45));
        status.set(inMaintenance(maintenance(FakeStatus.T0.minusSeconds(600), Optional.empty())));

        FallbackContext ctx = contextOfRefusedCall();

        assertThat(ctx.expectedWait()).contains(Duration.ofMinutes(45));
        assertThat(ctx.describe()).isEqualTo("Character.AI is down for maintenance; usually back within ~45 minutes");
    }

    @Test
    void aRetryAfterFromTheServiceIsPassedOn() {
        StatusSnapshot overloaded = new StatusSnapshot(Health.DEGRADED, Cause.OVERLOADED, "waiting room", 1.0,
                FakeStatus.T0, List.of(), List.of(), List.of(), Optional.empty(), Optional.of(Duration.ofSeconds(30)));
        status.set(overloaded);

        FallbackContext ctx = contextOfFailedCall();

        assertThat(ctx.reason()).isEqualTo(FallbackReason.WAITING_ROOM);
        assertThat(ctx.expectedWait()).contains(Duration.ofSeconds(30));
        assertThat(ctx.describe())
                .isEqualTo("Character.AI is overloaded and has users in a waiting room; asked to retry in ~30 seconds");
    }

    @Test
    void aBreakerOpenedByFailuresGivesItsRemainingOpenTime() {
        for (int i = 0; i < 10; i++) {
            contextOfFailedCall(); // the default breaker: 10 calls, 50% failures, 30 s open
        }
        clock.advance(Duration.ofSeconds(10));

        FallbackContext ctx = contextOfRefusedCall();

        assertThat(ctx.reason()).isEqualTo(FallbackReason.BREAKER_OPEN);
        assertThat(ctx.expectedWait()).contains(Duration.ofSeconds(20));
        assertThat(ctx.describe()).isEqualTo("Character.AI is not answering right now; trying again in ~20 seconds");
    }

    @Test
    void anOutageQuotesHowLongOutagesUsuallyLast() {
        status.typicalDuration(Health.MAJOR_OUTAGE, Duration.ofMinutes(130));
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);

        FallbackContext ctx = contextOfRefusedCall();

        assertThat(ctx.reason()).isEqualTo(FallbackReason.STATUS_DOWN);
        assertThat(ctx.expectedWait()).contains(Duration.ofMinutes(130));
        assertThat(ctx.describe()).isEqualTo("Character.AI is down; usually back within ~2 hours");
    }

    @Test
    void withNothingToGoOnThereIsNoWaitAndTheSentenceSaysOnlyWhy() {
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);

        FallbackContext ctx = contextOfRefusedCall();

        assertThat(ctx.expectedWait()).isEmpty();
        assertThat(ctx.describe()).isEqualTo("Character.AI is down");
    }

    @Test
    void aCannedReplyTemplateQuotesTheReasonAndTheWait() {
        status.typicalDuration(Health.MAINTENANCE, Duration.ofMinutes(45));
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        String reply = guard.call(() -> "hi")
                .fallback(Fallbacks.cannedReply("{reason}. Please come back in {wait}!"))
                .get();

        assertThat(reply).isEqualTo("Character.AI is down for maintenance. Please come back in ~45 minutes!");
    }

    @Test
    void aCannedReplyWithoutAKnownWaitSaysAWhile() throws Exception {
        FallbackContext ctx = FallbackContext.of(FallbackReason.CALL_FAILED, status.snapshot(), Optional.empty(),
                Optional.empty());

        assertThat(Fallbacks.cannedReply("{reason}; try again in {wait}.").apply(ctx))
                .isEqualTo("Character.AI could not answer; try again in a while.");
        assertThat(Fallbacks.cannedReply().apply(ctx)).isEqualTo("Character.AI could not answer");
    }

    @Test
    void aHandMadeContextReportsWhatItWasGiven() {
        FallbackContext ctx = FallbackContext.of(FallbackReason.STATUS_DOWN, status.snapshot(), Optional.empty(),
                Optional.of(Duration.ofSeconds(5)));

        assertThat(ctx.expectedWait()).contains(Duration.ofSeconds(5));
        assertThat(ctx.describe()).isEqualTo("Character.AI is down; try again in ~5 seconds");
    }

    @Test
    void aWaitTheHostsOwnExceptionGivesIsTheExpectedWait() {
        status.typicalDuration(Health.MAJOR_OUTAGE, Duration.ofMinutes(45));
        Guard reading = Guard.builder().feed(status).clock(clock)
                .waitFrom(e -> e instanceof PatienceTest.TooManyRequests t
                        ? Optional.of(t.retryAfter) : Optional.empty())
                .build();

        FallbackContext ctx = reading.<FallbackContext>call(() -> {
            throw new IllegalStateException("send failed", new PatienceTest.TooManyRequests(Duration.ofSeconds(20)));
        }).fallback(c -> c).get();

        assertThat(ctx.expectedWait()).as("read from the cause").contains(Duration.ofSeconds(20));
        assertThat(ctx.describe()).isEqualTo("Character.AI could not answer; asked to retry in ~20 seconds");
    }

    @Test
    void aWaitReaderThatThrowsOrFindsNothingLeavesTheOtherEstimates() {
        status.set(new StatusSnapshot(Health.DEGRADED, Cause.OVERLOADED, "waiting room", 1.0, FakeStatus.T0,
                List.of(), List.of(), List.of(), Optional.empty(), Optional.of(Duration.ofMinutes(3))));
        Guard throwing = Guard.builder().feed(status).clock(clock).waitFrom(e -> {
            throw new IllegalArgumentException("a buggy reader");
        }).build();
        Guard empty = Guard.builder().feed(status).clock(clock).waitFrom(e -> Optional.empty()).build();

        for (Guard g : new Guard[] {throwing, empty}) {
            FallbackContext ctx = g.<FallbackContext>call(() -> {
                throw new IllegalStateException("HTTP 429");
            }).fallback(c -> c).get();
            assertThat(ctx.expectedWait()).as("the service's Retry-After").contains(Duration.ofMinutes(3));
        }
    }
}
