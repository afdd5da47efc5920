package io.github.caistatus.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * How a guarded call retries after a failure ({@link GuardedCall#patience(Patience)}): how many attempts, how long to wait before each (growing by
 * {@code multiplier} up to {@code maxBackoff}), and how to wait.
 *
 * <pre>{@code
 * Patience p = Patience.of(3, Duration.ofSeconds(1));        // waits 1 s, 2 s, 4 s
 * Patience q = p.withMaxBackoff(Duration.ofSeconds(3));      // waits 1 s, 2 s, 3 s
 * }</pre>
 *
 * @param attempts     how many retries at most (at least 1)
 * @param firstBackoff the wait before the first retry
 * @param multiplier   how much each wait grows (at least 1)
 * @param maxBackoff   the longest single wait
 * @param sleeper      how to wait
 */
public record Patience(int attempts, Duration firstBackoff, double multiplier, Duration maxBackoff, Sleeper sleeper) {

    /** Validates the components. */
    public Patience {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(sleeper, "sleeper");
        if (firstBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must not be negative");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1: " + multiplier);
        }
    }

    /**
     * {@code attempts} retries, waits doubling from {@code firstBackoff} up to 30 seconds, real sleeping.
     *
     * @param attempts     how many retries at most
     * @param firstBackoff the wait before the first retry
     * @return the policy
     */
    public static Patience of(int attempts, Duration firstBackoff) {
        return new Patience(attempts, firstBackoff, 2.0, Duration.ofSeconds(30), Sleeper.SYSTEM);
    }

    /**
     * Three retries after 1, 2 and 4 seconds.
     *
     * @return the default policy
     */
    public static Patience defaults() {
        return of(3, Duration.ofSeconds(1));
    }

    /**
     * This policy with another growth factor.
     *
     * @param multiplier at least 1
     * @return a copy
     */
    public Patience withMultiplier(double multiplier) {
        return new Patience(attempts, firstBackoff, multiplier, maxBackoff, sleeper);
    }

    /**
     * This policy with another cap on a single wait.
     *
     * @param maxBackoff the longest single wait
     * @return a copy
     */
    public Patience withMaxBackoff(Duration maxBackoff) {
        return new Patience(attempts, firstBackoff, multiplier, maxBackoff, sleeper);
    }

    /**
     * This policy waiting through another sleeper (tests pass a fake).
     *
     * @param sleeper how to wait
     * @return a copy
     */
    public Patience withSleeper(Sleeper sleeper) {
        return new Patience(attempts, firstBackoff, multiplier, maxBackoff, sleeper);
    }

    /**
     * The wait before retry number {@code attempt}.
     *
     * @param attempt 1 for the first retry
     * @return {@code min(firstBackoff * multiplier^(attempt-1), maxBackoff)}
     */
    public Duration backoff(int attempt) {
        double nanos = firstBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long cap = maxBackoff.toNanos();
        return Duration.ofNanos(nanos >= cap ? cap : (long) nanos);
    }
}
