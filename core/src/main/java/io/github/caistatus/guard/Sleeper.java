package io.github.caistatus.guard;

import java.time.Duration;

/**
 * How a {@link Patience} policy waits between attempts; tests pass a fake that records the waits.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * Patience p = Patience.of(3, Duration.ofSeconds(1)).withSleeper(waits::add);
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread with {@link Thread#sleep(long, int)}. */
    Sleeper SYSTEM = wait -> Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000L));

    /**
     * Waits for {@code wait}.
     *
     * @param wait how long; never negative
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration wait) throws InterruptedException;
}
