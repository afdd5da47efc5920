package io.github.caistatus.api;

/**
 * Told of every health transition, exactly once per transition, in order, on the status instance's listener
 * thread (not the monitor's: a slow listener delays only the listeners after it, never the verdict).
 *
 * <p>Listeners should return quickly (a slow one is logged once); an exception thrown by one is logged and does
 * not affect others.
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
