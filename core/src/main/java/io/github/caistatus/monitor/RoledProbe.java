package io.github.caistatus.monitor;

import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.StatusProbe;
import java.util.Objects;

/**
 * A probe and the role it was added with: the monitor stamps that role on every signal of the probe, whatever
 * the probe calls itself.
 *
 * @param probe the probe
 * @param role  what its signals are evidence of
 */
public record RoledProbe(StatusProbe probe, ProbeRole role) {

    /** Validates the components. */
    public RoledProbe {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(role, "role");
    }
}
