package io.github.caistatus.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryIncidentLogTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Incident incident(String id, int startMin, Integer endMin, Health health) {
        return new Incident(id, "character.ai", at(startMin),
                endMin == null ? Optional.empty() : Optional.of(at(endMin)),
                health, Cause.SERVER_ERROR, "test " + id, Source.OBSERVED, false, List.of(), Optional.empty());
    }

    @Nested
    class Queries {

        final InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(
                incident("b", 60, 120, Health.MAJOR_OUTAGE),
                incident("a", 0, 30, Health.PARTIAL_OUTAGE),
                incident("open", 200, null, Health.DEGRADED)));

        @Test
        void allIsSortedByStart() {
            assertThat(log.all()).extracting(Incident::id).containsExactly("a", "b", "open");
        }

        @Test
        void betweenIncludesAnIncidentStartingAtTheWindowStart() {
            assertThat(log.between(at(60), at(61))).extracting(Incident::id).containsExactly("b");
        }

        @Test
        void betweenExcludesAnIncidentEndingAtTheWindowStart() {
            assertThat(log.between(at(30), at(60))).isEmpty();
        }

        @Test
        void betweenExcludesAnIncidentStartingAtTheWindowEnd() {
            assertThat(log.between(at(31), at(60))).isEmpty();
            assertThat(log.between(at(29), at(61))).extracting(Incident::id).containsExactly("a", "b");
        }

        @Test
        void betweenIncludesUnresolvedIncidentsForEverAfterTheirStart() {
            assertThat(log.between(at(10_000), at(10_001))).extracting(Incident::id).containsExactly("open");
        }

        @Test
        void betweenRejectsAnEmptyWindow() {
            assertThatThrownBy(() -> log.between(at(5), at(5))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.availability(at(6), at(5))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void activeAtIsInclusiveAtStartAndExclusiveAtEnd() {
            assertThat(log.activeAt(at(60))).extracting(Incident::id).containsExactly("b");
            assertThat(log.activeAt(at(119))).extracting(Incident::id).containsExactly("b");
            assertThat(log.activeAt(at(120))).isEmpty();
            assertThat(log.activeAt(at(59))).isEmpty();
        }

        @Test
        void findByIdOrEmpty() {
            assertThat(log.find("b")).map(Incident::health).contains(Health.MAJOR_OUTAGE);
            assertThat(log.find("nope")).isEmpty();
        }
    }

    @Nested
    class Writes {

        @Test
        void appendReplacesAnIncidentWithTheSameId() {
            InMemoryIncidentLog log = new InMemoryIncidentLog();
            log.append(incident("x", 0, null, Health.DEGRADED));
            log.append(incident("x", 5, null, Health.MAJOR_OUTAGE));
            assertThat(log.all()).singleElement().satisfies(i -> {
                assertThat(i.health()).isEqualTo(Health.MAJOR_OUTAGE);
                assertThat(i.start()).isEqualTo(at(5));
            });
        }

        @Test
        void resolveEndsAnUnresolvedIncidentWithAResolvedUpdate() {
            InMemoryIncidentLog log = new InMemoryIncidentLog();
            log.append(incident("x", 0, null, Health.MAJOR_OUTAGE));
            Optional<Incident> done = log.resolve("x", at(42));
            assertThat(done).isPresent();
            assertThat(done.get().end()).contains(at(42));
            assertThat(done.get().updates()).last().satisfies(u -> {
                assertThat(u.stage()).isEqualTo(Stage.RESOLVED);
                assertThat(u.at()).isEqualTo(at(42));
            });
            assertThat(log.find("x")).contains(done.get());
            assertThat(log.activeAt(at(41))).hasSize(1);
            assertThat(log.activeAt(at(42))).isEmpty();
        }

        @Test
        void resolveOfAnUnknownOrResolvedIncidentIsEmpty() {
            InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(incident("done", 0, 10, Health.MAJOR_OUTAGE)));
            assertThat(log.resolve("missing", at(1))).isEmpty();
            assertThat(log.resolve("done", at(20))).isEmpty();
            assertThat(log.find("done").orElseThrow().end()).contains(at(10));
        }

        @Test
        void snapshotsHandedOutEarlierDoNotChange() {
            InMemoryIncidentLog log = new InMemoryIncidentLog();
            List<Incident> before = log.all();
            log.append(incident("x", 0, null, Health.DEGRADED));
            assertThat(before).isEmpty();
            assertThat(log.all()).hasSize(1);
        }

        @Test
        void concurrentAppendsAreAllKept() throws Exception {
            InMemoryIncidentLog log = new InMemoryIncidentLog();
            int writers = 4;
            int each = 250;
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int base = w * each;
                    futures.add(pool.submit(() -> {
                        go.await();
                        for (int k = 0; k < each; k++) {
                            log.append(incident("i" + (base + k), base + k, null, Health.DEGRADED));
                        }
                        return null;
                    }));
                }
                // a reader running alongside always sees a sorted list
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int k = 0; k < 500; k++) {
                        List<Incident> seen = log.all();
                        assertThat(seen).isSortedAccordingTo(java.util.Comparator.comparing(Incident::start));
                    }
                    return null;
                }));
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(log.all()).hasSize(writers * each);
        }
    }

    @Nested
    class Availabilities {

        @Test
        void handComputedCaseMergesOverlapsAndKeepsMajorAndPartialApart() {
            // window [0, 1000) minutes
            // major:   [100, 200) and [150, 260) overlap -> [100, 260) = 160 min
            // maint:   [500, 530)                        ->            30 min  (major)
            // partial: [240, 300) overlaps major end     -> [260, 300) = 40 min
            // partial: [900, 1100) clipped by the window -> [900, 1000) = 100 min
            // degraded [0, 1000) is not downtime; an unresolved major is unknown
            InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(
                    incident("m1", 100, 200, Health.MAJOR_OUTAGE),
                    incident("m2", 150, 260, Health.MAJOR_OUTAGE),
                    incident("mt", 500, 530, Health.MAINTENANCE),
                    incident("p1", 240, 300, Health.PARTIAL_OUTAGE),
                    incident("p2", 900, 1100, Health.PARTIAL_OUTAGE),
                    incident("d", 0, 1000, Health.DEGRADED),
                    incident("open", 700, null, Health.MAJOR_OUTAGE),
                    incident("outside", 2000, 2100, Health.MAJOR_OUTAGE)));
            Availability a = log.availability(at(0), at(1000));
            assertThat(a.majorDowntime()).isEqualTo(Duration.ofMinutes(190));
            assertThat(a.partialDowntime()).isEqualTo(Duration.ofMinutes(140));
            assertThat(a.unknownDurations()).isEqualTo(1);
            assertThat(a.ratio()).isCloseTo(1.0 - 330.0 / 1000.0, org.assertj.core.data.Offset.offset(1e-12));
        }

        @Test
        void anIncidentStartingAtTheWindowEndCountsNothing() {
            InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(
                    incident("later", 100, 200, Health.MAJOR_OUTAGE),
                    incident("laterOpen", 100, null, Health.MAJOR_OUTAGE)));
            Availability a = log.availability(at(0), at(100));
            assertThat(a.downtime()).isZero();
            assertThat(a.unknownDurations()).isZero();
        }

        @Test
        void dateOnlyIncidentsAreCountedAsUnknownNotAsDowntime() {
            // bundled, known only from third-party reports of a day: its end is a bound, not a measurement
            Incident dayOnly = new Incident("dayOnly", "character.ai", at(0), Optional.of(at(1440)),
                    Health.MAJOR_OUTAGE, Cause.OTHER, "reported that day", Source.BUNDLED, false,
                    List.of(new io.github.caistatus.api.IncidentUpdate(Stage.REPORTED, at(0), "down")), Optional.empty());
            InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(dayOnly, incident("exact", 0, 10, Health.MAJOR_OUTAGE)));
            Availability a = log.availability(at(0), at(1440));
            assertThat(a.majorDowntime()).isEqualTo(Duration.ofMinutes(10));
            assertThat(a.unknownDurations()).isEqualTo(1);
            assertThat(log.typicalDuration(Health.MAJOR_OUTAGE)).map(OutageDurations::count).contains(1);
        }
    }

    @Nested
    class TypicalDurations {

        @Test
        void nearestRankMedianAndP90OnAHandComputedSet() {
            // major durations 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110 (n = 11)
            // median rank ceil(5.5) = 6 -> 60; p90 rank ceil(9.9) = 10 -> 100
            List<Incident> list = new ArrayList<>();
            int[] minutes = {70, 10, 110, 30, 90, 50, 20, 100, 40, 80, 60};
            for (int k = 0; k < minutes.length; k++) {
                list.add(incident("m" + k, k * 1000, k * 1000 + minutes[k], Health.MAJOR_OUTAGE));
            }
            list.add(incident("p", 50_000, 50_005, Health.PARTIAL_OUTAGE));
            list.add(incident("open", 60_000, null, Health.MAJOR_OUTAGE));
            OutageDurations d = new InMemoryIncidentLog(list).typicalDuration(Health.MAJOR_OUTAGE).orElseThrow();
            assertThat(d.count()).isEqualTo(11);
            assertThat(d.median()).isEqualTo(Duration.ofMinutes(60));
            assertThat(d.p90()).isEqualTo(Duration.ofMinutes(100));
        }

        @Test
        void medianOfAnEvenCountIsTheLowerMiddle() {
            List<Incident> list = List.of(
                    incident("a", 0, 10, Health.PARTIAL_OUTAGE),
                    incident("b", 100, 140, Health.PARTIAL_OUTAGE),
                    incident("c", 200, 220, Health.PARTIAL_OUTAGE),
                    incident("d", 300, 330, Health.PARTIAL_OUTAGE));
            OutageDurations d = new InMemoryIncidentLog(list).typicalDuration(Health.PARTIAL_OUTAGE).orElseThrow();
            assertThat(d.median()).isEqualTo(Duration.ofMinutes(20));
            assertThat(d.p90()).isEqualTo(Duration.ofMinutes(40));
        }

        @Test
        void noResolvedIncidentOfThatKindGivesEmpty() {
            InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(incident("open", 0, null, Health.MAJOR_OUTAGE)));
            assertThat(log.typicalDuration(Health.MAJOR_OUTAGE)).isEmpty();
            assertThat(log.typicalDuration(Health.MAINTENANCE)).isEmpty();
        }

        @Test
        void followsEveryChangeOfTheIncidents() {
            InMemoryIncidentLog log = new InMemoryIncidentLog(List.of(incident("a", 0, 10, Health.MAJOR_OUTAGE)));
            assertThat(log.typicalDuration(Health.MAJOR_OUTAGE)).map(OutageDurations::median)
                    .contains(Duration.ofMinutes(10));
            log.append(incident("b", 20, null, Health.MAJOR_OUTAGE));
            log.resolve("b", at(22));
            assertThat(log.typicalDuration(Health.MAJOR_OUTAGE).orElseThrow())
                    .extracting(OutageDurations::count, OutageDurations::median, OutageDurations::p90)
                    .containsExactly(2, Duration.ofMinutes(2), Duration.ofMinutes(10));
            log.append(incident("a", 0, 1, Health.PARTIAL_OUTAGE)); // replaced: another kind, another length
            assertThat(log.typicalDuration(Health.MAJOR_OUTAGE).orElseThrow())
                    .extracting(OutageDurations::count, OutageDurations::median).containsExactly(1, Duration.ofMinutes(2));
            assertThat(log.typicalDuration(Health.PARTIAL_OUTAGE)).map(OutageDurations::median)
                    .contains(Duration.ofMinutes(1));
        }

        @Test
        void lookupsFindALongIncidentStartedLongBeforeTheWindow() {
            InMemoryIncidentLog log = new InMemoryIncidentLog();
            log.append(incident("long", 0, 60 * 40, Health.MAJOR_OUTAGE));
            for (int n = 0; n < 1_000; n++) {
                log.append(incident("s" + n, 60 * 50 + n * 2, 60 * 50 + n * 2 + 1, Health.PARTIAL_OUTAGE));
            }
            log.append(incident("open", -60, null, Health.DEGRADED));
            assertThat(log.activeAt(at(60 * 39))).extracting(Incident::id).containsExactly("open", "long");
            assertThat(log.between(at(60 * 39), at(60 * 50 + 3))).extracting(Incident::id)
                    .containsExactly("open", "long", "s0", "s1");
            assertThat(log.find("s999")).isPresent();
        }
    }
}
