package io.github.caistatus.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.history.InMemoryIncidentLog;
import io.github.caistatus.internal.DaemonThreads;
import io.github.caistatus.testing.MutableClock;
import io.github.caistatus.testing.ScriptedProbe;
import io.github.caistatus.verdict.Hysteresis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-01T12:00:00Z"));
    private final ScriptedProbe endpoint = new ScriptedProbe("endpoint", clock);
    private final ScriptedProbe control = new ScriptedProbe("control", clock);
    private final InMemoryIncidentLog log = new InMemoryIncidentLog();
    private final List<Monitor> monitors = new ArrayList<>();

    @AfterEach
    void closeAll() {
        monitors.forEach(Monitor::close);
    }

    private final int id = DaemonThreads.nextInstanceId();

    private Monitor monitor(MonitorConfig config, DoubleSupplier random, StatusProbe... probes) {
        Monitor m = new Monitor(config, roled(probes), log, clock, random, id);
        monitors.add(m);
        return m;
    }

    /** Each scripted probe in the role of the built-in probe it stands in for (by its name, in this test only). */
    private static List<RoledProbe> roled(StatusProbe... probes) {
        List<RoledProbe> out = new ArrayList<>();
        for (StatusProbe p : probes) {
            ProbeRole role = switch (p.name()) {
                case "endpoint" -> ProbeRole.ENDPOINT;
                case "official" -> ProbeRole.OFFICIAL_PAGE;
                case "control" -> ProbeRole.CONTROL;
                case "passive" -> ProbeRole.OWN_CALLS;
                default -> ProbeRole.CUSTOM;
            };
            out.add(new RoledProbe(p, role));
        }
        return out;
    }

    private Monitor manual(Hysteresis h, StatusProbe... probes) {
        return monitor(MonitorConfig.defaults().withBackground(false).withHysteresis(h), () -> 0.5, probes);
    }

    private StatusSnapshot refresh(Monitor m) {
        clock.advance(Duration.ofSeconds(15));
        return m.refresh(BOUND);
    }

    @Test
    void listenersAreToldOfEachTransitionExactlyOnceUnderConcurrentRefreshes() throws Exception {
        Monitor m = manual(Hysteresis.none(), endpoint, control);
        List<String> transitions = Collections.synchronizedList(new ArrayList<>());
        m.onChange((before, now) -> transitions.add(before.health() + "->" + now.health()));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            for (Health phase : List.of(Health.OPERATIONAL, Health.MAJOR_OUTAGE, Health.MAJOR_OUTAGE,
                    Health.OPERATIONAL)) {
                endpoint.answer(phase, phase == Health.OPERATIONAL ? Cause.NONE : Cause.SERVER_ERROR, "phase");
                List<Future<StatusSnapshot>> all = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    all.add(callers.submit(() -> m.refresh(BOUND)));
                }
                for (Future<StatusSnapshot> f : all) {
                    f.get(20, TimeUnit.SECONDS);
                }
                assertThat(m.refresh(BOUND).health()).isEqualTo(phase);
            }
        } finally {
            callers.shutdownNow();
        }
        await().atMost(BOUND).untilAsserted(() -> assertThat(transitions).containsExactly("UNKNOWN->OPERATIONAL",
                "OPERATIONAL->MAJOR_OUTAGE", "MAJOR_OUTAGE->OPERATIONAL"));
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromBeingTold() {
        Monitor m = manual(Hysteresis.none(), endpoint, control);
        AtomicInteger told = new AtomicInteger();
        m.onChange((before, now) -> {
            throw new IllegalStateException("listener bug");
        });
        m.onChange((before, now) -> told.incrementAndGet());
        assertThat(refresh(m).health()).isEqualTo(Health.OPERATIONAL);
        await().atMost(BOUND).untilAsserted(() -> assertThat(told).hasValue(1));
    }

    @Test
    void hundredConcurrentCallersShareOneCheckAndOneObservationPerProbe() throws Exception {
        Monitor m = manual(Hysteresis.defaults(), endpoint, control);
        CountDownLatch gate = endpoint.hold();
        int n = 100;
        CountDownLatch joined = new CountDownLatch(n);
        ExecutorService callers = Executors.newFixedThreadPool(n);
        Set<CompletableFuture<StatusSnapshot>> futures = Collections.newSetFromMap(
                Collections.synchronizedMap(new IdentityHashMap<>()));
        List<Future<StatusSnapshot>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                results.add(callers.submit(() -> {
                    CompletableFuture<StatusSnapshot> f = m.check();
                    futures.add(f);
                    joined.countDown();
                    return f.get(20, TimeUnit.SECONDS);
                }));
            }
            assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
            gate.countDown();
            for (Future<StatusSnapshot> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS).health()).isEqualTo(Health.OPERATIONAL);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(futures).hasSize(n); // each caller got its own future...
        assertThat(m.checksStarted()).isEqualTo(1); // ...of one shared check
        assertThat(endpoint.calls()).isEqualTo(1);
        assertThat(control.calls()).isEqualTo(1);
    }

    @Test
    void retryAfterHoldsASourceBackAtMostTheShortestPauseOfTheUnhealthyPace() {
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503")
                .decorate(s -> s.withRetryAfter(Duration.ofHours(1)));
        Monitor m = manual(Hysteresis.defaults(), endpoint, control);
        StatusSnapshot first = m.refresh(BOUND);
        assertThat(first.retryAfter()).as("the hint for chat clients is kept").contains(Duration.ofHours(1));
        // 15 s unhealthy interval less its 10% jitter: the next scheduled check always asks afresh
        assertThat(Monitor.longestHold(MonitorConfig.defaults())).isEqualTo(Duration.ofMillis(13_500));
        clock.advance(Duration.ofMillis(13_499));
        m.refresh(BOUND);
        assertThat(endpoint.calls()).isEqualTo(1);
        assertThat(control.calls()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1));
        m.refresh(BOUND);
        assertThat(endpoint.calls()).isEqualTo(2);
    }

    @Test
    void aRetryAfterCapBelowThePauseIsHonouredAsConfigured() {
        endpoint.decorate(s -> s.withRetryAfter(Duration.ofDays(10)));
        Monitor m = monitor(MonitorConfig.defaults().withBackground(false).withMaxRetryAfter(Duration.ofSeconds(5)),
                () -> 0.5, endpoint, control);
        m.refresh(BOUND);
        clock.advance(Duration.ofSeconds(5).minusMillis(1));
        m.refresh(BOUND);
        assertThat(endpoint.calls()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        m.refresh(BOUND);
        assertThat(endpoint.calls()).isEqualTo(2);
    }

    @Test
    void aReplayedSignalNeverConfirmsAChangeOfHealthByItself() {
        Monitor m = manual(Hysteresis.defaults(), endpoint, control);
        assertThat(refresh(m).health()).isEqualTo(Health.OPERATIONAL);
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503")
                .decorate(s -> s.withRetryAfter(Duration.ofHours(1)));
        assertThat(refresh(m).health()).isEqualTo(Health.OPERATIONAL); // 1 of 2

        StatusSnapshot replayed = m.refresh(BOUND); // the endpoint is held back: its 503 is replayed, not observed
        assertThat(endpoint.calls()).isEqualTo(2);
        assertThat(replayed.health()).isEqualTo(Health.OPERATIONAL);
        assertThat(replayed.summary()).contains("1 of 2 checks, no fresh observation");

        clock.advance(Duration.ofSeconds(14)); // past the hold: asked afresh, and that confirms it
        assertThat(m.refresh(BOUND).health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(endpoint.calls()).isEqualTo(3);
    }

    @Test
    void theOfficialPageBackToOperationalEndsAHoldAndTheSourceIsAskedAgainAtOnce() {
        ScriptedProbe official = new ScriptedProbe("official", clock);
        official.answer(Health.MAINTENANCE, Cause.MAINTENANCE, "maintenance in progress");
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503")
                .decorate(s -> s.withRetryAfter(Duration.ofHours(1)));
        Monitor m = manual(Hysteresis.none(), endpoint, official, control);
        assertThat(refresh(m).health()).isEqualTo(Health.MAINTENANCE);

        official.answer(Health.OPERATIONAL, Cause.NONE, "all systems operational");
        endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200").decorate(s -> s);
        m.refresh(BOUND); // the endpoint's 503 is replayed here, but the page's news ends its hold

        await().atMost(BOUND).until(() -> m.snapshot().health() == Health.OPERATIONAL);
        assertThat(endpoint.calls()).isEqualTo(2);
    }

    @Test
    void aStandingOperationalOpinionDoesNotEndHoldsAtEveryCheck() {
        ScriptedProbe official = new ScriptedProbe("official", clock); // a lagging page: operational throughout
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503")
                .decorate(s -> s.withRetryAfter(Duration.ofHours(1)));
        Monitor m = manual(Hysteresis.none(), endpoint, official, control);
        m.refresh(BOUND);
        m.refresh(BOUND);
        m.refresh(BOUND);
        assertThat(endpoint.calls()).isEqualTo(1);
        assertThat(m.checksStarted()).isEqualTo(3);
    }

    @Test
    void checkAfreshEndsEveryHoldAndChecksAtOnce() {
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503")
                .decorate(s -> s.withRetryAfter(Duration.ofHours(1)));
        Monitor m = manual(Hysteresis.none(), endpoint, control);
        assertThat(refresh(m).health()).isEqualTo(Health.MAJOR_OUTAGE);
        endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200").decorate(s -> s);

        m.checkAfresh(); // e.g. a trial call succeeded

        await().atMost(BOUND).until(() -> m.snapshot().health() == Health.OPERATIONAL);
        assertThat(endpoint.calls()).isEqualTo(2);
    }

    @Test
    void theIntervalIsLongWhileHealthyShortOtherwiseAndJittered() {
        double[] next = {0.5};
        Monitor m = monitor(MonitorConfig.defaults().withBackground(false), () -> next[0], endpoint, control);
        assertThat(m.nextDelay(true)).isEqualTo(Duration.ofSeconds(60));
        assertThat(m.nextDelay(false)).isEqualTo(Duration.ofSeconds(15));
        next[0] = 0.0;
        assertThat(m.nextDelay(true)).isEqualTo(Duration.ofSeconds(54));
        next[0] = 0.999999;
        assertThat(m.nextDelay(true)).isBetween(Duration.ofMillis(65_999), Duration.ofSeconds(66));
        next[0] = 0.25;
        assertThat(m.nextDelay(false)).isEqualTo(Duration.ofMillis(14_250));
    }

    @Test
    void aChangeAwaitingConfirmationSpeedsTheScheduleUp() {
        Monitor m = manual(Hysteresis.defaults(), endpoint, control);
        refresh(m);
        assertThat(m.isHealthyPace()).isTrue();
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
        assertThat(refresh(m).health()).isEqualTo(Health.OPERATIONAL);
        assertThat(m.isHealthyPace()).isFalse();
    }

    @Test
    void startRunsAFirstCheckAtOnceAndListenersAreToldOffTheMonitorThread() {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Monitor m = monitor(MonitorConfig.defaults(), () -> 0.5, endpoint, control);
        m.onChange((before, now) -> threads.add(Thread.currentThread().getName()));
        m.start();
        assertThat(m.awaitFirstVerdict(BOUND)).isTrue();
        assertThat(m.snapshot().health()).isEqualTo(Health.OPERATIONAL);
        await().atMost(BOUND).until(() -> !threads.isEmpty());
        assertThat(threads).containsExactly("cai-status-listeners-" + id);
    }

    @Test
    void theFirstVerdictWaitIsBoundedAndSaysWhy() {
        CountDownLatch gate = endpoint.hold();
        Monitor m = monitor(MonitorConfig.defaults(), () -> 0.5, endpoint, control);
        m.start();
        long t0 = System.nanoTime();
        assertThat(m.awaitFirstVerdict(Duration.ofMillis(300))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        StatusSnapshot s = m.snapshot();
        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.NOT_CHECKED);
        assertThat(s.summary()).contains("no verdict within 300 ms");
        gate.countDown();
        await().atMost(BOUND).until(() -> m.snapshot().health() == Health.OPERATIONAL);
    }

    @Test
    void aProbePastItsDeadlineCountsAsNoOpinionAndTheCheckCompletes() {
        CountDownLatch gate = endpoint.hold();
        Monitor m = monitor(MonitorConfig.defaults().withBackground(false).withProbeDeadline(Duration.ofMillis(200)),
                () -> 0.5, endpoint, control);
        try {
            StatusSnapshot s = m.refresh(BOUND);
            assertThat(s.signal("endpoint")).hasValueSatisfying(sig -> {
                assertThat(sig.health()).isEqualTo(Health.UNKNOWN);
                assertThat(sig.detail()).isEqualTo("no answer within 200 ms");
            });
            s = m.refresh(BOUND); // joins the observation still in flight rather than starting another
            assertThat(endpoint.calls()).isEqualTo(1);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aProbeThatThrowsGivesAnUnknownSignalNotACrash() {
        endpoint.misbehave(new IllegalStateException("boom"));
        Monitor m = manual(Hysteresis.none(), endpoint, control);
        StatusSnapshot s = m.refresh(BOUND);
        assertThat(s.signal("endpoint")).hasValueSatisfying(sig -> {
            assertThat(sig.health()).isEqualTo(Health.UNKNOWN);
            assertThat(sig.detail()).contains("boom");
        });
    }

    @Test
    void checkSoonRequestsAreCoalescedIntoTheRunningCheck() {
        CountDownLatch gate = endpoint.hold();
        Monitor m = manual(Hysteresis.defaults(), endpoint, control);
        m.checkSoon();
        await().atMost(BOUND).until(() -> endpoint.entered().getCount() == 0);
        for (int i = 0; i < 10; i++) {
            m.checkSoon();
        }
        gate.countDown();
        await().atMost(BOUND).until(() -> m.snapshot().health() == Health.OPERATIONAL);
        assertThat(endpoint.calls()).isEqualTo(1);
    }

    @Test
    void anObservedIncidentIsOpenedOnGoingDownAndResolvedOnRecovery() {
        Monitor m = manual(Hysteresis.none(), endpoint, control);
        refresh(m);
        assertThat(log.all()).isEmpty();

        endpoint.answer(Health.DEGRADED, Cause.OVERLOADED, "waiting room");
        StatusSnapshot degraded = refresh(m);
        Instant opened = clock.instant();
        assertThat(log.all()).singleElement().satisfies(i -> {
            assertThat(i.source()).isEqualTo(Source.OBSERVED);
            assertThat(i.start()).isEqualTo(opened);
            assertThat(i.isResolved()).isFalse();
            assertThat(i.health()).isEqualTo(Health.DEGRADED);
        });
        assertThat(degraded.incidents()).extracting(Incident::source).containsExactly(Source.OBSERVED);

        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
        refresh(m);
        assertThat(log.all()).singleElement().satisfies(i -> {
            assertThat(i.health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(i.updates()).extracting(u -> u.stage()).containsExactly(Stage.INVESTIGATING, Stage.UPDATE);
        });

        endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200");
        StatusSnapshot recovered = refresh(m);
        assertThat(log.all()).singleElement().satisfies(i -> {
            assertThat(i.end()).contains(clock.instant());
            assertThat(i.duration()).contains(Duration.ofSeconds(30));
        });
        assertThat(recovered.incidents()).isEmpty();
    }

    @Test
    void goingUnknownNeitherOpensNorResolvesAnIncident() {
        Monitor m = manual(Hysteresis.none(), endpoint, control);
        endpoint.answer(Health.UNKNOWN, Cause.NETWORK, "refused");
        control.answer(Health.UNKNOWN, Cause.NETWORK, "refused");
        assertThat(refresh(m).cause()).isEqualTo(Cause.LOCAL_NETWORK);
        assertThat(log.all()).isEmpty();
    }

    @Test
    void probesWithTheSameNameAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new Monitor(MonitorConfig.defaults(), roled(endpoint, new ScriptedProbe("endpoint", clock)),
                                log, clock, () -> 0.5, id))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void closeStopsEveryThreadAndKeepsTheLastSnapshot() {
        Monitor m = monitor(MonitorConfig.defaults(), () -> 0.5, endpoint, control);
        m.start();
        assertThat(m.awaitFirstVerdict(BOUND)).isTrue();
        StatusSnapshot last = m.snapshot();
        assertThat(Thread.getAllStackTraces().keySet())
                .anyMatch(t -> t.getName().equals("cai-status-monitor-" + id) && t.isDaemon());
        m.close();
        m.close();
        await().atMost(BOUND).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().equals("cai-status-monitor-" + id)
                        || t.getName().equals("cai-status-listeners-" + id)
                        || t.getName().startsWith("cai-status-probe-" + id + "-"))));
        assertThat(m.snapshot()).isSameAs(last);
        assertThat(m.refresh(BOUND)).isSameAs(last);
        m.checkSoon();
        assertThat(endpoint.calls()).isEqualTo(1);
    }
}
