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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.HttpProbeConfig;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, points 3-5: the scope of a component's trouble, a page that stays readable around a bad entry, and a
 * deleted page read as a dead source that comes back by itself.
 */
class OfficialPageScopeTest {

    private static final String PATH = "/api/v2/summary.json";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HttpProbeConfig cfg = ProbeFixtures.config();

    private static void serveRaw(String body) {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void serve(JSONObject summary) {
        serveRaw(summary.toString());
    }

    private OfficialPageProbe probe(Set<String> chat) {
        return new OfficialPageProbe(ProbeFixtures.uri(wm, PATH), cfg.newHttpClient(), cfg, clock, chat);
    }

    private Signal probe() {
        return new OfficialPageProbe(ProbeFixtures.uri(wm, PATH), cfg.newHttpClient(), cfg, clock).probe();
    }

    private static JSONObject regions(String... statuses) {
        JSONObject doc = summary("minor", "Partially Degraded Service");
        String[] names = {"US East", "US West", "EU West", "Asia Pacific"};
        for (int i = 0; i < statuses.length; i++) {
            doc.getJSONArray("components").put(component("r" + i, names[i], statuses[i]));
        }
        return doc;
    }

    // --- point 3: scope ---

    @Test
    void oneRegionOfManyUnderMaintenanceIsNotTheWholeServiceUnderMaintenance() {
        serve(regions("operational", "operational", "under_maintenance", "operational"));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.health().isUsable()).isTrue();
        assertThat(s.detail()).contains("not carrying chat: EU West");
    }

