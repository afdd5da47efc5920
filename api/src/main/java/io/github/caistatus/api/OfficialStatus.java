package io.github.caistatus.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the official status page said in one read.
 *
 * @param indicator    the page's overall indicator word ({@code none}, {@code minor}, {@code major},
 *                     {@code critical}, {@code maintenance}, or a value we do not know)
 * @param description  the page's overall description, e.g. "All Systems Operational"
 * @param components   every component with its state, groups included
 * @param incidents    unresolved incidents
 * @param maintenances scheduled maintenances that are not completed
 * @param updatedAt    when the page says it was last updated, if it says
 */
public record OfficialStatus(
        String indicator,
        String description,
        List<ComponentStatus> components,
        List<Incident> incidents,
        List<Incident> maintenances,
        Optional<Instant> updatedAt) {

    /** Validates the components and makes the lists immutable copies. */
    public OfficialStatus {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(description, "description");
        components = List.copyOf(components);
        incidents = List.copyOf(incidents);
        maintenances = List.copyOf(maintenances);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
