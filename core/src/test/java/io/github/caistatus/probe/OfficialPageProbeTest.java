package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.caistatus.probe.ProbeFixtures.NOW;
import static io.github.caistatus.probe.Summaries.component;
import static io.github.caistatus.probe.Summaries.incident;
import static io.github.caistatus.probe.Summaries.maintenance;
import static io.github.caistatus.probe.Summaries.operational;
import static io.github.caistatus.probe.Summaries.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.OfficialStatus;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import io.github.caistatus.internal.http.HttpProbeConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the official page probe reads a Statuspage v2 summary: indicator, components, incidents, maintenances. */
class OfficialPageProbeTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static void serve(JSONObject summary) {
        wm.stubFor(get("/api/v2/summary.json").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(summary.toString())));
    }

    private Signal probe() {
        HttpProbeConfig cfg = ProbeFixtures.config();
        return new OfficialPageProbe(ProbeFixtures.uri(wm, "/api/v2/summary.json"), cfg.newHttpClient(), cfg, clock)
                .probe();
    }

    private static OfficialStatus official(Signal s) {
        assertThat(s.official()).as("official content attached").isPresent();
        return s.official().get();
    }

    // --- indicator ---

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
        "none,        OPERATIONAL,    NONE",
        "minor,       DEGRADED,       OFFICIAL_INCIDENT",
        "major,       PARTIAL_OUTAGE, OFFICIAL_INCIDENT",
        "critical,    MAJOR_OUTAGE,   OFFICIAL_INCIDENT",
        "maintenance, MAINTENANCE,    MAINTENANCE",
    })
    void indicatorMapsToHealthAndCause(String indicator, Health health, Cause cause) {
        serve(summary(indicator, "Described"));

        Signal s = probe();

        assertThat(s.probe()).isEqualTo(OfficialPageProbe.NAME);
        assertThat(s.health()).isEqualTo(health);
        assertThat(s.cause()).isEqualTo(cause);
        assertThat(official(s).indicator()).isEqualTo(indicator);
    }

    @Test
    void descriptionAndUpdatedAtAreRead() {
        serve(summary("minor", "Partially Degraded Service"));

        Signal s = probe();

        assertThat(official(s).description()).isEqualTo("Partially Degraded Service");
        assertThat(official(s).updatedAt()).contains(Instant.parse("2026-07-01T11:58:00.123Z"));
        assertThat(s.detail()).startsWith("Partially Degraded Service (indicator minor)");
        assertThat(s.observedAt()).isEqualTo(NOW);
    }

    @Test
    void anUnknownIndicatorIsUnknownAndNamedWithoutFailingTheRead() {
        serve(summary("purple", "Something new"));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).startsWith("unknown indicator \"purple\"");
        assertThat(official(s).indicator()).isEqualTo("purple");
    }

    @Test
    void anUnknownIndicatorDoesNotHideAComponentInMajorOutage() {
        JSONObject doc = summary("purple", "Something new");
        doc.getJSONArray("components").put(component("c1", "Chat", "major_outage"));
        serve(doc);

        assertThat(probe().health()).isEqualTo(Health.MAJOR_OUTAGE);
    }

    // --- components ---

    @ParameterizedTest(name = "{0} -> {1}, service {2}")
    @CsvSource({
        "operational,          OPERATIONAL,    OPERATIONAL",
        "degraded_performance, DEGRADED,       DEGRADED",
        "partial_outage,       PARTIAL_OUTAGE, PARTIAL_OUTAGE",
        "major_outage,         MAJOR_OUTAGE,   PARTIAL_OUTAGE",
        "under_maintenance,    MAINTENANCE,    PARTIAL_OUTAGE",
    })
    void componentStatusMapsToHealthAndAComponentNotCarryingChatIsAtMostAPartialOutage(String status,
                                                                                      Health health,
                                                                                      Health service) {
        JSONObject doc = operational();
        doc.getJSONArray("components").put(component("c1", "Chat", "operational"))
                .put(component("c2", "Image generation", status));
        serve(doc);

        Signal s = probe();

        ComponentStatus c2 = official(s).components().get(1);
        assertThat(c2.name()).isEqualTo("Image generation");
        assertThat(c2.health()).isEqualTo(health);
        assertThat(c2.rawStatus()).isEqualTo(status);
        assertThat(s.health()).isEqualTo(service);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "degraded_performance, DEGRADED",
        "partial_outage,       PARTIAL_OUTAGE",
        "major_outage,         MAJOR_OUTAGE",
        "under_maintenance,    MAINTENANCE",
    })
    void theChatComponentsStateIsTheServicesState(String status, Health health) {
        JSONObject doc = operational();
        doc.getJSONArray("components").put(component("c1", "chat", status))
                .put(component("c2", "Image generation", "operational"));
        serve(doc);

        assertThat(probe().health()).isEqualTo(health);
    }

    @Test
    void anUnknownComponentStatusIsKeptRawAndHasNoSayOnTheSignal() {
        JSONObject doc = operational();
        doc.getJSONArray("components").put(component("c1", "Chat", "sleeping"));
        serve(doc);

        Signal s = probe();

        ComponentStatus c = official(s).components().get(0);
        assertThat(c.health()).isEqualTo(Health.UNKNOWN);
        assertThat(c.rawStatus()).isEqualTo("sleeping");
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void membersNameTheirGroupAndGroupsHaveNone() {
        JSONObject doc = operational();
        doc.getJSONArray("components")
                .put(component("g1", "Website", "partial_outage").put("group", true))
                .put(component("c1", "Chat", "partial_outage").put("group_id", "g1"))
                .put(component("c2", "API", "operational"));
        serve(doc);

        Signal s = probe();

        assertThat(official(s).components()).extracting(ComponentStatus::name, ComponentStatus::group)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Website", Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("Chat", Optional.of("Website")),
                        org.assertj.core.groups.Tuple.tuple("API", Optional.empty()));
    }

    // --- incidents ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"investigating", "identified", "monitoring"})
    void anUnresolvedIncidentIsListedAndCounts(String status) {
        JSONObject doc = summary("minor", "Minor Service Outage");
        doc.getJSONArray("incidents").put(incident("i1", "Elevated errors on chat", status, "major"));
        serve(doc);

        Signal s = probe();

        assertThat(official(s).incidents()).extracting(Incident::id).containsExactly("i1");
        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.OFFICIAL_INCIDENT);
        assertThat(s.detail()).contains("1 incident");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resolved", "postmortem"})
    void aResolvedIncidentHasNoSayOnNow(String status) {
        JSONObject doc = operational();
        doc.getJSONArray("incidents").put(incident("i1", "Elevated errors on chat", status, "critical"));
        serve(doc);

        Signal s = probe();

        assertThat(official(s).incidents()).isEmpty();
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "none,     OPERATIONAL",
        "minor,    DEGRADED",
        "major,    PARTIAL_OUTAGE",
        "critical, MAJOR_OUTAGE",
        "cosmic,   UNKNOWN",
    })
    void incidentImpactMapsToItsHealth(String impact, Health health) {
        JSONObject doc = operational();
        doc.getJSONArray("incidents").put(incident("i1", "Chat errors", "investigating", impact));
        serve(doc);

        Signal s = probe();

        assertThat(official(s).incidents().get(0).health()).isEqualTo(health);
        assertThat(s.health()).isEqualTo(health == Health.UNKNOWN ? Health.OPERATIONAL : health);
    }

    @Test
    void anIncidentIsReadWithItsStartLinkAndStagesOldestFirst() {
        JSONObject doc = summary("minor", "Minor Service Outage");
        doc.getJSONArray("incidents").put(incident("i1", "  Elevated   errors\non chat ", "identified", "minor"));
        serve(doc);

        Incident i = official(probe()).incidents().get(0);

        assertThat(i.summary()).isEqualTo("Elevated errors on chat");
        assertThat(i.start()).isEqualTo(Instant.parse("2026-07-01T17:00:00Z"));
        assertThat(i.end()).isEmpty();
        assertThat(i.source()).isEqualTo(Source.OFFICIAL);
        assertThat(i.cause()).isEqualTo(Cause.OFFICIAL_INCIDENT);
        assertThat(i.scheduled()).isFalse();
        assertThat(i.link()).contains("https://stspg.io/abc");
        assertThat(i.updates()).extracting(IncidentUpdate::stage)
                .containsExactly(Stage.INVESTIGATING, Stage.IDENTIFIED);
        assertThat(i.updates()).extracting(IncidentUpdate::note).containsExactly("investigating", "identified");
    }

    @Test
    void anIncidentWithoutStartedAtStartsWhenItWasCreated() {
        JSONObject doc = summary("minor", "Minor Service Outage");
        JSONObject inc = incident("i1", "Chat errors", "investigating", "minor");
        inc.remove("started_at");
        doc.getJSONArray("incidents").put(inc);
        serve(doc);

        Incident i = official(probe()).incidents().get(0);

        assertThat(i.start()).isEqualTo(Instant.parse("2026-07-01T17:05:00Z"));
    }

    @Test
    void anIncidentWithoutAnyDateIsSkippedNotFatal() {
        JSONObject doc = summary("minor", "Minor Service Outage");
        JSONObject broken = incident("i1", "Chat errors", "investigating", "minor");
        broken.remove("started_at");
        broken.put("created_at", "yesterday-ish");
        doc.getJSONArray("incidents").put(broken).put(incident("i2", "Login errors", "identified", "minor"));
        serve(doc);

        Signal s = probe();

        assertThat(official(s).incidents()).extracting(Incident::id).containsExactly("i2");
        assertThat(s.health()).isEqualTo(Health.DEGRADED);
    }

    // --- scheduled maintenances ---

    @Test
    void aScheduledMaintenanceIsListedButDoesNotChangeNow() {
        JSONObject doc = operational();
        doc.getJSONArray("scheduled_maintenances").put(maintenance("m1", "scheduled"));
        serve(doc);

        Signal s = probe();

        Incident m = official(s).maintenances().get(0);
        assertThat(m.scheduled()).isTrue();
        assertThat(m.health()).isEqualTo(Health.MAINTENANCE);
        assertThat(m.cause()).isEqualTo(Cause.MAINTENANCE);
        assertThat(m.start()).isEqualTo(Instant.parse("2026-07-01T17:00:00Z"));
        assertThat(m.end()).contains(Instant.parse("2026-07-01T18:00:00Z"));
        assertThat(m.updates()).extracting(IncidentUpdate::stage).containsExactly(Stage.SCHEDULED);
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        assertThat(s.detail()).contains("1 maintenance(s) scheduled");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in_progress", "verifying"})
    void aRunningMaintenanceMakesTheSignalMaintenance(String status) {
        JSONObject doc = operational();
        doc.getJSONArray("scheduled_maintenances").put(maintenance("m1", status));
        serve(doc);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAINTENANCE);
        assertThat(s.cause()).isEqualTo(Cause.MAINTENANCE);
        assertThat(s.detail()).contains("maintenance in progress");
        assertThat(official(s).maintenances()).hasSize(1);
    }

    @Test
    void aCompletedMaintenanceIsLeftOut() {
        JSONObject doc = operational();
        doc.getJSONArray("scheduled_maintenances").put(maintenance("m1", "completed"));
        serve(doc);

        Signal s = probe();

        assertThat(official(s).maintenances()).isEmpty();
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void theWorstOfIndicatorComponentsAndIncidentsWins() {
        JSONObject doc = summary("minor", "Minor Service Outage");
        doc.getJSONArray("components").put(component("c1", "Chat", "degraded_performance"));
        doc.getJSONArray("incidents").put(incident("i1", "Chat down", "identified", "critical"));
        serve(doc);

        assertThat(probe().health()).isEqualTo(Health.MAJOR_OUTAGE);
    }
}
