package io.github.caistatus.internal;

import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusSnapshot;
import java.util.function.Consumer;

/**
 * What the guard needs from a status instance. Internal: not part of the public API.
 */
public interface StatusSource {

    /**
     * The latest verdict: a plain volatile read, never blocking, never throwing.
     *
     * @return the snapshot
     */
    StatusSnapshot snapshot();

    /**
     * Registers a listener for health transitions.
     *
     * @param listener the listener
     */
    void onChange(StatusListener listener);

    /**
     * Registers an observer of every verdict published, not only of health transitions: a verdict can keep its
     * health while its evidence changes (an outage first seen in our own calls, then confirmed by the endpoint).
     * The default tells the observer of health transitions only.
     *
     * @param observer told of each new snapshot
     */
    default void onVerdict(Consumer<StatusSnapshot> observer) {
        onChange((previous, current) -> observer.accept(current));
    }

    /**
     * The incident log, for outage-duration priors.
     *
     * @return the log
     */
    IncidentLog incidents();

    /**
     * Asks the monitor to check again as soon as it can, without blocking the caller. Requests that
     * arrive while a check is pending or running are coalesced into it.
     */
    void checkSoon();

    /**
     * Asks for a check as soon as possible that asks every source afresh, ending any {@code Retry-After} hold:
     * for evidence that the service may be back (a trial call succeeded). The default is {@link #checkSoon()}.
     */
    default void checkAfresh() {
        checkSoon();
    }
}
