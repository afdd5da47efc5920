package io.github.caistatus.api;

/**
 * Told of every health transition, exactly once per transition, on the monitor's thread.
 *
 * <p>Listeners must return quickly; an exception thrown by one is logged and does not affect others.
 *
 * <pre>{@code
 * status.onChange((before, now) -> log.info("Character.AI is now {}", now.health()));
 * }</pre>
 */
@FunctionalInterface
public interface StatusListener {

    /**
     * Called when the verdict's health changes.
     *
     * @param previous the verdict before the change
     * @param current  the verdict after it
     */
    void onTransition(StatusSnapshot previous, StatusSnapshot current);
}
