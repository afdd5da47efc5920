package io.github.caistatus.history;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.OutageDurations;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IncidentLog} whose queries another log answers; a subclass says how it is written to, and overrides
 * a query only where it knows better.
 */
abstract class ForwardingIncidentLog implements IncidentLog {

    /** The log that answers the queries. */
    final IncidentLog base;

    ForwardingIncidentLog(IncidentLog base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public List<Incident> all() {
        return base.all();
    }

    @Override
    public List<Incident> between(Instant from, Instant to) {
        return base.between(from, to);
    }

    @Override
    public List<Incident> activeAt(Instant instant) {
        return base.activeAt(instant);
    }

    @Override
    public Optional<Incident> find(String id) {
        return base.find(id);
    }

    @Override
    public Availability availability(Instant from, Instant to) {
        return base.availability(from, to);
    }

    @Override
    public Optional<OutageDurations> typicalDuration(Health kind) {
        return base.typicalDuration(kind);
    }
}
