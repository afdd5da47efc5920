package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.caistatus.probe.ProbeFixtures.MARGIN;
import static io.github.caistatus.probe.ProbeFixtures.NOW;
import static io.github.caistatus.probe.ProbeFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.HttpProbeConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A dead, broken or unreachable official page has no opinion, and is believed again once it answers. */
class OfficialPageFailuresTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PATH = "/api/v2/summary.json";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private OfficialPageProbe probe(HttpProbeConfig cfg) {
        return new OfficialPageProbe(ProbeFixtures.uri(wm, PATH), cfg.newHttpClient(), cfg, clock);
    }

    private Signal probeOnce() {
        return probe(ProbeFixtures.config()).probe();
    }

    private static void answer(int status, String contentType, String body) {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(body)));
    }

    private static void assertNoOpinion(Signal s, Cause cause) {
        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(cause);
        assertThat(s.official()).isEmpty();
    }

    @Test
    void anInactivePageIsASourceWithoutOpinion() {
        answer(401, "text/plain", "Your page is inactive");

        Signal s = probeOnce();

        assertNoOpinion(s, Cause.SOURCE_UNAVAILABLE);
        assertThat(s.detail()).isEqualTo("status page inactive (HTTP 401)");
    }

    @Test
    void theSameProbeIsBelievedAgainWhenThePageComesBack() {
        answer(401, "text/plain", "Your page is inactive");
        OfficialPageProbe probe = probe(ProbeFixtures.config());
        Signal dead = probe.probe();
        answer(200, "application/json", Summaries.summary("major", "Partial System Outage").toString());

        Signal back = probe.probe();

        assertThat(dead.health()).isEqualTo(Health.UNKNOWN);
        assertThat(back.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(back.cause()).isEqualTo(Cause.OFFICIAL_INCIDENT);
        assertThat(back.official()).isPresent();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {403, 404, 429, 500, 503})
    void anyOtherErrorStatusIsASourceWithoutOpinion(int status) {
        answer(status, "text/plain", "nope");

        Signal s = probeOnce();

        assertNoOpinion(s, Cause.SOURCE_UNAVAILABLE);
        assertThat(s.detail()).isEqualTo("status page unavailable (HTTP " + status + ")");
    }

    @Test
    void htmlWhereJsonWasExpectedIsAnInvalidResponse() {
        answer(200, "text/html", "<!DOCTYPE html><html><head><title>Character.AI Status</title></head></html>");

        Signal s = probeOnce();

        assertNoOpinion(s, Cause.INVALID_RESPONSE);
        assertThat(s.detail()).contains("HTML where JSON was expected");
    }

    @Test
    void malformedJsonIsAnInvalidResponse() {
        answer(200, "application/json", "{\"status\": {\"indicator\": \"none\", ");

        Signal s = probeOnce();

        assertNoOpinion(s, Cause.INVALID_RESPONSE);
        assertThat(s.detail()).isEqualTo("status page answered malformed JSON");
    }

    @Test
    void jsonThatIsNotASummaryIsAnInvalidResponse() {
        answer(200, "application/json", "{\"hello\":\"world\"}");

        Signal s = probeOnce();

        assertNoOpinion(s, Cause.INVALID_RESPONSE);
        assertThat(s.detail()).contains("not a Statuspage summary");
    }

    @Test
    void anOversizedSummaryIsAnInvalidResponse() {
        answer(200, "application/json", "{\"pad\":\"" + "x".repeat(200_000) + "\"}");

        Signal s = probe(ProbeFixtures.config().withMaxBodyBytes(64 * 1024)).probe();

        assertNoOpinion(s, Cause.INVALID_RESPONSE);
        assertThat(s.detail()).isEqualTo("status page: body larger than 64 KiB");
    }

    @Test
    void anUnreachablePageIsANetworkFailureWithoutOpinion() throws Exception {
        HttpProbeConfig cfg = ProbeFixtures.config();
        URI refused = URI.create("http://127.0.0.1:" + ProbeFixtures.closedPort() + PATH);

        Signal s = new OfficialPageProbe(refused, cfg.newHttpClient(), cfg, clock).probe();

        assertNoOpinion(s, Cause.NETWORK);
        assertThat(s.detail()).startsWith("status page unreachable: connection refused");
    }

    @Test
    void aStalledPageEndsAtTheTimeoutWithoutOpinion() {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody("{}")
                .withFixedDelay((int) TIMEOUT.plusSeconds(5).toMillis())));

        long t0 = System.nanoTime();
        Signal s = probeOnce();

        assertNoOpinion(s, Cause.NETWORK);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plus(MARGIN));
    }

    @Test
    void aResetConnectionIsANetworkFailureWithoutOpinion() {
        wm.stubFor(get(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertNoOpinion(probeOnce(), Cause.NETWORK);
    }

    @Test
    void theRedirectToTheProvidersHostIsFollowed() {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/provider" + PATH)));
        wm.stubFor(get("/provider" + PATH).willReturn(aResponse().withStatus(200)
                .withBody(Summaries.summary("critical", "Major System Outage").toString())));

        assertThat(probeOnce().health()).isEqualTo(Health.MAJOR_OUTAGE);
    }

    @Test
    void a304KeepsTheOfficialContentAttached() {
        wm.stubFor(get(PATH).atPriority(5).willReturn(aResponse().withStatus(200).withHeader("ETag", "W/\"s1\"")
                .withBody(Summaries.summary("minor", "Partially Degraded Service").toString())));
        wm.stubFor(get(PATH).atPriority(1).withHeader("If-None-Match", equalTo("W/\"s1\""))
                .willReturn(aResponse().withStatus(304)));
        OfficialPageProbe probe = probe(ProbeFixtures.config());
        probe.probe();

        Signal again = probe.probe();

        assertThat(again.health()).isEqualTo(Health.DEGRADED);
        assertThat(again.official()).map(o -> o.description()).contains("Partially Degraded Service");
        assertThat(again.detail()).endsWith("(HTTP 304, not modified)");
    }
}
