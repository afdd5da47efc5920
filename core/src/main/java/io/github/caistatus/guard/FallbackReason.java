package io.github.caistatus.guard;

/**
 * Why a guarded call was answered by a fallback instead of Character.AI.
 *
 * <pre>{@code
 * .fallback(ctx -> ctx.reason() == FallbackReason.MAINTENANCE ? "Back after maintenance!" : "Please retry.")
 * }</pre>
 */
public enum FallbackReason {
    /** The circuit breaker is open because the host's own recent calls failed; nothing was sent. */
    BREAKER_OPEN,
    /** The status verdict is a major outage, so the breaker is held open; nothing was sent. */
    STATUS_DOWN,
    /** The status verdict is a planned maintenance, so the breaker is held open; nothing was sent. */
    MAINTENANCE,
    /**
     * Character.AI is overloaded (a Cloudflare waiting room or HTTP 429): the call failed, or the breaker
     * refused it, while the verdict's cause was {@link io.github.caistatus.api.Cause#OVERLOADED}.
     */
    WAITING_ROOM,
    /** The call was made and failed: it threw, or its result was judged a failure. */
    CALL_FAILED,
    /** The call was made and did not answer in time (a timeout exception, or the guard's own timeout). */
    CALL_TIMED_OUT,
    /**
     * Calls to Character.AI are stalled ({@link StallDetection}): calls in flight ran far longer than healthy calls
     * take. Either this call was not sent (the context has no exception), or it was sent and is still waiting, and
     * its caller is answered now (the context's exception is a {@link java.util.concurrent.TimeoutException}); the
     * call's own outcome is still recorded in the breaker when it comes.
     */
    CALL_STALLED;

    /**
     * Whether the call was never sent: the guard answered from a fallback without any network wait.
     *
     * @return true for {@link #BREAKER_OPEN}, {@link #STATUS_DOWN} and {@link #MAINTENANCE}
     */
    public boolean isShortCircuit() {
        return this == BREAKER_OPEN || this == STATUS_DOWN || this == MAINTENANCE;
    }
}
