package io.github.caistatus;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.fleet.Fleet;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.guard.GuardBuilder;
import io.github.caistatus.guard.PassiveProbe;
import io.github.caistatus.internal.DaemonThreads;
import io.github.caistatus.internal.http.HttpProbeConfig;
import io.github.caistatus.internal.http.SharedHttpClients;
import io.github.caistatus.monitor.Monitor;
import io.github.caistatus.monitor.MonitorConfig;
import io.github.caistatus.monitor.RoledProbe;
import io.github.caistatus.probe.ControlProbe;
import io.github.caistatus.probe.EndpointProbe;
import io.github.caistatus.probe.OfficialPageProbe;
import io.github.caistatus.verdict.Hysteresis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Resolves a builder's settings and makes the parts of an instance, in order, each whole before the next: the
 * probes (each with the role it was added with), the breaker, the probe of the host's own calls over it, the
 * monitor, and the guard that follows the monitor.
 */
final class Wiring {

    /** How much longer than the probe timeout a check may take before it gives up on a probe. */
    private static final Duration PROBE_MARGIN = Duration.ofMillis(500);
    /** How much longer than that {@link CharacterAiStatus#refresh()} waits for the check's verdict. */
    private static final Duration REFRESH_MARGIN = Duration.ofMillis(250);

    private final CharacterAiStatusBuilder b;

    Wiring(CharacterAiStatusBuilder b) {
        this.b = b;
    }

    CharacterAiStatus build() {
        HttpProbeConfig rules = httpRules();
        MonitorConfig pacing = pacing(rules);
        int id = DaemonThreads.nextInstanceId();
        HttpClient client = b.httpClient;
        if (client == null && (b.endpoint != null || b.statusPage != null || b.control != null)) {
            // made on a thread of its own, not here: making a client would cost the caller ~100 ms
            client = SharedHttpClients.lazyWithConnectTimeout(rules.connectTimeout());
        }
        List<RoledProbe> probes = new ArrayList<>();
        Fleet fleet = b.fleet;
        // with a fleet, the HTTP probes take turns under its probe lease; the monitor they need is made below
        Monitor[] late = new Monitor[1];
        Function<RoledProbe, RoledProbe> shared = p -> fleet == null ? p : new RoledProbe(
                FleetParts.leased(p.probe(), p.role(), fleet, () -> late[0] == null ? Health.UNKNOWN : late[0].snapshot().health(), pacing), p.role());
        if (b.endpoint != null) {
            probes.add(shared.apply(new RoledProbe(new EndpointProbe(b.endpoint, client, rules, b.clock),
                    ProbeRole.ENDPOINT)));
        }
        if (b.statusPage != null) {
            probes.add(shared.apply(new RoledProbe(new OfficialPageProbe(b.statusPage, client, rules, b.clock,
                    b.chatComponents), ProbeRole.OFFICIAL_PAGE)));
        }
        if (b.control != null) {
            probes.add(shared.apply(new RoledProbe(new ControlProbe(b.control, client, rules, b.clock),
                    ProbeRole.CONTROL)));
        }
        b.customProbes.forEach(p -> probes.add(new RoledProbe(p, ProbeRole.CUSTOM)));
        CircuitBreaker breaker = breaker();
        PassiveProbe ownCalls = b.ownCallsProbe ? PassiveProbe.of(breaker, b.clock) : null;
        if (ownCalls != null) {
            probes.add(new RoledProbe(ownCalls, ProbeRole.OWN_CALLS));
        }
        if (fleet != null) {
            probes.add(new RoledProbe(FleetParts.sharedVerdict(fleet), ProbeRole.FLEET));
        }
        IncidentLog log = b.incidentLog != null ? b.incidentLog : new LazyHistoryLog();
        Monitor monitor = new Monitor(pacing, probes, log, b.clock, () -> ThreadLocalRandom.current().nextDouble(), id);
        late[0] = monitor;
        b.listeners.forEach(monitor::onChange);
        Guard guard;
        try {
            GuardBuilder g = guardSettings(pacing.unhealthyInterval()).circuitBreaker(breaker);
            if (ownCalls != null) {
                g.ownCallsProbe(ownCalls); // a stall shows in the verdict, and reaches a fleet, before calls time out
            }
            if (fleet != null) {
                monitor.sharedIncidentStart(fleet::outageStart);
                monitor.onVerdict(FleetParts.reporter(fleet));
                g.feed(FleetParts.feed(monitor, fleet, b.clock)).trialTurn(fleet::mayTrial);
            } else {
                g.feed(monitor);
            }
            guard = g.build();
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        monitor.start();
        if (fleet != null) {
            Guard g = guard;
            fleet.join(monitor::checkSoon, g::callCounts);
        }
        // the caller does not wait for the first check here (its HTTP set-up and the history are the monitor's
        // business): the first snapshot() does, and guarded calls never do
        return new CharacterAiStatus(monitor, guard, pacing.probeDeadline().plus(REFRESH_MARGIN),
                b.background ? b.firstVerdictWait : Duration.ZERO, fleet);
    }

    private HttpProbeConfig httpRules() {
        HttpProbeConfig r = HttpProbeConfig.defaults();
        if (b.connectTimeout != null) {
            r = r.withConnectTimeout(b.connectTimeout);
        }
        if (b.timeout != null) {
            r = r.withTimeout(b.timeout);
        }
        if (b.maxBodyBytes != null) {
            r = r.withMaxBodyBytes(b.maxBodyBytes);
        }
        if (b.slowThreshold != null) {
            r = r.withSlowThreshold(b.slowThreshold);
        }
        if (b.allowInsecureHttp != null) {
            r = r.withAllowInsecureHttp(b.allowInsecureHttp);
        }
        if (b.redirectHosts != null) {
            r = r.withRedirectHosts(b.redirectHosts);
        }
        if (b.userAgent != null) {
            r = r.withUserAgent(b.userAgent);
        }
        return r;
    }

    private MonitorConfig pacing(HttpProbeConfig rules) {
        MonitorConfig c = MonitorConfig.defaults().withProbeDeadline(rules.timeout().plus(PROBE_MARGIN))
                .withHysteresis(new Hysteresis(b.downAfter, b.upAfter)).withBackground(b.background);
        if (b.healthyInterval != null) {
            c = c.withIntervals(b.healthyInterval, b.unhealthyInterval);
        }
        if (b.jitter != null) {
            c = c.withJitter(b.jitter);
        }
        if (b.maxRetryAfter != null) {
            c = c.withMaxRetryAfter(b.maxRetryAfter);
        }
        return c;
    }

    /** The guard's breaker: the library's configuration unless the host gave one, also in a shared registry. */
    private CircuitBreaker breaker() {
        CircuitBreakerConfig c = b.breakerConfig != null ? b.breakerConfig : Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG;
        return b.breakerRegistry != null ? b.breakerRegistry.circuitBreaker(b.breakerName, c)
                : CircuitBreaker.of(b.breakerName, c);
    }

    private GuardBuilder guardSettings(Duration trialInterval) {
        GuardBuilder g = Guard.builder().name(b.breakerName).clock(b.clock).trialInterval(trialInterval)
                .stallDetection(b.stallDetection);
        if (b.callTiming != null) {
            g.callTiming(b.callTiming);
        }
        if (b.asyncExecutor != null) {
            g.asyncExecutor(b.asyncExecutor);
        }
        if (b.waitFrom != null) {
            g.waitFrom(b.waitFrom);
        }
        return g;
    }
}