    @Test
    void everyRegionUnderMaintenanceIsTheWholeServiceUnderMaintenance() {
        serve(regions("under_maintenance", "under_maintenance", "under_maintenance", "under_maintenance"));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAINTENANCE);
        assertThat(s.cause()).isEqualTo(Cause.MAINTENANCE);
    }

    @Test
    void aMaintenanceInProgressOfAComponentNotCarryingChatDoesNotStopChat() {
        JSONObject doc = summary("minor", "Minor Service Outage");
        doc.getJSONArray("components").put(component("c1", "Chat", "operational"))
                .put(component("c2", "Image generation", "operational"));
        doc.getJSONArray("scheduled_maintenances").put(maintenance("m1", "in_progress")
                .put("components", new JSONArray().put(component("c2", "Image generation", "under_maintenance"))));
        serve(doc);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.detail()).contains("maintenance of Image generation");
    }

    @Test
    void aMaintenanceInProgressOfTheChatComponentOrOfNoneNamedIsTheServicesMaintenance() {
        JSONObject doc = summary("minor", "Minor Service Outage");
        doc.getJSONArray("components").put(component("c1", "Chat", "operational"));
        doc.getJSONArray("scheduled_maintenances")
                .put(maintenance("m1", "in_progress")
                        .put("components", new JSONArray().put(component("c1", "Chat", "under_maintenance"))));
        serve(doc);
        assertThat(probe().health()).isEqualTo(Health.MAINTENANCE);

        doc.getJSONArray("scheduled_maintenances").getJSONObject(0).put("components", new JSONArray());
        serve(doc);
        assertThat(probe().health()).isEqualTo(Health.MAINTENANCE);
    }

    @Test
    void theChatComponentsAreConfigurableAndMatchedIgnoringCase() {
        JSONObject doc = summary("minor", "Partially Degraded Service");
        doc.getJSONArray("components").put(component("c1", "Messaging", "under_maintenance"))
                .put(component("c2", "Chat", "operational"));
        serve(doc);

        assertThat(probe().health()).as("default: Messaging does not carry chat").isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(probe(Set.of("MESSAGING")).probe().health()).isEqualTo(Health.MAINTENANCE);
    }

    @Test
    void aComponentInAChatGroupCarriesChat() {
        JSONObject doc = summary("minor", "Partially Degraded Service");
        doc.getJSONArray("components").put(component("g1", "Chat", "operational").put("group", true))
                .put(component("c1", "Chat EU", "major_outage").put("group_id", "g1"));
        serve(doc);

        assertThat(probe().health()).isEqualTo(Health.MAJOR_OUTAGE);
    }

    @Test
    void anEmptyOrBlankChatComponentSetIsRefused() {
        assertThatThrownBy(() -> probe(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> probe(Set.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMaintenanceWhoseWindowIsOverIsNotNext() {
        JSONObject doc = operational();
        doc.getJSONArray("scheduled_maintenances")
                .put(maintenance("past", "scheduled").put("scheduled_for", "2026-07-01T08:00:00Z")
                        .put("scheduled_until", "2026-07-01T09:00:00Z"))
                .put(maintenance("future", "scheduled"));
        serve(doc);

        Signal s = probe();

        assertThat(s.official().orElseThrow().maintenances()).extracting(Incident::id).containsExactly("future");
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
    }

    // --- point 4: one bad entry never drops the page ---

    @Test
    void aCriticalPageWithOneMalformedComponentIdStillReadsAsAnOutage() {
        JSONObject doc = summary("critical", "Major System Outage");
        doc.getJSONArray("components").put(new JSONObject().put("id", 42).put("name", "Chat")
                .put("status", "major_outage")).put(component("c2", "Website", "operational"));
        serve(doc);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.official().orElseThrow().components()).extracting(ComponentStatus::id).containsExactly("c2");
        assertThat(s.detail()).contains("1 malformed entry skipped");
    }

    @Test
    void wrongTypesInIncidentsAndUpdatesSkipThoseEntriesOnly() {
        JSONObject doc = summary("major", "Partial System Outage");
        JSONObject good = incident("i1", "Elevated errors", "investigating", "major");
        good.getJSONArray("incident_updates").put(new JSONObject().put("status", "identified")
                .put("display_at", 12345));
        doc.getJSONArray("incidents")
                .put(good)
                .put(incident("i2", "Broken", "investigating", "critical").put("incident_updates", new JSONObject()))
                .put(incident("i3", "Bad name", "investigating", "minor").put("name", new JSONArray()))
                .put("not an object");
        doc.getJSONArray("components").put(component("c1", "Chat", "partial_outage").put("group", "yes"))
                .put(component("c2", "API", "partial_outage"));
        serve(doc);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.official().orElseThrow().incidents()).extracting(Incident::id).containsExactly("i1");
        assertThat(s.official().orElseThrow().incidents().get(0).updates()).hasSize(2);
        assertThat(s.official().orElseThrow().components()).extracting(ComponentStatus::id).containsExactly("c2");
        assertThat(s.detail()).contains("5 malformed entries skipped");
    }

    @Test
    void anObjectWhereTheComponentListShouldBeKeepsTheRestOfThePage() {
        JSONObject doc = summary("critical", "Major System Outage").put("components", new JSONObject());
        doc.getJSONArray("incidents").put(incident("i1", "Chat down", "identified", "critical"));
        serve(doc);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.official().orElseThrow().incidents()).hasSize(1);
    }

    @Test
    void aByteOrderMarkIsTolerated() {
        serveRaw("\uFEFF" + summary("major", "Partial System Outage"));

        assertThat(probe().health()).isEqualTo(Health.PARTIAL_OUTAGE);
    }

    @Test
    void trailingGarbageIsAnInvalidAnswerNotTheFirstDocument() {
        serveRaw(summary("none", "All Systems Operational") + " <html>oops</html>");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).contains("followed by more data");
    }

    @Test
    void twoConcatenatedDocumentsAreAnInvalidAnswer() {
        serveRaw(summary("none", "All Systems Operational").toString() + summary("critical", "Major"));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
    }

    @Test
    void controlCharactersFromThePageNeverReachTheDetailOrTheContent() {
        JSONObject doc = summary("minor", "Degraded\u001b[2J\u001b]0;pwned\u0007 \u202Eservice\r\nnow");
        doc.getJSONArray("components").put(component("c1", "Ch\u0000at\u009b", "degraded_performance"));
        doc.getJSONArray("incidents").put(incident("i1", "Errors\u001b[31m red", "investigating", "minor"));
        serve(doc);

        Signal s = probe();

        assertThat(s.detail()).doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
        assertThat(s.detail()).startsWith("Degraded[2J]0;pwned service now");
        assertThat(s.official().orElseThrow().components().get(0).name()).isEqualTo("Chat");
        assertThat(s.official().orElseThrow().incidents().get(0).summary()).isEqualTo("Errors[31m red");
        assertThat(s.official().orElseThrow().description()).doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
    }

    // --- point 5: a deleted page ---

    @Test
    void aRedirectToThePageDeletedPageIsADeadSourceAndAReturningPageIsReadAgain() {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(302).withHeader("Location", "/page-deleted")));
        wm.stubFor(get("/page-deleted").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><head><title>Page deleted</title></head>"
                        + "<body>This page has been deleted.</body></html>")));
        OfficialPageProbe probe = probe(OfficialPageProbe.DEFAULT_CHAT_COMPONENTS);

        Signal gone = probe.probe();

        assertThat(gone.health()).isEqualTo(Health.UNKNOWN);
        assertThat(gone.cause()).isEqualTo(Cause.SOURCE_UNAVAILABLE);
        assertThat(gone.detail()).startsWith("status page deleted: redirected to ").contains("/page-deleted");
        assertThat(gone.official()).isEmpty();

        serve(summary("critical", "Major System Outage"));

        Signal back = probe.probe();

        assertThat(back.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(back.official()).isPresent();
    }
}
