package io.github.caistatus.testkit;

/**
 * How the simulated Character.AI behaves right now: each mode is one of the failures people actually met.
 *
 * <p>The service host (chat and health routes) answers per the mode; the status page host keeps answering
 * throughout and describes the mode the way an official page would.
 */
public enum Mode {
    /** Well: the chat answers, health is {@code {"redis":"UP"}}, the official page is green. */
    UP,
    /** Answers correctly but late, by the simulator's slow delay; the official page reports degraded performance. */
    SLOW,
    /**
     * Heavy load: every route serves the Cloudflare page titled "Waiting Room powered by Cloudflare" (200 to a
     * {@code GET}, 429 with {@code Retry-After} to anything else, like an API client would see).
     */
    WAITING_ROOM,
    /** {@code 500 Internal Server Error} everywhere; the official page shows a major outage incident. */
    ERROR_500,
    /** Cloudflare's {@code 524 A timeout occurred}: the origin behind the CDN stopped answering. */
    CF_524,
    /**
     * Scheduled maintenance: {@code 503} with {@code Retry-After} until the window ends; the official page shows the
     * maintenance {@code in_progress} (and {@code scheduled} before it, when a timeline announces it).
     */
    MAINTENANCE,
    /**
     * Nobody home: the service's port is closed, so connections are refused; it is bound again, on the same port,
     * when the mode changes back. The status page, another host, still answers.
     */
    REFUSED,
    /**
     * A hang: connections are accepted and requests read, but the chat and health routes never answer while the
     * mode lasts (as when {@code send_message} never returns); when the mode changes, the waiting requests are
     * answered by the new mode. The official page says nothing of it: it stays operational, as pages often do.
     */
    HANG;

    /**
     * Whether the service answers chat calls correctly in this mode.
     *
     * @return true for {@link #UP} and {@link #SLOW}
     */
    public boolean serves() {
        return this == UP || this == SLOW;
    }
}
