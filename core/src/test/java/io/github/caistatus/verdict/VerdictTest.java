package io.github.caistatus.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.OfficialStatus;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private Instant now = Instant.parse("2026-07-01T12:00:00Z");

    /** A signal in the role of the built-in probe of that name (the monitor sets roles; here the test does). */
    private Signal sig(String probe, Health h, Cause c, String detail) {
        ProbeRole role = switch (probe) {
            case "endpoint" -> ProbeRole.ENDPOINT;
            case "official" -> ProbeRole.OFFICIAL_PAGE;
            case "control" -> ProbeRole.CONTROL;
            case "passive" -> ProbeRole.OWN_CALLS;
            default -> ProbeRole.CUSTOM;
        };
        return Signal.of(probe, h, c, Duration.ofMillis(40), now, detail).withRole(role);
    }

    private Signal endpointOk() {
        return sig("endpoint", Health.OPERATIONAL, Cause.NONE, "HTTP 200");
    }

    private Signal endpoint503() {
        return sig("endpoint", Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 503");
    }

    private Signal endpointRefused() {
        return sig("endpoint", Health.UNKNOWN, Cause.NETWORK, "connection refused");
    }

    private Signal officialGreen() {
        return sig("official", Health.OPERATIONAL, Cause.NONE, "All Systems Operational");
    }

    private Signal officialSilent() {
        return sig("official", Health.UNKNOWN, Cause.SOURCE_UNAVAILABLE, "HTTP 401 page inactive");
    }

    private Signal controlOk() {
        return sig("control", Health.OPERATIONAL, Cause.NONE, "HTTP 401");
    }

    private Signal controlDown() {
        return sig("control", Health.UNKNOWN, Cause.NETWORK, "connection refused");
    }

    /** Feeds one check, one second after the previous one. */
    private Verdict step(Verdict v, Signal... signals) {
        now = now.plusSeconds(15);
        List<Signal> fresh = new ArrayList<>();
        for (Signal s : signals) {
            fresh.add(new Signal(s.probe(), s.health(), s.cause(), s.latency(), now, s.detail(), s.retryAfter(),
                    s.official(), s.role()));
        }
        return v.next(fresh, now);
    }

    private Verdict start(Hysteresis h, Signal... first) {
        return step(Verdict.initial(h, now), first);
    }

    @Nested
    class Hysteresis_ {

        @Test
        void theFirstCheckIsPublishedAsItIs() {
            Verdict v = start(Hysteresis.defaults(), endpoint503(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(v.checks()).isEqualTo(1);
        }

        @Test
        void beforeAnyCheckTheVerdictIsUnknownNotChecked() {
            StatusSnapshot s = Verdict.initial(Hysteresis.defaults(), now).snapshot();
            assertThat(s.health()).isEqualTo(Health.UNKNOWN);
            assertThat(s.cause()).isEqualTo(Cause.NOT_CHECKED);
        }

        @Test
        void goodBadAlternationNeverFlipsAHealthyVerdict() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialSilent(), controlOk());
            for (int i = 0; i < 20; i++) {
                v = step(v, i % 2 == 0 ? endpoint503() : endpointOk(), officialSilent(), controlOk());
                assertThat(v.snapshot().health()).as("check %d", i).isEqualTo(Health.OPERATIONAL);
            }
        }

        @Test
        void goodBadAlternationNeverFlipsAnOutageVerdict() {
            Verdict v = start(Hysteresis.defaults(), endpoint503(), officialSilent(), controlOk());
            for (int i = 0; i < 20; i++) {
                v = step(v, i % 2 == 0 ? endpointOk() : endpoint503(), officialSilent(), controlOk());
                assertThat(v.snapshot().health()).as("check %d", i).isEqualTo(Health.MAJOR_OUTAGE);
            }
        }

        @Test
        void oneLostPacketDoesNotFlipButSaysWhatItWaitsFor() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialSilent(), controlOk());
            v = step(v, endpointRefused(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            assertThat(v.isChangePending()).isTrue();
            assertThat(v.snapshot().summary()).startsWith("still operational until confirmed (1 of 2 checks)");
            v = step(v, endpointOk(), officialSilent(), controlOk());
            assertThat(v.isChangePending()).isFalse();
            assertThat(v.snapshot().summary()).doesNotContain("confirmed");
        }

        @Test
        void kConsecutiveBadChecksFlipDown() {
            Verdict v = start(new Hysteresis(3, 2), endpointOk(), officialSilent(), controlOk());
            v = step(v, endpoint503(), officialSilent(), controlOk());
            v = step(v, endpoint503(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            v = step(v, endpoint503(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.SERVER_ERROR);
        }

        @Test
        void mConsecutiveGoodChecksFlipUp() {
            Verdict v = start(new Hysteresis(2, 3), endpoint503(), officialSilent(), controlOk());
            v = step(v, endpointOk(), officialSilent(), controlOk());
            v = step(v, endpointOk(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            v = step(v, endpointOk(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.NONE);
        }

        @Test
        void noHysteresisPublishesEveryCheck() {
            Verdict v = start(Hysteresis.none(), endpointOk(), officialSilent(), controlOk());
            v = step(v, endpoint503(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            v = step(v, endpointOk(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.OPERATIONAL);
        }

        @Test
        void thresholdsBelowOneAreRejected() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Hysteresis(0, 2))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class OfficialPage {

        @Test
        void itsBadNewsIsBelievedAtOnceEvenWhenTheEndpointAnswers() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialGreen(), controlOk());
            v = step(v, endpointOk(), sig("official", Health.PARTIAL_OUTAGE, Cause.OFFICIAL_INCIDENT,
                    "Partial System Outage"), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.PARTIAL_OUTAGE);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.OFFICIAL_INCIDENT);
            assertThat(v.snapshot().summary()).contains("official page reports partial outage");
        }

        @Test
        void anAnnouncedMaintenanceShowsWhileTheEndpointAnswers() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialGreen(), controlOk());
            v = step(v, endpointOk(), sig("official", Health.MAINTENANCE, Cause.MAINTENANCE, "maintenance"),
                    controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAINTENANCE);
            assertThat(v.snapshot().health().isUsable()).isFalse();
        }

        @Test
        void itsGoodNewsDoesNotHideAnEndpoint503() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialGreen(), controlOk());
            v = step(v, endpoint503(), officialGreen(), controlOk());
            v = step(v, endpoint503(), officialGreen(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.SERVER_ERROR);
            assertThat(v.snapshot().summary())
                    .isEqualTo("official page operational; health endpoint HTTP 503 for 2 checks");
        }

        @Test
        void itsDegradationIsShownAtOnceWhileTheEndpointsWorseNewsIsConfirmed() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialGreen(), controlOk());
            Signal minor = sig("official", Health.DEGRADED, Cause.OFFICIAL_INCIDENT, "Minor Service Outage");
            v = step(v, endpoint503(), minor, controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.DEGRADED);
            assertThat(v.snapshot().summary()).contains("confirming").contains("HTTP 503");
            v = step(v, endpoint503(), minor, controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
        }

        @Test
        void aSilentPageDoesNotHideAnOutage() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialSilent(), controlOk());
            v = step(v, endpointRefused(), officialSilent(), controlOk());
            v = step(v, endpointRefused(), officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.NETWORK);
            assertThat(v.snapshot().summary())
                    .contains("official page silent (HTTP 401 page inactive)")
                    .contains("health endpoint unreachable (connection refused) for 2 checks")
                    .contains("control host answers");
        }

        @Test
        void theSummarySaysHowManyChecksAgree() {
            Verdict v = start(Hysteresis.defaults(), endpoint503(), officialSilent(), controlOk());
            v = step(v, endpoint503(), officialSilent(), controlOk());
            v = step(v, endpoint503(), officialSilent(), controlOk());
            assertThat(v.snapshot().summary())
                    .isEqualTo("official page silent (HTTP 401 page inactive) for 3 checks; "
                            + "health endpoint HTTP 503 for 3 checks");
        }
    }

    @Nested
    class OurOwnSide {

        @Test
        void endpointAndControlBothUnreachableIsOurNetworkNotAnOutage() {
            Verdict v = start(Hysteresis.defaults(), endpointRefused(),
                    sig("official", Health.UNKNOWN, Cause.NETWORK, "timeout"), controlDown());
            for (int i = 0; i < 5; i++) {
                assertThat(v.snapshot().health()).isEqualTo(Health.UNKNOWN);
                assertThat(v.snapshot().cause()).isEqualTo(Cause.LOCAL_NETWORK);
                v = step(v, endpointRefused(), sig("official", Health.UNKNOWN, Cause.NETWORK, "timeout"),
                        controlDown());
            }
            assertThat(v.snapshot().summary()).startsWith("our own network seems down");
            assertThat(v.snapshot().confidence()).isZero();
        }

        @Test
        void anEndpointThatTimesOutAsMajorOutageIsStillOurNetworkWhenControlFails() {
            Signal timeout = sig("endpoint", Health.MAJOR_OUTAGE, Cause.NETWORK, "timed out after 5 s");
            Verdict v = start(Hysteresis.none(), timeout, controlDown());
            assertThat(v.snapshot().health()).isEqualTo(Health.UNKNOWN);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.LOCAL_NETWORK);
        }

        @Test
        void aBlockedEndpointIsUnknownBlocked() {
            Signal blocked = sig("endpoint", Health.UNKNOWN, Cause.BLOCKED, "Cloudflare challenge");
            Verdict v = start(Hysteresis.defaults(), blocked, officialSilent(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.UNKNOWN);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.BLOCKED);
            assertThat(v.snapshot().summary()).contains("health endpoint blocked us (Cloudflare challenge)");
        }

        @Test
        void aBlockedEndpointYieldsToOtherEvidence() {
            Signal blocked = sig("endpoint", Health.DEGRADED, Cause.BLOCKED, "HTTP 403");
            Verdict v = start(Hysteresis.defaults(), blocked, officialGreen(), controlOk());
            assertThat(v.snapshot().health()).isEqualTo(Health.OPERATIONAL);
        }
    }

    @Nested
    class HostsOwnCalls {

        @Test
        void passiveBadNewsIsBelievedAtOnceAndNotHiddenByOfficialGoodNews() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialGreen(), controlOk(),
                    sig("passive", Health.OPERATIONAL, Cause.NONE, "2% of calls fail"));
            v = step(v, endpointOk(), officialGreen(), controlOk(),
                    sig("passive", Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, "80% of calls fail"));
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.CALL_FAILURES);
            assertThat(v.snapshot().summary()).contains("host's own calls 80% of calls fail");
        }

        @Test
        void whenOurCallsFailInAWaitingRoomTheWaitingRoomIsTheCause() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), controlOk(),
                    sig("passive", Health.OPERATIONAL, Cause.NONE, "all calls succeed"));
            v = step(v, sig("endpoint", Health.DEGRADED, Cause.OVERLOADED, "Cloudflare waiting room"), controlOk(),
                    sig("passive", Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, "circuit breaker open"));
            // our calls failing is the worst news; the waiting room says why they fail
            assertThat(v.snapshot().health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(v.snapshot().cause()).isEqualTo(Cause.OVERLOADED);
        }

        @Test
        void theEndpointsPreciseCauseExplainsOurFailuresBetterThanAnOfficialIncidentOfTheSameWeight() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), officialGreen(), controlOk(),
                    sig("passive", Health.OPERATIONAL, Cause.NONE, "all calls succeed"));
            v = step(v, sig("endpoint", Health.DEGRADED, Cause.OVERLOADED, "Cloudflare waiting room"),
                    sig("official", Health.DEGRADED, Cause.OFFICIAL_INCIDENT, "indicator minor"), controlOk(),
                    sig("passive", Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, "circuit breaker open"));
            assertThat(v.snapshot().cause()).isEqualTo(Cause.OVERLOADED);
        }

        @Test
        void extraProbesAreOpinionsLikeTheEndpoint() {
            Verdict v = start(Hysteresis.defaults(), endpointOk(), controlOk());
            v = step(v, endpointOk(), controlOk(), sig("queue", Health.PARTIAL_OUTAGE, Cause.OTHER, "backlog"));
            assertThat(v.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            v = step(v, endpointOk(), controlOk(), sig("queue", Health.PARTIAL_OUTAGE, Cause.OTHER, "backlog"));
            assertThat(v.snapshot().health()).isEqualTo(Health.PARTIAL_OUTAGE);
            assertThat(v.snapshot().summary()).contains("queue backlog");
        }
    }

    @Nested
    class Confidence {

        @Test
        void everySourceAgreeingIsFullConfidence() {
            assertThat(start(Hysteresis.none(), endpointOk(), officialGreen(), controlOk()).snapshot().confidence())
                    .isEqualTo(1.0);
        }

        @Test
        void aSilentSourceLowersIt() {
            assertThat(start(Hysteresis.none(), endpointOk(), officialSilent(), controlOk()).snapshot().confidence())
                    .isEqualTo(0.75);
        }

        @Test
        void disagreementHalvesIt() {
            assertThat(start(Hysteresis.none(), endpoint503(), officialGreen(), controlOk()).snapshot().confidence())
                    .isEqualTo(0.5);
        }

        @Test
        void noEvidenceIsZero() {
            StatusSnapshot s = start(Hysteresis.none(), officialSilent()).snapshot();
            assertThat(s.health()).isEqualTo(Health.UNKNOWN);
            assertThat(s.cause()).isEqualTo(Cause.SOURCE_UNAVAILABLE);
            assertThat(s.confidence()).isZero();
        }
    }

    @Nested
    class SnapshotContent {

        @Test
        void carriesComponentsIncidentsNextMaintenanceAndTheLongestRetryAfter() {
            Instant t = now.plusSeconds(15);
            Incident incident = new Incident("inc1", "character.ai", t.minusSeconds(600), Optional.empty(),
                    Health.PARTIAL_OUTAGE, Cause.OFFICIAL_INCIDENT, "chat errors", Source.OFFICIAL, false, List.of(),
                    Optional.empty());
            Incident later = maintenance("m-late", t.plusSeconds(7200));
            Incident sooner = maintenance("m-soon", t.plusSeconds(3600));
            Incident done = new Incident("m-done", "character.ai", t.minusSeconds(7200),
                    Optional.of(t.minusSeconds(3600)), Health.MAINTENANCE, Cause.MAINTENANCE, "done",
                    Source.OFFICIAL, true, List.of(), Optional.empty());
            ComponentStatus chat = new ComponentStatus("c1", "Chat", Optional.empty(), Health.PARTIAL_OUTAGE,
                    "partial_outage");
            OfficialStatus page = new OfficialStatus("minor", "Partial System Outage", List.of(chat),
                    List.of(incident), List.of(later, done, sooner), Optional.empty());
            Signal official = sig("official", Health.PARTIAL_OUTAGE, Cause.OFFICIAL_INCIDENT, "minor")
                    .withOfficial(page).withRetryAfter(Duration.ofSeconds(30));
            Signal endpoint = endpointOk().withRetryAfter(Duration.ofSeconds(120));

            StatusSnapshot s = start(Hysteresis.defaults(), endpoint, official, controlOk()).snapshot();

            assertThat(s.components()).containsExactly(chat);
            assertThat(s.incidents()).containsExactly(incident);
            assertThat(s.nextMaintenance()).contains(sooner);
            assertThat(s.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(s.signals()).extracting(Signal::probe).containsExactly("official", "endpoint", "control");
        }

        @Test
        void aRepeatedSignalAsksOnlyForWhatIsLeftOfItsWait() {
            Signal limited = endpointOk().withRetryAfter(Duration.ofSeconds(120));
            Verdict v = start(Hysteresis.defaults(), limited);
            Signal same = v.snapshot().signal("endpoint").orElseThrow();
            Instant later = same.observedAt().plusSeconds(100);
            assertThat(v.next(List.of(same), later).snapshot().retryAfter()).contains(Duration.ofSeconds(20));
            assertThat(v.next(List.of(same), later.plusSeconds(30)).snapshot().retryAfter()).isEmpty();
        }

        private Incident maintenance(String id, Instant start) {
            return new Incident(id, "character.ai", start, Optional.of(start.plusSeconds(3600)), Health.MAINTENANCE,
                    Cause.MAINTENANCE, "planned", Source.OFFICIAL, true, List.of(), Optional.empty());
        }
    }
}
