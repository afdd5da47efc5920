package io.github.caistatus.guard;

/**
 * Every guarded call since a {@link Guard} was built, counted exactly once by the guard itself, from
 * {@link Guard#callCounts()}.
 *
 * <pre>{@code
 * CallCounts c = status.guard().callCounts();
 * double servedByCharacterAi = (double) c.successful() / c.total();
 * }</pre>
 *
 * <p>Each attempt is in exactly one of {@code successful}, {@code failed}, {@code refused}, {@code shortCircuited}
 * and {@code released}: a guarded call is one attempt, plus one per retry of its {@link Patience} policy.
 * {@code trials} counts the calls let through while the breaker was held open, and {@code retries} the attempts
 * a patience policy added; both are also among the others.
 *
 * @param successful     calls answered by Character.AI (recorded as a success in the breaker, unless it was
 *                       forced open by then)
 * @param failed         calls made that failed: an exception, a result judged a failure, or a timeout; their
 *                       answer came from the fallbacks
 * @param refused        calls the breaker refused (open, or half-open with its trials taken); resilience4j
 *                       counts them as not permitted
 * @param shortCircuited calls answered by the fallbacks while the verdict forced the breaker open, without
 *                       asking it (the same as {@link Guard#shortCircuitedCalls()})
 * @param released       calls that ended without an outcome: interrupted, cancelled by the host, or an
 *                       {@link Error}; their permit was released and nothing recorded
 * @param trials         calls let through as trials while the breaker was held open
 * @param retries        attempts made by a {@link Patience} policy after a failed call (each also counted as
 *                       successful, failed, refused or released)
 */
public record CallCounts(long successful, long failed, long refused, long shortCircuited, long released,
                         long trials, long retries) {

    /**
     * All attempts: successful, failed, refused, short-circuited and released.
     *
     * <pre>{@code
     * long total = guard.callCounts().total();
     * }</pre>
     *
     * @return the total
     */
    public long total() {
        return successful + failed + refused + shortCircuited + released;
    }
}
