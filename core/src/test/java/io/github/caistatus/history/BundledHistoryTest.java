package io.github.caistatus.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BundledHistoryTest {

    static final BundledHistory HISTORY = BundledHistory.get();

    static Incident incident(String id) {
        return HISTORY.incidents().stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no incident " + id));
    }

    static Instant pacificMidnight(String date) {
        return LocalDate.parse(date).atStartOfDay(BundledHistory.ZONE).toInstant();
    }

    @Test
    void getIsLoadedOnceAndShared() {
        assertThat(BundledHistory.get()).isSameAs(HISTORY);
    }

    @Nested
    class ArticleReports {

        @Test
        void all26DatedReportsFrom15MarchTo8AugustArePresentInOrder() {
            List<String> dates = HISTORY.reports().stream().map(r -> r.date().toString()).toList();
            assertThat(dates).containsExactly(
                    "2023-03-15", "2023-04-07", "2023-04-14", "2023-04-17", "2023-04-18", "2023-04-24",
                    "2023-04-25", "2023-04-27", "2023-05-04", "2023-05-05", "2023-05-06", "2023-05-08",
                    "2023-05-09", "2023-05-10", "2023-05-11", "2023-05-12", "2023-05-17", "2023-05-30",
                    "2023-07-05", "2023-07-06", "2023-07-07", "2023-07-20", "2023-07-21", "2023-07-28",
                    "2023-08-03", "2023-08-08");
            assertThat(HISTORY.reports()).allSatisfy(r -> {
                assertThat(r.source()).isEqualTo(Source.BUNDLED);
                assertThat(r.summary()).isNotBlank();
            });
        }

        @Test
        void allIsWellDaysAreReportsWithoutAnIncident() {
            List<String> withoutIncident = HISTORY.reports().stream().filter(r -> r.incidentId().isEmpty())
                    .map(r -> r.date().toString()).toList();
            assertThat(withoutIncident).containsExactly("2023-03-15", "2023-04-07", "2023-04-18");
            assertThat(HISTORY.reports().stream().filter(r -> r.incidentId().isEmpty()))
                    .allSatisfy(r -> assertThat(r.health()).isEqualTo(Health.OPERATIONAL));
        }

        @Test
        void everyReportedIncidentExists() {
            for (Report r : HISTORY.reports()) {
                r.incidentId().ifPresent(id -> assertThat(incident(id).source()).isEqualTo(Source.BUNDLED));
            }
        }

        @Test
        void theEarlyMayEpisodeIsOneIncidentFrom5To12May() {
            Map<String, List<String>> byIncident = reportDatesByIncident();
            assertThat(byIncident.get("article-2023-05-05")).containsExactly(
                    "2023-05-05", "2023-05-06", "2023-05-08", "2023-05-09", "2023-05-10", "2023-05-11", "2023-05-12");
            Incident may = incident("article-2023-05-05");
            assertThat(may.health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(may.start()).isEqualTo(Instant.parse("2023-05-05T07:00:00Z"));
            assertThat(may.end()).contains(Instant.parse("2023-05-13T07:00:00Z"));
            assertThat(may.updates()).hasSize(7).allSatisfy(u -> assertThat(u.stage()).isEqualTo(Stage.REPORTED));
            assertThat(BundledHistory.isDateOnly(may)).isTrue();
        }

        @Test
        void continuingReportsAreGrouped() {
            Map<String, List<String>> byIncident = reportDatesByIncident();
            assertThat(byIncident.get("article-2023-07-05")).containsExactly("2023-07-05", "2023-07-06", "2023-07-07");
            assertThat(byIncident.get("article-2023-07-20")).containsExactly("2023-07-20", "2023-07-21");
            assertThat(byIncident.get("article-2023-04-24")).containsExactly("2023-04-24", "2023-04-25");
            assertThat(byIncident.get("article-2023-04-17")).containsExactly("2023-04-17");
            assertThat(byIncident).hasSize(13);
        }

        @Test
        void anAllClearEndsThePrecedingIncidentBeforeItsDay() {
            Incident april17 = incident("article-2023-04-17");
            assertThat(april17.end()).contains(pacificMidnight("2023-04-18"));
            assertThat(HISTORY.newLog().activeAt(pacificMidnight("2023-04-18"))).isEmpty();
        }

        @Test
        void theMaintenanceOf4MayIsExactly17To18Utc() {
            Incident m = incident("article-2023-05-04-maintenance");
            assertThat(m.start()).isEqualTo(Instant.parse("2023-05-04T17:00:00Z"));
            assertThat(m.end()).contains(Instant.parse("2023-05-04T18:00:00Z"));
            assertThat(m.health()).isEqualTo(Health.MAINTENANCE);
            assertThat(m.cause()).isEqualTo(Cause.MAINTENANCE);
            assertThat(m.scheduled()).isTrue();
            assertThat(BundledHistory.isDateOnly(m)).isFalse();
            Report may4 = HISTORY.reports(LocalDate.of(2023, 5, 4), LocalDate.of(2023, 5, 4)).get(0);
            assertThat(may4.incidentId()).contains(m.id());
            assertThat(may4.health()).isEqualTo(Health.MAINTENANCE);
        }

        @Test
        void theMaintenanceWindowEdgesAreHalfOpen() {
            IncidentLog log = HISTORY.newLog();
            assertThat(log.activeAt(Instant.parse("2023-05-04T16:59:59Z"))).isEmpty();
            assertThat(log.activeAt(Instant.parse("2023-05-04T17:00:00Z"))).extracting(Incident::id)
                    .containsExactly("article-2023-05-04-maintenance");
            assertThat(log.activeAt(Instant.parse("2023-05-04T17:59:59Z"))).hasSize(1);
            assertThat(log.activeAt(Instant.parse("2023-05-04T18:00:00Z"))).isEmpty();
            assertThat(log.between(Instant.parse("2023-05-04T18:00:00Z"), Instant.parse("2023-05-04T20:00:00Z"))).isEmpty();
            assertThat(log.between(Instant.parse("2023-05-04T15:00:00Z"), Instant.parse("2023-05-04T17:00:00Z"))).isEmpty();
            assertThat(log.between(Instant.parse("2023-05-04T17:59:00Z"), Instant.parse("2023-05-04T18:00:00Z"))).hasSize(1);
        }

        private Map<String, List<String>> reportDatesByIncident() {
            return HISTORY.reports().stream().filter(r -> r.incidentId().isPresent())
                    .collect(Collectors.groupingBy(r -> r.incidentId().get(), java.util.TreeMap::new,
                            Collectors.mapping(r -> r.date().toString(), Collectors.toList())));
        }
    }

    @Nested
    class OfficialArchive {

        List<Incident> archive() {
            return HISTORY.incidents().stream().filter(i -> i.link().isPresent()).toList();
        }

        @Test
        void all36IncidentsArePresentWithTheirLinks() {
            assertThat(archive()).hasSize(36).allSatisfy(i -> {
                assertThat(i.link().get()).isEqualTo("https://status.character.ai/incidents/" + i.id());
                assertThat(i.source()).isEqualTo(Source.BUNDLED);
                assertThat(i.isResolved()).isTrue();
                assertThat(i.updates()).isNotEmpty();
                assertThat(i.start()).isEqualTo(i.updates().get(0).at());
                assertThat(i.updates()).isSortedAccordingTo(java.util.Comparator.comparing(IncidentUpdate::at));
            });
            assertThat(HISTORY.incidents()).hasSize(36 + 13);
            assertThat(archive()).filteredOn(i -> i.start().isBefore(Instant.parse("2024-01-01T00:00:00Z"))).hasSize(15); // 11 in Oct-Nov, 4 in Dec
        }

        @Test
        void impactMapsToHealth() {
            assertThat(incident("q0xvy3xtgsrf").health()).isEqualTo(Health.MAJOR_OUTAGE);   // critical
            assertThat(incident("0cksdfnhfy6p").health()).isEqualTo(Health.PARTIAL_OUTAGE); // major
            assertThat(incident("hyj9hwhl85vd").health()).isEqualTo(Health.DEGRADED);       // minor
            assertThat(incident("4dnmfbgs809l").health()).isEqualTo(Health.DEGRADED);       // none
            assertThat(archive().stream().map(Incident::health).distinct())
                    .containsExactlyInAnyOrder(Health.MAJOR_OUTAGE, Health.PARTIAL_OUTAGE, Health.DEGRADED);
        }

        @Test
        void pacificStandardTimeAfterTheNovemberSwitchIsUtcMinus8() {
            // "Nov 06, 2023 - 06:17 PST" .. "06:36 PST", the day after clocks went back on 5 Nov 2023
            Incident i = incident("5hgyc7qkhrk7");
            assertThat(i.start()).isEqualTo(Instant.parse("2023-11-06T14:17:00Z"));
            assertThat(i.end()).contains(Instant.parse("2023-11-06T14:36:00Z"));
            assertThat(i.updates()).extracting(IncidentUpdate::stage).containsExactly(
                    Stage.INVESTIGATING, Stage.IDENTIFIED, Stage.MONITORING, Stage.RESOLVED);
        }

        @Test
        void pacificDaylightTimeBeforeTheNovemberSwitchIsUtcMinus7() {
            // "Nov 03, 2023 - 13:45 PDT" .. "14:45 PDT", two days before clocks went back
            Incident i = incident("fl04cnw1hskw");
            assertThat(i.start()).isEqualTo(Instant.parse("2023-11-03T20:45:00Z"));
            assertThat(i.end()).contains(Instant.parse("2023-11-03T21:45:00Z"));
        }

        @Test
        void pacificDaylightTimeAfterTheMarchSwitchIsUtcMinus7AndCanCrossTheUtcDay() {
            // "Mar 12, 2024 - 20:38 PDT" .. "20:57 PDT", two days after clocks went forward on 10 Mar 2024
            Incident i = incident("0lrd352s91td");
            assertThat(i.start()).isEqualTo(Instant.parse("2024-03-13T03:38:00Z"));
            assertThat(i.end()).contains(Instant.parse("2024-03-13T03:57:00Z"));
            // "Jan 27, 2024 - 16:52 PST" .. "Jan 28, 2024 - 00:30 PST", winter
            Incident search = incident("pz385w9h3vx7");
            assertThat(search.start()).isEqualTo(Instant.parse("2024-01-28T00:52:00Z"));
            assertThat(search.end()).contains(Instant.parse("2024-01-28T08:30:00Z"));
        }

        @Test
        void endIsTheResolvedUpdateEvenWithALaterPostmortem() {
            Incident db = incident("bt77d8174xlq");
            assertThat(db.end()).contains(Instant.parse("2023-10-26T22:30:00Z"));  // 15:30 PDT
            assertThat(db.updates()).last().satisfies(u -> {
                assertThat(u.stage()).isEqualTo(Stage.POSTMORTEM);
                assertThat(u.at()).isEqualTo(Instant.parse("2023-10-29T13:41:00Z"));
            });
            assertThat(db.duration()).contains(Duration.ofMinutes(30));
        }

        @Test
        void updatesListedOutOfOrderOnThePageAreSortedAndStartTheIncident() {
            Incident outage = incident("zppcsvf3sf9j");
            assertThat(outage.updates()).hasSize(11);
            assertThat(outage.start()).isEqualTo(Instant.parse("2023-12-19T01:01:00Z")); // Dec 18 17:01 PST
            assertThat(outage.end()).contains(Instant.parse("2023-12-19T09:15:00Z"));    // Dec 19 01:15 PST
        }
    }

    @Nested
    class DailyDowntimes {

        @Test
        void the318DaysCarry3351MinutesMajorAndPartialApart() {
            List<DailyDowntime> days = HISTORY.dailyDowntime();
            assertThat(days).hasSize(318);
            assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2023, 10, 19));
            assertThat(days.get(days.size() - 1).date()).isEqualTo(LocalDate.of(2024, 8, 31));
            long major = days.stream().mapToLong(d -> d.major().toMinutes()).sum();
            long partial = days.stream().mapToLong(d -> d.partial().toMinutes()).sum();
            assertThat(major).isEqualTo(1246);
            assertThat(partial).isEqualTo(2105);
            assertThat(major + partial).isEqualTo(3351);
        }

        @Test
        void aDayCarriesBothKindsAndItsIncidents() {
            DailyDowntime dec18 = HISTORY.dailyDowntime().stream()
                    .filter(d -> d.date().equals(LocalDate.of(2023, 12, 18))).findFirst().orElseThrow();
            assertThat(dec18.major()).isEqualTo(Duration.ofMinutes(156));
            assertThat(dec18.partial()).isEqualTo(Duration.ofMinutes(184));
            assertThat(dec18.incidentIds()).containsExactlyInAnyOrder("zppcsvf3sf9j", "h3vtgftrvl61");
            assertThat(dec18.start()).isEqualTo(Instant.parse("2023-12-18T08:00:00Z"));
        }
    }

    @Nested
    class BundledAvailability {

        @Test
        void theArchiveWindowGives3351MinutesOver318Days() {
            Instant from = pacificMidnight("2023-10-19");
            Instant to = pacificMidnight("2024-09-01");
            Availability a = HISTORY.newLog().availability(from, to);
            assertThat(a.window()).isEqualTo(Duration.ofDays(318));
            assertThat(a.majorDowntime()).isEqualTo(Duration.ofMinutes(1246));
            assertThat(a.partialDowntime()).isEqualTo(Duration.ofMinutes(2105));
            assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(3351));
            assertThat(a.unknownDurations()).isZero();
            assertThat(a.ratio()).isEqualTo(1.0 - 3351.0 / (318 * 24 * 60));
        }

        @Test
        void measuredDaysWinOverIncidentTimes() {
            // 3 Nov 2023: two incidents of 53 and 60 minutes, but the page measured 197 minutes of major outage
            Availability a = HISTORY.newLog().availability(pacificMidnight("2023-11-03"), pacificMidnight("2023-11-04"));
            assertThat(a.majorDowntime()).isEqualTo(Duration.ofMinutes(197));
            assertThat(a.partialDowntime()).isZero();
        }

        @Test
        void aPartlyCoveredDayCountsInProportion() {
            // 1 Jun 2024: 243 partial minutes; half the day -> 121.5 minutes
            Instant from = pacificMidnight("2024-06-01");
            Availability a = HISTORY.newLog().availability(from, from.plus(Duration.ofHours(12)));
            assertThat(a.partialDowntime()).isEqualTo(Duration.ofSeconds(243 * 30));
        }

        @Test
        void incidentsCountOutsideTheMeasuredDaysAndUnknownDurationsAreCountedApart() {
            // 1 May .. 24 Oct 2023: the maintenance (60 min, major), eight date-only article incidents of a
            // downtime kind (5 May, 17 May, 30 May, 5 Jul, 20 Jul, 28 Jul, 3 Aug, 8 Aug), then measured days
            // 19-24 Oct with 150 partial minutes on the 24th.
            Availability a = HISTORY.newLog().availability(pacificMidnight("2023-05-01"), pacificMidnight("2023-10-25"));
            assertThat(a.majorDowntime()).isEqualTo(Duration.ofMinutes(60));
            assertThat(a.partialDowntime()).isEqualTo(Duration.ofMinutes(150));
            assertThat(a.unknownDurations()).isEqualTo(8);
        }

        @Test
        void liveIncidentsAppendedAfterTheArchiveCount() {
            IncidentLog log = HISTORY.newLog();
            Instant t = Instant.parse("2025-01-01T00:00:00Z");
            log.append(new Incident("live-1", "character.ai", t, Optional.empty(), Health.MAJOR_OUTAGE,
                    Cause.SERVER_ERROR, "observed", Source.OBSERVED, false, List.of(), Optional.empty()));
            Availability open = log.availability(t.minus(Duration.ofDays(1)), t.plus(Duration.ofDays(1)));
            assertThat(open.unknownDurations()).isEqualTo(1);
            assertThat(open.downtime()).isZero();
            log.resolve("live-1", t.plus(Duration.ofMinutes(30)));
            Availability closed = log.availability(t.minus(Duration.ofDays(1)), t.plus(Duration.ofDays(1)));
            assertThat(closed.majorDowntime()).isEqualTo(Duration.ofMinutes(30));
            assertThat(closed.unknownDurations()).isZero();
            assertThat(HISTORY.newLog().find("live-1")).as("a new log is fresh").isEmpty();
        }
    }

    @Nested
    class Priors {

        @Test
        void majorOutagesOfTheArchiveGiveANearestRankMedianAndP90() {
            // the 19 critical incidents, sorted (minutes): 15 19 23 28 30 34 35 40 48 53 59 60 71 74 183 189 202
            // 494 724; median rank ceil(9.5) = 10 -> 53, p90 rank ceil(17.1) = 18 -> 494. Date-only ones are out.
            OutageDurations d = HISTORY.newLog().typicalDuration(Health.MAJOR_OUTAGE).orElseThrow();
            assertThat(d.count()).isEqualTo(19);
            assertThat(d.median()).isEqualTo(Duration.ofMinutes(53));
            assertThat(d.p90()).isEqualTo(Duration.ofMinutes(494));
        }

        @Test
        void theOnlyTimedMaintenanceIsTheOneOf4May() {
            OutageDurations d = HISTORY.newLog().typicalDuration(Health.MAINTENANCE).orElseThrow();
            assertThat(d.count()).isEqualTo(1);
            assertThat(d.median()).isEqualTo(Duration.ofHours(1));
        }
    }
}
