package io.github.caistatus;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.history.BundledHistory;
import io.github.caistatus.history.InMemoryIncidentLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default incident log: the bundled history, read on first use (the monitor's thread reads it during the
 * first check), so that building an instance never parses the dataset on the caller's thread.
 */
final class LazyHistoryLog implements IncidentLog {

    private static final Logger LOG = LoggerFactory.getLogger(LazyHistoryLog.class);

    private volatile IncidentLog log;

    private IncidentLog log() {
        IncidentLog l = log;
        if (l == null) {
            synchronized (this) {
                l = log;
                if (l == null) {
                    l = load();
                    log = l;
                }
            }
        }
        return l;
    }

    private static IncidentLog load() {
        try {
            return BundledHistory.get().newLog();
        } catch (RuntimeException | Error e) { // a packaging error must not keep the host from starting
            LOG.warn("cai-status: the bundled history could not be read; starting with an empty log", e);
            return new InMemoryIncidentLog();
        }
    }

    @Override
    public List<Incident> all() {
        return log().all();
    }

    @Override
    public List<Incident> between(Instant from, Instant to) {
        return log().between(from, to);
    }

    @Override
    public List<Incident> activeAt(Instant instant) {
        return log().activeAt(instant);
    }

    @Override
    public Optional<Incident> find(String id) {
        return log().find(id);
    }

    @Override
    public void append(Incident incident) {
        log().append(incident);
    }

    @Override
    public Optional<Incident> resolve(String id, Instant end) {
        return log().resolve(id, end);
    }

    @Override
    public Availability availability(Instant from, Instant to) {
        return log().availability(from, to);
    }

    @Override
    public Optional<OutageDurations> typicalDuration(Health kind) {
        return log().typicalDuration(kind);
    }
}
