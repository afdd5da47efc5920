package io.github.caistatus;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.caistatus.fleet.Fleet;
import io.github.caistatus.monitor.Monitor;
import io.github.caistatus.monitor.MonitorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The glue between a status instance and its {@link Fleet}: the probes that take turns under the fleet's probe
 * lease, the probe that reads the fleet's shared verdict, the report of this instance's own evidence, and the feed
 * through which the guard's successful trials reach the fleet. Nothing here talks to the fleet's store itself.
 */
final class FleetParts {

    /** The name of the probe that reads the fleet's shared verdict. */
    static final String PROBE_NAME = "fleet";

    private FleetParts() {
    }

    /** The fleet's shared verdict, as a probe of role {@link ProbeRole#FLEET}: a plain read. */
    static StatusProbe sharedVerdict(Fleet fleet) {
        return new StatusProbe() {
            @Override
            public String name() {
                return PROBE_NAME;
            }

            @Override
            public Signal probe() {
                return fleet.signal();
            }
        };
    }

    /**
     * A probe run by one instance per interval for the whole fleet: the others use its shared observation. The
     * interval is the monitor's shortest pause at its current pace, so the fleet asks the source about as often as
     * one instance would.
     */
    static StatusProbe leased(StatusProbe probe, ProbeRole role, Fleet fleet, Supplier<Health> health,
                              MonitorConfig pace) {
        return new StatusProbe() {
            @Override
            public String name() {
                return probe.name();
            }

            @Override
            public Signal probe() {
                Optional<Signal> shared = fleet.sharedObservation(probe.name(), interval());
                if (shared.isPresent()) {
                    return shared.get();
                }
                Signal own = probe.probe();
                fleet.share(probe.name(), role, own);
                return own;
            }

            private Duration interval() {
                boolean healthy = health.get() == Health.OPERATIONAL;
                Duration base = healthy ? pace.healthyInterval() : pace.unhealthyInterval();
                return Duration.ofNanos((long) (base.toNanos() * (1.0 - pace.jitter())));
            }
        };
    }

    /**
     * Tells the fleet what this instance's own evidence says, at every verdict: an unusable verdict that rests on
     * its own calls or checks (not on the fleet's word alone) is an outage seen; a recovery to operational is news
     * of recovery.
     */
    static Consumer<StatusSnapshot> reporter(Fleet fleet) {
        return new Consumer<>() {
            private Health before = Health.UNKNOWN;

            @Override
            public void accept(StatusSnapshot now) {
                Health h = now.health();
                if (!h.isUsable() && ownEvidenceDown(now)) {
                    fleet.outageSeen(h, now.cause(), now.summary(), now.observedAt());
                } else if (h == Health.OPERATIONAL && before.isImpaired()) {
                    fleet.recoverySeen("recovered: " + now.summary(), now.observedAt());
                }
                before = h;
            }
        };
    }

    /**
     * Whether this instance's own calls (or a probe of the host's own) say the service is down. The built-in probes'
     * observations are shared under the probe lease, so every instance already sees them: reporting them again would
     * re-open an outage from an observation the fleet has moved past.
     */
    static boolean ownEvidenceDown(StatusSnapshot snapshot) {
        for (Signal s : snapshot.signals()) {
            if ((s.role() == ProbeRole.OWN_CALLS || s.role() == ProbeRole.CUSTOM) && !s.health().isUsable()) {
                return true;
            }
        }
        return false;
    }

    /** The guard's view of the monitor: a successful trial call is news of recovery for the whole fleet. */
    static VerdictFeed feed(Monitor monitor, Fleet fleet, Clock clock) {
        return new VerdictFeed() {
            @Override
            public StatusSnapshot snapshot() {
                return monitor.snapshot();
            }

            @Override
            public void onVerdict(Consumer<StatusSnapshot> observer) {
                monitor.onVerdict(observer);
            }

            @Override
            public void checkSoon() {
                monitor.checkSoon();
            }

            @Override
            public void checkAfresh() {
                fleet.recoverySeen("a trial call succeeded", clock.instant());
                monitor.checkAfresh();
            }

            @Override
            public IncidentLog incidents() {
                return monitor.incidents();
            }
        };
    }
}
