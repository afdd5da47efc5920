package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.caistatus.probe.ProbeFixtures.MARGIN;
import static io.github.caistatus.probe.ProbeFixtures.NOW;
import static io.github.caistatus.probe.ProbeFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

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

/** Any HTTP answer proves our network works; only no answer at all points at our own network. */
class ControlProbeTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Signal probe(URI uri, HttpProbeConfig cfg) {
        return new ControlProbe(uri, cfg.newHttpClient(), cfg, clock).probe();
    }

    private Signal probe() {
        return probe(ProbeFixtures.uri(wm, "/api/v2/status.json"), ProbeFixtures.config());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 401, 404, 500, 503})
    void anyHttpAnswerMeansOurNetworkWorks(int status) {
        wm.stubFor(get("/api/v2/status.json").willReturn(aResponse().withStatus(status).withBody("whatever")));

        Signal s = probe();

        assertThat(s.probe()).isEqualTo(ControlProbe.NAME);
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        assertThat(s.cause()).isEqualTo(Cause.NONE);
        assertThat(s.detail()).startsWith("our network works: HTTP " + status);
    }

    @Test
    void aRedirectIsAnAnswerAndIsNotFollowed() {
        wm.stubFor(get("/api/v2/status.json").willReturn(aResponse().withStatus(302).withHeader("Location", "/x")));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void aBodyOverTheCapStillProvesTheNetwork() {
        wm.stubFor(get("/api/v2/status.json").willReturn(aResponse().withStatus(200).withBody("z".repeat(10_000))));

        Signal s = probe(ProbeFixtures.uri(wm, "/api/v2/status.json"), ProbeFixtures.config().withMaxBodyBytes(1024));

        assertThat(s.health()).as(s.detail()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void aRefusedConnectionPointsAtOurOwnNetwork() throws Exception {
        Signal s = probe(URI.create("http://127.0.0.1:" + ProbeFixtures.closedPort() + "/"), ProbeFixtures.config());

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.LOCAL_NETWORK);
        assertThat(s.detail()).startsWith("our network may be down: connection refused");
    }

    @Test
    void aDnsFailurePointsAtOurOwnNetwork() {
        Signal s = probe(URI.create("https://cai-status-control-test.invalid/"), ProbeFixtures.config());

        assertThat(s.cause()).isEqualTo(Cause.LOCAL_NETWORK);
        assertThat(s.detail()).contains("DNS: no such host");
    }

    @Test
    void noAnswerWithinTheTimeoutPointsAtOurOwnNetworkAndIsBounded() {
        wm.stubFor(get("/api/v2/status.json").willReturn(aResponse().withStatus(200)
                .withFixedDelay((int) TIMEOUT.plusSeconds(5).toMillis())));

        long t0 = System.nanoTime();
        Signal s = probe();

        assertThat(s.cause()).isEqualTo(Cause.LOCAL_NETWORK);
        assertThat(s.detail()).contains("timed out after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plus(MARGIN));
    }
}
