package io.github.caistatus.internal;

import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusSnapshot;

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
}
