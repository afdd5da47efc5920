package io.github.caistatus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fleet mode against a real redis-server on loopback: shared detection, leases, one incident, Redis killed. */
class RedisFleetTest {

    private static final Duration FOLLOW = Duration.ofSeconds(3); // the target is ~1 s; a loaded CI box gets room

    private RedisServer redis;
    private final List<CharacterAiStatus> instances = new ArrayList<>();
    private final List<RedisFleet> fleets = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis = RedisServer.startOnFreePort();
    }

    @AfterEach
    void stopAll() {
        instances.forEach(CharacterAiStatus::close);
        redis.close();
    }

    private CharacterAiStatus instance(String name, URI endpoint, Duration unhealthy, boolean background) {
        RedisFleet fleet = RedisFleet.builder().uri(redis.uri()).namespace("test").instanceName(name).build();
        var b = CharacterAiStatus.builder().noStatusPage().noControl()
                .intervals(Duration.ofMinutes(1), unhealthy).background(background)
                .firstVerdictWait(Duration.ZERO).fleet(fleet);
        if (endpoint == null) {
            b.noEndpoint();
        } else {
            b.endpoint(endpoint);
        }
        CharacterAiStatus s = b.build();
        instances.add(s);
        fleets.add(fleet);
        return s;
    }

    private void awaitConnected() {
        await().atMost(Duration.ofSeconds(10)).until(() -> fleets.stream().allMatch(RedisFleet::isConnected));
    }

    private static String call(CharacterAiStatus s, AtomicInteger reached, boolean fails) {
        return s.guard().call(() -> {
            reached.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("simulated 503");
            }
            return "primary";
        }).fallback(ctx -> "fallback").get();
    }

    private static void failOwnCalls(CharacterAiStatus s) {
        AtomicInteger ignored = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            call(s, ignored, true);
        }
    }

    private static Optional<Signal> fleetSignal(StatusSnapshot s) {
        return s.signals().stream().filter(x -> x.role() == ProbeRole.FLEET).findFirst();
    }

    @Test
    void oneInstanceSeesTheOutageAndEveryGuardAnswersFromFallbacksAsOneIncident() {
        CharacterAiStatus a = instance("a", null, Duration.ofSeconds(15), true);
        CharacterAiStatus b = instance("b", null, Duration.ofSeconds(15), true);
        CharacterAiStatus c = instance("c", null, Duration.ofSeconds(15), true);
        awaitConnected();

        failOwnCalls(a); // only a's users meet the outage

        AtomicInteger reachedB = new AtomicInteger();
        AtomicInteger reachedC = new AtomicInteger();
        await().atMost(FOLLOW).until(() -> !b.snapshot().health().isUsable() && !c.snapshot().health().isUsable());
        assertThat(call(b, reachedB, false)).isEqualTo("fallback");
        assertThat(call(c, reachedC, false)).isEqualTo("fallback");
        assertThat(reachedB.get() + reachedC.get()).as("calls that reached the dead service").isZero();
        assertThat(fleetSignal(b.snapshot())).get().extracting(Signal::health).isEqualTo(Health.MAJOR_OUTAGE);

        // one incident for the fleet: every instance names it alike, and Redis keeps one record of it
        await().atMost(FOLLOW).until(() -> instances.stream().allMatch(s -> observed(s).isPresent()));
        Set<String> ids = instances.stream().map(s -> observed(s).orElseThrow().id()).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        try (Redis r = new Redis(redis.uri())) {
            assertThat(r.c.sync().keys("test:incident:*")).hasSize(1);
            assertThat(r.c.sync().pttl("test:state")).isPositive();
        }
    }

    @Test
    void failuresSpreadThinOverTheFleetAddUpToAnOutage() {
        List<CharacterAiStatus> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(instance("f" + i, null, Duration.ofSeconds(15), true));
        }
        awaitConnected();
        AtomicInteger reached = new AtomicInteger();
        for (CharacterAiStatus s : five) { // 3 failures each: no instance's breaker has an opinion (it needs 10)
            for (int i = 0; i < 3; i++) {
                call(s, reached, true);
            }
        }
        assertThat(five).allMatch(s -> s.guard().circuitBreaker().getState()
                == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);

        await().atMost(FOLLOW).until(() -> five.stream().noneMatch(s -> s.snapshot().health().isUsable()));
        int before = reached.get();
        five.forEach(s -> assertThat(call(s, reached, false)).isEqualTo("fallback"));
        assertThat(reached.get()).isEqualTo(before);
    }

    private static Optional<Incident> observed(CharacterAiStatus s) {
        return s.snapshot().incidents().stream().filter(i -> i.source() == Source.OBSERVED).findFirst();
    }

    @Test
    void oneInstanceProbesPerIntervalForTheWholeFleet() {
        try (CountingHealth health = new CountingHealth()) {
            List<CharacterAiStatus> five = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                five.add(instance("p" + i, health.uri(), Duration.ofSeconds(30), false));
            }
            awaitConnected();
            five.forEach(CharacterAiStatus::refresh);
            await().atMost(FOLLOW).until(() -> five.stream().allMatch(s -> endpoint(s) == Health.OPERATIONAL));
            five.forEach(CharacterAiStatus::refresh); // asking again within the interval sends nothing either

            assertThat(health.requests.get()).as("health checks sent by 5 instances in one interval").isEqualTo(1);
        }
    }

    private static Health endpoint(CharacterAiStatus s) {
        return s.snapshot().signals().stream().filter(x -> x.role() == ProbeRole.ENDPOINT).map(Signal::health)
                .findFirst().orElse(Health.UNKNOWN);
    }

    @Test
    void redisKilledMidTestEachInstanceWorksAloneSaysSoAndRejoins() {
        try (CountingHealth health = new CountingHealth()) {
            CharacterAiStatus a = instance("a", health.uri(), Duration.ofSeconds(30), false);
            CharacterAiStatus b = instance("b", health.uri(), Duration.ofSeconds(30), false);
            awaitConnected();
            a.refresh();
            b.refresh();
            assertThat(health.requests.get()).isEqualTo(1);

            redis.kill();
            await().atMost(FOLLOW).until(() -> instances.stream().allMatch(s -> fleetSignal(s.snapshot())
                    .map(x -> x.detail().contains("Redis unreachable")).orElse(false)));
            assertThat(fleetSignal(a.snapshot())).get().extracting(Signal::hasOpinion).isEqualTo(false);
            // alone, each instance probes for itself
            assertThat(health.requests.get()).isGreaterThanOrEqualTo(3);
            assertThat(a.snapshot().health()).isEqualTo(Health.OPERATIONAL);

            redis.start(); // same port
            await().atMost(Duration.ofSeconds(10)).until(() -> fleets.stream().allMatch(RedisFleet::isConnected));
            await().atMost(FOLLOW).until(() -> instances.stream().allMatch(s -> fleetSignal(s.snapshot())
                    .map(x -> !x.detail().contains("unreachable")).orElse(false)));
        }
    }

    @Test
    void oneInstanceAtATimeMakesTheTrialCallsAndItsSuccessRecoversTheFleet() {
        List<CharacterAiStatus> three = List.of(instance("t0", null, Duration.ofSeconds(1), true),
                instance("t1", null, Duration.ofSeconds(1), true), instance("t2", null, Duration.ofSeconds(1), true));
        awaitConnected();
        failOwnCalls(three.get(0));
        await().atMost(FOLLOW).until(() -> three.stream().noneMatch(s -> s.snapshot().health().isUsable()));

        AtomicInteger[] reached = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int i = 0; i < 3; i++) {
                call(three.get(i), reached[i], true);
            }
            return reached[0].get() + reached[1].get() + reached[2].get() >= 3;
        });
        long instancesThatTried = java.util.Arrays.stream(reached).filter(n -> n.get() > 0).count();
        assertThat(instancesThatTried).as("instances that sent trial calls: %s", List.of(reached)).isEqualTo(1);

        // the service is back: the next trial succeeds, and every instance's guard follows
        AtomicInteger ok = new AtomicInteger();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            boolean all = true;
            for (CharacterAiStatus s : three) {
                all &= "primary".equals(call(s, ok, false));
            }
            return all;
        });
    }

    @Test
    void closeLeavesNoThreadBehind() {
        CharacterAiStatus a = instance("a", null, Duration.ofSeconds(15), true);
        awaitConnected();
        a.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).noneMatch(n -> n.startsWith("cai-status-fleet") || n.startsWith("lettuce-")));
    }

    /** A connection of the test's own, to look at the keys. */
    private static final class Redis implements AutoCloseable {
        final RedisClient client;
        final StatefulRedisConnection<String, String> c;

        Redis(String uri) {
            client = RedisClient.create(uri);
            c = client.connect();
        }

        @Override
        public void close() {
            c.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
