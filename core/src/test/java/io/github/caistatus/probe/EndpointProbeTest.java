package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.caistatus.probe.ProbeFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.HttpProbeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the endpoint probe classifies each kind of answer from the health route. */
class EndpointProbeTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String WAITING_ROOM = "<!DOCTYPE html><html><head>"
            + "<title>character.ai | Waiting Room powered by Cloudflare</title></head>"
            + "<body><h1>You are now in line.</h1></body></html>";
    private static final String CHALLENGE = "<!DOCTYPE html><html lang=\"en-US\"><head>"
            + "<title>Just a moment...</title></head><body>Checking your browser</body></html>";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Signal probe(HttpProbeConfig cfg) {
        return new EndpointProbe(ProbeFixtures.uri(wm, "/health"), cfg.newHttpClient(), cfg, clock).probe();
    }

    private Signal probe() {
        return probe(ProbeFixtures.config());
    }

    private static void answer(int status, String body) {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void healthy200IsOperationalWithStatusAndLatencyInTheDetail() {
        answer(200, "{\"redis\":\"UP\"}");

        Signal s = probe();

        assertThat(s.probe()).isEqualTo(EndpointProbe.NAME);
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        assertThat(s.cause()).isEqualTo(Cause.NONE);
        assertThat(s.detail()).matches("HTTP 200 in \\d+ ms");
        assertThat(s.observedAt()).isEqualTo(NOW);
        assertThat(s.retryAfter()).isEmpty();
    }

    @Test
    void htmlOnA2xxHealthRouteIsStillOperationalBecauseOnlyTheStatusMatters() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(204).withHeader("Content-Type", "text/html")
                .withBody("<html><title>ok</title></html>")));

        assertThat(probe().health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void a2xxSlowerThanTheThresholdIsDegradedSlow() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(800)));

        Signal s = probe(ProbeFixtures.config().withSlowThreshold(Duration.ofMillis(200)));

        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.cause()).isEqualTo(Cause.SLOW);
        assertThat(s.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(s.detail()).contains("slower than 200 ms");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 202, 429})
    void cloudflareWaitingRoomPageIsDegradedOverloaded(int status) {
        answer(status, WAITING_ROOM);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.cause()).isEqualTo(Cause.OVERLOADED);
        assertThat(s.detail()).contains("waiting room").contains("HTTP " + status);
    }

    @Test
    void plain429IsDegradedOverloaded() {
        answer(429, "slow down");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.cause()).isEqualTo(Cause.OVERLOADED);
        assertThat(s.detail()).startsWith("HTTP 429");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorIsMajorOutage(int status) {
        answer(status, "<html>Internal Error</html>");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.SERVER_ERROR);
        assertThat(s.detail()).startsWith("HTTP " + status);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {520, 521, 522, 523, 524, 525, 526})
    void cloudflareOriginErrorIsMajorOutageNamingTheCloudflareError(int status) {
        answer(status, "error code: " + status);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.SERVER_ERROR);
        assertThat(s.detail()).startsWith("Cloudflare " + status + ": ");
    }

    @Test
    void cloudflare524SaysTheOriginTimedOut() {
        answer(524, "");

        assertThat(probe().detail()).isEqualTo("Cloudflare 524: the origin timed out (HTTP 524)");
    }

    @Test
    void neoErrorInsideA200IsPartialOutageApplicationError() {
        answer(200, "{\"command\":\"neo_error\",\"comment\":\"internal error\"}");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.APPLICATION_ERROR);
        assertThat(s.detail()).contains("neo_error");
    }

    @Test
    void aJsonBodyMentioningNeoErrorElsewhereIsNotAnApplicationError() {
        answer(200, "{\"command\":\"status\",\"note\":\"neo_error is a word\"}");

        assertThat(probe().health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void cloudflareChallengePageIsBlockedNotAnOutage() {
        answer(503, CHALLENGE);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.BLOCKED);
        assertThat(s.detail()).contains("challenge").contains("not an outage");
    }

    @Test
    void cfMitigatedChallengeHeaderIsBlocked() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withHeader("cf-mitigated", "challenge")
                .withBody("{}")));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.BLOCKED);
    }

    @Test
    void plain403IsBlocked() {
        answer(403, "Forbidden");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.BLOCKED);
        assertThat(s.detail()).startsWith("HTTP 403").contains("not an outage");
    }

    @Test
    void cloudflareError1020IsBlockedAndNamed() {
        answer(403, "error code: 1020");

        Signal s = probe();

        assertThat(s.cause()).isEqualTo(Cause.BLOCKED);
        assertThat(s.detail()).contains("1020");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 404, 410})
    void otherClientErrorsAreUnknownWithoutBlamingTheService(int status) {
        answer(status, "nope");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.OTHER);
        assertThat(s.detail()).startsWith("HTTP " + status);
    }

    @Test
    void sendsTheCaiStatusUserAgent() {
        answer(200, "{}");

        probe();

        wm.verify(getRequestedFor(urlEqualTo("/health")).withHeader("User-Agent", matching("cai-status/\\S+")));
    }

    @Test
    void aConfiguredUserAgentReplacesTheDefault() {
        answer(200, "{}");

        probe(ProbeFixtures.config().withUserAgent("my-bot/1.0 (+ops@example.com)"));

        wm.verify(getRequestedFor(urlEqualTo("/health"))
                .withHeader("User-Agent", matching("my-bot/1\\.0 \\(\\+ops@example\\.com\\)")));
    }
    // --- the body of a 2xx counts (issue 8, point 2) ---

    @Test
    void aDependencyReportedDownIsAPartialOutageNotOperational() {
        answer(200, "{\"redis\":\"DOWN\",\"db\":\"UP\"}");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.APPLICATION_ERROR);
        assertThat(s.detail()).isEqualTo("HTTP 200 but the health route reports redis DOWN");
    }

    @Test
    void aSpringStyleStatusDownIsAMajorOutageEvenOn200() {
        answer(200, "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"},"
                + "\"ping\":{\"status\":\"UP\"}}}");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.SERVER_ERROR);
        assertThat(s.detail()).isEqualTo("HTTP 200 but the health route reports status DOWN");
    }

    @Test
    void aNestedComponentDownUnderAnUpStatusIsNamed() {
        answer(200, "{\"status\":\"UP\",\"components\":{\"redis\":{\"status\":\"OUT_OF_SERVICE\"}}}");

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(s.detail()).contains("components.redis DOWN");
    }

    @Test
    void aCaptivePortalLoginPageOn200IsUnknownNeverOperationalNorDown() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>Hotel Wi-Fi \u001b[31mLogin</title></head>"
                        + "<body><form>Room number</form></body></html>")));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).startsWith("HTTP 200 with an HTML page titled \"Hotel Wi-Fi [31mLogin\"")
                .contains("no evidence either way")
                .doesNotContain("\u001b");
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"OK", "", "{\"redis\":\"UP\"} trailing", "{\"redis\":\"UP\"}{\"redis\":\"UP\"}", "[1]"})
    void a2xxThatIsNotOneJsonObjectIsUnknown(String body) {
        answer(200, body);

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).startsWith("HTTP 200 with ");
    }

    @Test
    void aByteOrderMarkBeforeTheJsonIsTolerated() {
        answer(200, "\uFEFF{\"redis\":\"UP\"}");

        assertThat(probe().health()).isEqualTo(Health.OPERATIONAL);
    }
}
