package io.github.caistatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.history.InMemoryIncidentLog;
import io.github.caistatus.testing.MutableClock;
import io.github.caistatus.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CharacterAiStatusTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-01T12:00:00Z"));
    private final ScriptedProbe endpoint = new ScriptedProbe("endpoint", clock);
    private final ScriptedProbe control = new ScriptedProbe("control", clock);

    private CharacterAiStatusBuilder scripted() {
        return CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().clock(clock)
                .probe(endpoint).probe(control);
    }

    @Test
    void buildAndGuardedCallsDoNotWaitForTheFirstCheckTheFirstSnapshotDoes() throws Exception {
        CountDownLatch gate = endpoint.hold();
        try (CharacterAiStatus status = scripted().firstVerdictWait(Duration.ofSeconds(30)).build()) {
            // the first check is still held in the probe: neither build() nor a guarded call waited for it
            assertThat(endpoint.entered().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(status.guard().call(() -> "from Character.AI").fallback(ctx -> "fallback").get())
                    .isEqualTo("from Character.AI");
            gate.countDown();
            assertThat(status.snapshot().health()).as("the first snapshot waits for the first verdict")
                    .isEqualTo(Health.OPERATIONAL);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void theFirstSnapshotWaitsForTheFirstVerdict() {
        try (CharacterAiStatus status = scripted().build()) {
            assertThat(status.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            // the probe of the guard's own calls comes with every instance (no guarded calls yet: no opinion);
            // probes added with probe(...) are CUSTOM whatever their names, listed after the built-in ones
            assertThat(status.snapshot().signals()).extracting(Signal::probe)
                    .containsExactly("passive", "endpoint", "control");
            assertThat(status.snapshot().signals()).extracting(Signal::role)
                    .containsExactly(ProbeRole.OWN_CALLS, ProbeRole.CUSTOM, ProbeRole.CUSTOM);
            assertThat(status.snapshot().signal("passive").orElseThrow().health()).isEqualTo(Health.UNKNOWN);
        }
    }

    @Test
    void theFirstVerdictWaitIsBoundedAndAnswersUnknownWithAReason() {
        CountDownLatch gate = endpoint.hold();
        long t0 = System.nanoTime();
        try (CharacterAiStatus status = scripted().firstVerdictWait(Duration.ofMillis(400)).build()) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            StatusSnapshot s = status.snapshot();
            assertThat(s.health()).isEqualTo(Health.UNKNOWN);
            assertThat(s.cause()).isEqualTo(Cause.NOT_CHECKED);
            assertThat(s.summary()).isEqualTo("no verdict within 400 ms: the first check is still running");
            gate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> status.snapshot().health() == Health.OPERATIONAL);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aRefreshRightAfterBuildStartsACheckOfItsOwn() throws Exception {
        // the first check is still "in flight" while its listeners are told; build() must not return before
        // it is done, or the refresh() below would join it and observe nothing new
        CountDownLatch never = new CountDownLatch(1);
        try (CharacterAiStatus status = scripted()
                .onChange((before, now) -> awaitQuietly(never, Duration.ofMillis(300)))
                .build()) {
            int afterBuild = endpoint.calls();
            status.refresh();
            assertThat(endpoint.calls()).isEqualTo(afterBuild + 1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration d) {
        try {
            latch.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void snapshotIsAPlainReadOfTheSamePublishedObject() {
        try (CharacterAiStatus status = scripted().build()) {
            StatusSnapshot a = status.snapshot();
            assertThat(status.snapshot()).isSameAs(a);
        }
    }

    @Test
    void refreshChecksNowAndReturnsTheNewVerdictWithHysteresis() {
        try (CharacterAiStatus status = scripted().background(false).build()) {
            assertThat(status.snapshot().cause()).isEqualTo(Cause.NOT_CHECKED);
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            clock.advance(Duration.ofSeconds(15));
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);
            clock.advance(Duration.ofSeconds(15));
            assertThat(status.refresh().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(endpoint.calls()).isEqualTo(3);
        }
    }

    @Test
    void refreshIsBoundedByTheProbeTimeoutPlusAMargin() {
        CountDownLatch gate = endpoint.hold();
        try (CharacterAiStatus status = scripted().background(false).timeout(Duration.ofMillis(300)).build()) {
            long t0 = System.nanoTime();
            StatusSnapshot s = status.refresh();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(300 + 2000));
            assertThat(s.signal("endpoint").map(Signal::detail)).contains("no answer within 800 ms");
        } finally {
            gate.countDown();
        }
    }

    @Test
    void listenersAndExtraProbesComeFromTheBuilder() {
        ScriptedProbe queue = new ScriptedProbe("queue", clock);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (CharacterAiStatus status = scripted().background(false).probe(queue).downAfter(1)
                .onChange((before, now) -> seen.add(now.health() + "/" + now.cause())).build()) {
            status.refresh();
            queue.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "queue stalled");
            clock.advance(Duration.ofSeconds(15));
            StatusSnapshot s = status.refresh();
            assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(seen).containsExactly("OPERATIONAL/NONE", "MAJOR_OUTAGE/SERVER_ERROR"));
            assertThat(status.incidents().activeAt(clock.instant())).hasSize(1);
        }
    }

    @Test
    void aHostProbeNamedOfficialIsNotTrustedAsTheOfficialPage() {
        ScriptedProbe impostor = new ScriptedProbe("official", clock);
        try (CharacterAiStatus status = scripted().background(false).probe(impostor).build()) {
            status.refresh();
            impostor.answer(Health.MAJOR_OUTAGE, Cause.OFFICIAL_INCIDENT, "Major outage");
            clock.advance(Duration.ofSeconds(15));
            StatusSnapshot s = status.refresh();
            // the official page's bad news is believed at once; a host's probe waits for the second check
            assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
            assertThat(s.signals()).filteredOn(x -> x.probe().equals("official")).extracting(Signal::role)
                    .containsExactly(ProbeRole.CUSTOM);
            assertThat(s.summary()).doesNotContain("official page");
            clock.advance(Duration.ofSeconds(15));
            assertThat(status.refresh().health()).isEqualTo(Health.MAJOR_OUTAGE);
        }
    }

    @Test
    void aBlockingListenerDelaysNeitherTheVerdictNorTheGuardNorRefresh() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        List<Health> told = Collections.synchronizedList(new ArrayList<>());
        try (CharacterAiStatus status = scripted().downAfter(1).upAfter(1).background(false)
                .onChange((before, now) -> {
                    told.add(now.health());
                    if (now.health() == Health.MAJOR_OUTAGE) {
                        blocking.countDown();
                        awaitQuietly(release, Duration.ofSeconds(30)); // a listener stuck on something of its own
                    }
                })
                .build()) {
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            clock.advance(Duration.ofSeconds(15));
            assertThat(status.refresh().health()).isEqualTo(Health.MAJOR_OUTAGE);
            awaitQuietly(blocking, Duration.ofSeconds(10));
            assertThat(blocking.getCount()).as("the listener is blocked").isZero();
            assertThat(status.guard().<String>call(() -> "live").fallback(ctx -> ctx.reason().name()).get())
                    .isEqualTo("STATUS_DOWN");

            endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200");
            clock.advance(Duration.ofSeconds(15));
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);
            assertThat(status.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            assertThat(status.guard().<String>call(() -> "live").fallback(ctx -> ctx.reason().name()).get())
                    .isEqualTo("live");
            assertThat(told).containsExactly(Health.OPERATIONAL, Health.MAJOR_OUTAGE); // the next one waits its turn

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(told)
                    .containsExactly(Health.OPERATIONAL, Health.MAJOR_OUTAGE, Health.OPERATIONAL));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aListenerThatCallsRefreshGetsAFreshAnswer() {
        List<StatusSnapshot> fromListener = Collections.synchronizedList(new ArrayList<>());
        try (CharacterAiStatus status = scripted().downAfter(1).upAfter(1).background(false).build()) {
            status.refresh();
            status.onChange((before, now) -> {
                if (now.health() == Health.MAJOR_OUTAGE) {
                    endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200"); // back already: check again
                    fromListener.add(status.refresh());
                }
            });
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            clock.advance(Duration.ofSeconds(15));
            int before = endpoint.calls();
            assertThat(status.refresh().health()).isEqualTo(Health.MAJOR_OUTAGE);

            await().atMost(Duration.ofSeconds(10)).until(() -> !fromListener.isEmpty());
            assertThat(fromListener.get(0).health()).isEqualTo(Health.OPERATIONAL);
            assertThat(endpoint.calls()).isEqualTo(before + 2);
        }
    }

    @Test
    void fallbacksAfterATimeoutRunOnTheExecutorSetOnTheBuilder() throws Exception {
        java.util.concurrent.ExecutorService host = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "host-fallbacks"));
        try {
            try (CharacterAiStatus status = scripted().asyncExecutor(host).build()) {
                String where = status.guard().<String>callAsync(java.util.concurrent.CompletableFuture::new)
                        .timeout(Duration.ofMillis(50), Duration.ofSeconds(10))
                        .fallback(ctx -> Thread.currentThread().getName())
                        .getAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(where).isEqualTo("host-fallbacks");
            }
            assertThat(host.isShutdown()).as("close() leaves the host's executor alone").isFalse();
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void itKeepsTheGivenLog() {
        InMemoryIncidentLog log = new InMemoryIncidentLog();
        try (CharacterAiStatus status = scripted().incidentLog(log).build()) {
            assertThat(status.incidents()).isSameAs(log);
            status.snapshot(); // the first snapshot waits for the first check: refresh() then starts a second
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            status.refresh();
            assertThat(endpoint.calls()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anIncidentLeftOpenByAPreviousRunIsCarriedOnAndResolvedOnRecovery() {
        InMemoryIncidentLog log = new InMemoryIncidentLog();
        Instant yesterday = clock.instant().minus(Duration.ofDays(1));
        log.append(new Incident("observed-crash", "character.ai", yesterday, Optional.empty(), Health.MAJOR_OUTAGE,
                Cause.SERVER_ERROR, "down when the previous run stopped", Source.OBSERVED, false, List.of(),
                Optional.empty()));
        endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
        try (CharacterAiStatus status = scripted().downAfter(1).upAfter(1).incidentLog(log).background(false).build()) {
            status.refresh();
            // still down: the same incident goes on, no second one is opened
            assertThat(log.all()).extracting(Incident::id).containsExactly("observed-crash");

            endpoint.answer(Health.OPERATIONAL, Cause.NONE, "HTTP 200");
            clock.advance(Duration.ofMinutes(1));
            status.refresh();
            assertThat(log.find("observed-crash").orElseThrow().end()).contains(clock.instant());
            assertThat(log.activeAt(clock.instant())).isEmpty();
        }
    }

    @Test
    void theDefaultLogHoldsTheBundledHistoryAndRoomForObservedIncidents() {
        try (CharacterAiStatus status = scripted().background(false).build()) {
            int bundled = status.incidents().all().size();
            assertThat(bundled).isGreaterThan(0);
            endpoint.answer(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
            status.refresh();
            assertThat(status.incidents().all()).hasSize(bundled + 1);
            assertThat(status.incidents().activeAt(clock.instant())).extracting(i -> i.source())
                    .containsExactly(io.github.caistatus.api.Source.OBSERVED);
        }
    }

    @Test
    void closeIsIdempotentAndTheLastSnapshotStaysReadable() {
        CharacterAiStatus status = scripted().build();
        StatusSnapshot last = status.snapshot();
        status.close();
        status.close();
        assertThat(status.snapshot()).isSameAs(last);
        assertThat(status.refresh()).isSameAs(last);
    }

    @Test
    void noThreadIsLeftAfterClose() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        CharacterAiStatus status = scripted().onChange((was, now) -> { })
                .firstVerdictWait(Duration.ofSeconds(10)).build();
        status.refresh();
        status.guard().<String>callAsync(() -> java.util.concurrent.CompletableFuture.completedFuture("x"))
                .timeout(Duration.ofSeconds(5)).getAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(before).contains("cai-status-listeners-"));
        Set<String> ours = names(before);
        assertThat(ours).contains("cai-status-monitor-", "cai-status-probe-", "cai-status-listeners-",
                "cai-status-guard-timeout");
        status.close();
        // no GC needed: every thread the instance started is stopped by close() itself
        await().atMost(Duration.ofSeconds(10)).until(() -> names(before).isEmpty());
    }

    /** The kinds of library threads alive now that were not in {@code before} (instance numbers dropped). */
    private static Set<String> names(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("cai-status"))
                .map(t -> t.getName().replaceAll("[0-9]+(-[0-9]+)?$", ""))
                .collect(Collectors.toSet());
    }

    @Test
    void theSharedInstanceInTestsProbesNothingOffTheMachine() {
        // set by the build (surefire) for every test JVM: see the parent pom
        assertThat(System.getProperty(CharacterAiStatus.ENDPOINT_PROPERTY)).isEqualTo("none");
        assertThat(System.getProperty(CharacterAiStatus.STATUS_PAGE_PROPERTY)).isEqualTo("none");
        assertThat(System.getProperty(CharacterAiStatus.CONTROL_PROPERTY)).isEqualTo("none");

        // only the guard's own passive signal: no endpoint, official page or control probe was built
        assertThat(CharacterAiStatus.current().signals()).extracting(Signal::probe).containsExactly("passive");
    }

    @Test
    void currentNeverThrowsAndAfterTheFirstCallIsAPlainRead() {
        StatusSnapshot first = CharacterAiStatus.current();
        assertThat(first).isNotNull();
        assertThat(first.summary()).isNotBlank();
        StatusSnapshot again = CharacterAiStatus.current();
        // the same immutable object the shared instance holds: a read, not a check
        assertThat(again).isSameAs(CharacterAiStatus.shared().snapshot());
        for (int i = 0; i < 1_000; i++) {
            assertThat(CharacterAiStatus.current()).isNotNull();
        }
    }
}
