package io.github.caistatus.guard;

import io.github.caistatus.api.StatusSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Fallback} is told: why Character.AI did not answer, the status at that moment, the failure
 * if the call was made, and when it may be back.
 *
 * <pre>{@code
 * .fallback(ctx -> "Character.AI is resting (" + ctx.reason() + "); try again "
 *                  + ctx.expectedWait().map(d -> "in " + d.toMinutes() + " min").orElse("later"))
 * .fallback(ctx -> ctx.describe())   // "Character.AI is down for maintenance; expected back in ~20 minutes"
 * }</pre>
 *
 * <p>An immutable value with record-style accessors. It is a class rather than a record because
 * {@link #expectedWait()} is worked out when asked, against the clock of that moment: the guard hands the
 * same context to every call it refuses while the status stays the same, so an outage costs no allocation.
 */
public final class FallbackContext {

    /** Where the expected wait and the latest verdict come from; null for a context built by hand. */
    private final WaitEstimates waits;
    private final FallbackReason reason;
    private final StatusSnapshot snapshot;
    private final Throwable exception;
    private final Duration givenWait;

    FallbackContext(WaitEstimates waits, FallbackReason reason, StatusSnapshot snapshot, Throwable exception) {
        this.waits = waits;
        this.reason = reason;
        this.snapshot = snapshot;
        this.exception = exception;
        this.givenWait = null;
    }

    private FallbackContext(FallbackReason reason, StatusSnapshot snapshot, Throwable exception, Duration expectedWait) {
        this.waits = null;
        this.reason = reason;
        this.snapshot = snapshot;
        this.exception = exception;
        this.givenWait = expectedWait;
    }

    /**
     * A context with fixed values, for testing a host's own fallbacks.
     *
     * <pre>{@code
     * FallbackContext ctx = FallbackContext.of(FallbackReason.MAINTENANCE, snapshot,
     *                                          Optional.empty(), Optional.of(Duration.ofMinutes(45)));
     * assertThat(myFallback.apply(ctx)).contains("maintenance");
     * }</pre>
     *
     * @param reason     why
     * @param snapshot   the status
     * @param exception    the call's failure, if any
     * @param expectedWait the expected wait, if known
     * @return the context
     */
    public static FallbackContext of(FallbackReason reason, StatusSnapshot snapshot, Optional<Throwable> exception,
                                     Optional<Duration> expectedWait) {
        return new FallbackContext(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(snapshot, "snapshot"),
                exception.orElse(null), expectedWait.orElse(null));
    }

    /** Counts a fallback's answer for {@link Guard#fallbackCounts()}; a context built by hand counts nothing. */
    void countAnswer(int index) {
        if (waits != null) {
            waits.tally.answered(reason, index);
        }
    }

    /** Counts a call no fallback answered. */
    void countUnanswered() {
        if (waits != null) {
            waits.tally.unanswered(reason);
        }
    }

    /**
     * Why the guard fell back.
     *
     * <pre>{@code
     * .fallback(ctx -> ctx.reason().isShortCircuit() ? "Not sent: " + ctx.describe() : "Failed: " + ctx.describe())
     * }</pre>
     *
     * @return the reason
     */
    public FallbackReason reason() {
        return reason;
    }

    /**
     * The status verdict when the guard fell back.
     *
     * <pre>{@code
     * .fallback(ctx -> "Character.AI: " + ctx.snapshot().summary())
     * }</pre>
     *
     * @return the snapshot
     */
    public StatusSnapshot snapshot() {
        return snapshot;
    }

    /**
     * The verdict now, which may have moved on since {@link #snapshot()}: what a fallback that waits or works for
     * a while should look at before it answers.
     *
     * <pre>{@code
     * .fallback(ctx -> ctx.latest().health().isUsable() ? "Back now, please resend" : ctx.describe())
     * }</pre>
     *
     * @return the latest snapshot
     */
    public StatusSnapshot latest() {
        return waits == null ? snapshot : waits.latest();
    }

    /**
     * The call's failure: what it threw, a {@link FailedResultException} for a result judged a failure, or a
     * {@link java.util.concurrent.TimeoutException} for the guard's own timeout. Empty when the call was
     * never made.
     *
     * <pre>{@code
     * .fallback(ctx -> ctx.exception().map(e -> "failed: " + e.getMessage()).orElse("not sent"))
     * }</pre>
     *
     * @return the failure, or empty
     */
    public Optional<Throwable> exception() {
        return Optional.ofNullable(exception);
    }

    /**
     * How long until Character.AI is expected back: an estimate, from the best basis there is, in this order: the
     * end of the running maintenance; a wait the call's own failure gave (the host's
     * {@link GuardBuilder#waitFrom waitFrom}, e.g. the {@code Retry-After} of a 429 from the host's chat client);
     * the {@code Retry-After} the service gave the status probes; the breaker's remaining open time; the median
     * length of past outages of the same kind from the incident history. {@link #describe()} says which basis it
     * is ("expected back in", "asked to retry in", "usually back within"). Worked out now, so two calls may
     * differ. (Not to be confused with {@code StatusSnapshot.retryAfter()}, which is the header alone.)
     *
     * <pre>{@code
     * .fallback(ctx -> "Try again " + ctx.expectedWait().map(d -> "in " + d.toMinutes() + " min").orElse("later"))
     * }</pre>
     *
     * @return the expected wait, or empty if nothing hints at one
     */
    public Optional<Duration> expectedWait() {
        WaitHint hint = hint();
        return hint == null ? Optional.empty() : Optional.of(hint.delay());
    }

    /**
     * One sentence for a canned reply, quoting the reason and the expected wait, e.g.
     * "Character.AI is down for maintenance; usually back within ~45 minutes". Never contains chat content.
     *
     * <pre>{@code
     * .fallback(ctx -> ctx.describe() + ". Your message was kept.")
     * }</pre>
     *
     * @return the sentence
     */
    public String describe() {
        WaitHint hint = hint();
        return hint == null ? what() : what() + "; " + hint.phrase();
    }

    /** The reason as the first half of a sentence. */
    String what() {
        return switch (reason) {
            case MAINTENANCE -> "Character.AI is down for maintenance";
            case STATUS_DOWN -> "Character.AI is down";
            case WAITING_ROOM -> "Character.AI is overloaded and has users in a waiting room";
            case BREAKER_OPEN -> "Character.AI is not answering right now";
            case CALL_FAILED -> "Character.AI could not answer";
            case CALL_TIMED_OUT -> "Character.AI took too long to answer";
            case CALL_STALLED -> "Character.AI is not answering right now";
        };
    }

    /** The expected wait alone, e.g. "~45 minutes", or "a while" when nothing hints at one. */
    String waitText() {
        WaitHint hint = hint();
        return hint == null ? "a while" : WaitHint.humanize(hint.delay());
    }

    private WaitHint hint() {
        if (waits == null) {
            return givenWait == null ? null : new WaitHint(givenWait, WaitHint.Basis.GIVEN);
        }
        return waits.estimate(reason, snapshot, exception);
    }

    @Override
    public String toString() {
        return "FallbackContext[reason=" + reason + ", health=" + snapshot.health()
                + ", exception=" + (exception == null ? "none" : exception.getClass().getName()) + "]";
    }
}
