package io.github.caistatus.api;

/**
 * How usable Character.AI is, from a caller's point of view, ordered from best to worst.
 *
 * <p>{@link #UNKNOWN} is last: it means "no trustworthy evidence", which is worse than any
 * known state for a dashboard, but still {@linkplain #isUsable() worth trying} for a caller.
 *
 * <pre>{@code
 * if (!CharacterAiStatus.current().health().isUsable()) showBanner();
 * }</pre>
 */
public enum Health {
    /** Everything answers normally. */
    OPERATIONAL,
    /** Answers, but slowly, from a waiting room, or with occasional errors. */
    DEGRADED,
    /** Some users or features fail; many calls still succeed. */
    PARTIAL_OUTAGE,
    /** The service does not answer usefully: calls will fail. */
    MAJOR_OUTAGE,
    /** Planned downtime announced by the operator. */
    MAINTENANCE,
    /** No trustworthy evidence either way (dead sources, our own network down, no check yet). */
    UNKNOWN;

    /**
     * Whether a call is worth trying: true for operational, degraded, partial outage and unknown.
     *
     * @return false only for {@link #MAJOR_OUTAGE} and {@link #MAINTENANCE}
     */
    public boolean isUsable() {
        return this != MAJOR_OUTAGE && this != MAINTENANCE;
    }

    /**
     * Whether this is a known bad state: degraded or worse, excluding {@link #UNKNOWN}.
     *
     * @return true for degraded, partial outage, major outage and maintenance
     */
    public boolean isImpaired() {
        return this != OPERATIONAL && this != UNKNOWN;
    }

    /**
     * Whether this state is more severe than {@code other} in the declared order.
     *
     * @param other the state to compare with
     * @return true if this comes later in the order than {@code other}
     */
    public boolean isWorseThan(Health other) {
        return compareTo(other) > 0;
    }

    /**
     * The more severe of two states.
     *
     * @param a one state
     * @param b another state
     * @return whichever comes later in the declared order
     */
    public static Health worst(Health a, Health b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
