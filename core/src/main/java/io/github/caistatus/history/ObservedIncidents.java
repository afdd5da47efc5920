package io.github.caistatus.history;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of the incidents a status instance observes itself ({@link Source#OBSERVED}), kept in an
 * {@link IncidentLog}: one is opened when the verdict becomes impaired (degraded or worse: a waiting room is the
 * disruption users meet most), updated when the health worsens, and resolved when the verdict is operational
 * again. A fall into {@code UNKNOWN} neither opens nor resolves one: no evidence is not evidence of recovery. An
 * observed incident a previous run left open (it stopped, or crashed, mid-outage) is carried on and resolved when
 * the service is next seen operational, so that none stays "active" forever.
 *
 * <pre>{@code
 * ObservedIncidents observed = new ObservedIncidents(log);
 * StatusSnapshot published = observed.record(before, after, clock.instant());   // after carries the open one
 * }</pre>
 *
 * <p>Not thread-safe: one thread (the monitor's) records every verdict, in order. A log that fails is logged and
 * skipped; recording never throws.
 */
public final class ObservedIncidents {

    /** The service named in observed incidents. */
    public static final String SERVICE = "character.ai";

    private static final Logger LOG = LoggerFactory.getLogger(ObservedIncidents.class);

    private final IncidentLog log;
    private final Supplier<Optional<Instant>> sharedStart;
    private String openIncident;

    /**
     * Follows the observed incidents of {@code log}, carrying on the latest one a previous run left open.
     *
     * @param log where observed incidents are appended and resolved
     */
    public ObservedIncidents(IncidentLog log) {
        this(log, Optional::empty);
    }

    /**
     * Like {@link #ObservedIncidents(IncidentLog)}, for an instance of a fleet: an incident opened while the fleet
     * shares an outage starts when the fleet's outage started and is named after that instant, so that every
     * instance records the fleet's one incident alike.
     *
     * @param log         where observed incidents are appended and resolved
     * @param sharedStart when the fleet's current outage began, or empty (a plain read)
     */
    public ObservedIncidents(IncidentLog log, Supplier<Optional<Instant>> sharedStart) {
        this.log = Objects.requireNonNull(log, "log");
        this.sharedStart = Objects.requireNonNull(sharedStart, "sharedStart");
        this.openIncident = stillOpen(log);
    }

    /**
     * Opens, updates or resolves the observed incident for a new verdict.
     *
     * @param before the verdict published before
     * @param after  the new verdict
     * @param now    when it was made
     * @return {@code after}, with the observed incident among its incidents while one is open
     */
    public StatusSnapshot record(StatusSnapshot before, StatusSnapshot after, Instant now) {
        Optional<Incident> open = apply(before, after, now);
        if (open.isEmpty()) {
            return after;
        }
        List<Incident> incidents = new ArrayList<>(after.incidents());
        incidents.add(open.get());
        return new StatusSnapshot(after.health(), after.cause(), after.summary(), after.confidence(),
                after.observedAt(), after.signals(), after.components(), incidents, after.nextMaintenance(),
                after.retryAfter());
    }

    private Optional<Incident> apply(StatusSnapshot before, StatusSnapshot after, Instant now) {
        try {
            Health h = after.health();
            if (h.isImpaired()) {
                if (openIncident == null) {
                    Instant start = sharedStart.get().filter(s -> !s.isAfter(now)).orElse(now);
                    String id = "observed-" + start.toEpochMilli();
                    Incident opened = new Incident(id, SERVICE, start, Optional.empty(), h, after.cause(),
                            after.summary(), Source.OBSERVED, h == Health.MAINTENANCE,
                            List.of(new IncidentUpdate(Stage.INVESTIGATING, start, after.summary())),
                            Optional.empty());
                    log.append(opened);
                    openIncident = id;
                    return Optional.of(opened);
                }
                Optional<Incident> open = log.find(openIncident);
                if (open.isPresent() && h != before.health() && h.isWorseThan(open.get().health())) {
                    Incident o = open.get();
                    List<IncidentUpdate> updates = new ArrayList<>(o.updates());
                    updates.add(new IncidentUpdate(Stage.UPDATE, now, after.summary()));
                    Incident worse = new Incident(o.id(), o.service(), o.start(), o.end(), h, after.cause(),
                            o.summary(), o.source(), o.scheduled(), updates, o.link());
                    log.append(worse);
                    return Optional.of(worse);
                }
                return open;
            }
            if (h == Health.OPERATIONAL && openIncident != null) {
                String id = openIncident;
                openIncident = null;
                log.resolve(id, now);
                return Optional.empty();
            }
            return openIncident == null ? Optional.empty() : log.find(openIncident);
        } catch (RuntimeException e) {
            LOG.warn("cai-status: could not record an observed incident", e);
            return Optional.empty();
        }
    }

    /** The latest observed incident a previous run left open, if the log remembers one. */
    private static String stillOpen(IncidentLog log) {
        Incident latest = null;
        try {
            for (Incident i : log.all()) {
                if (i.source() == Source.OBSERVED && !i.isResolved()
                        && (latest == null || i.start().isAfter(latest.start()))) {
                    latest = i;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cai-status: could not read the incident log for an incident left open", e);
        }
        return latest == null ? null : latest.id();
    }
}
