package io.github.caistatus.verdict;

/**
 * How many consecutive checks must agree before the published health changes, so that one lost packet never
 * flips the state.
 *
 * <p>Going <em>down</em> (to a worse state, or to {@code UNKNOWN}) takes {@code downAfter} consecutive checks
 * that say so; coming <em>up</em> (to a better known state) takes {@code upAfter}. Two kinds of evidence skip
 * the wait because they are already deliberate or aggregated: bad news from the official status page (an
 * operator announced it) and bad news from the host's own calls (role {@code OWN_CALLS}, a failure rate over
 * many calls). The very first verdict takes the first check as it is.
 *
 * <pre>{@code
 * Hysteresis h = new Hysteresis(3, 2);   // 3 bad checks to go down, 2 good ones to come up
 * }</pre>
 *
 * @param downAfter consecutive checks needed to go down; at least 1
 * @param upAfter   consecutive checks needed to come up; at least 1
 */
public record Hysteresis(int downAfter, int upAfter) {

    /** Default checks to go down: 2 (with the 15 s unhealthy interval, an outage shows within ~15 s). */
    public static final int DEFAULT_DOWN_AFTER = 2;
    /** Default checks to come up: 2. */
    public static final int DEFAULT_UP_AFTER = 2;

    /** Validates the thresholds: both at least 1. */
    public Hysteresis {
        if (downAfter < 1 || upAfter < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1: down " + downAfter + ", up " + upAfter);
        }
    }

    /**
     * The defaults: 2 checks down, 2 checks up.
     *
     * @return the default thresholds
     */
    public static Hysteresis defaults() {
        return new Hysteresis(DEFAULT_DOWN_AFTER, DEFAULT_UP_AFTER);
    }

    /**
     * No hysteresis: every check is published as it is (for one-shot checks such as the {@code status} command).
     *
     * @return thresholds of 1 and 1
     */
    public static Hysteresis none() {
        return new Hysteresis(1, 1);
    }
}
