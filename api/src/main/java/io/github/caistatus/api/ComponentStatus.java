package io.github.caistatus.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The state of one component of the service as the official status page lists it.
 *
 * @param id        the page's identifier of the component
 * @param name      its display name, e.g. "Chat"
 * @param group     the name of the group it belongs to, if any
 * @param health    its state mapped to a {@link Health}
 * @param rawStatus the page's own status word (e.g. {@code "partial_outage"}), kept for values we do not know
 */
public record ComponentStatus(String id, String name, Optional<String> group, Health health, String rawStatus) {

    /** Validates the components; every one is required. */
    public ComponentStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(rawStatus, "rawStatus");
    }
}
