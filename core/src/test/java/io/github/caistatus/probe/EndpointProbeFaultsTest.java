package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transport faults on the way to the health route: each is a bounded observation of {@code MAJOR_OUTAGE / NETWORK}
 * with a precise detail (the verdict decides with the control probe whether it is our network), and an oversized
 * body is stopped at the cap.
 */
class EndpointProbeFaultsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Signal probe(URI uri, HttpProbeConfig cfg) {
        return new EndpointProbe(uri, cfg.newHttpClient(), cfg, clock).probe();
    }

    private Signal probe() {
        return probe(ProbeFixtures.uri(wm, "/health"), ProbeFixtures.config());
    }

    private static void assertNetwork(Signal s, String detailFragment) {
        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.NETWORK);
        assertThat(s.detail()).contains(detailFragment);
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Test
    void anAnswerDelayedPastTheTimeoutEndsAtTheTimeout() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{}")
                .withFixedDelay((int) TIMEOUT.plusSeconds(5).toMillis())));

        long t0 = System.nanoTime();
        Signal s = probe();

        assertNetwork(s, "timed out after 2 s");
        assertThat(millisSince(t0)).isLessThan(TIMEOUT.plus(MARGIN).toMillis());
    }

    @Test
    void aBodyDribbledPastTheTimeoutEndsAtTheTimeout() {
        // headers arrive at once; the body then trickles for 10 s: the total timeout must cover the body too
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}".repeat(50))
                .withChunkedDribbleDelay(50, 10_000)));

        long t0 = System.nanoTime();
        Signal s = probe();

        assertNetwork(s, "timed out after 2 s");
        assertThat(millisSince(t0)).isLessThan(TIMEOUT.plus(MARGIN).toMillis());
    }

    @Test
    void connectionResetIsANetworkFailure() {
        wm.stubFor(get("/health").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Signal s = probe();

        // the JDK sees the RST either as a reset or, when it reads first, as an early end of stream
        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.NETWORK);
        assertThat(s.detail()).matches("connection reset|connection closed before a complete answer");
    }

    @Test
    void emptyResponseIsANetworkFailure() {
        wm.stubFor(get("/health").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertNetwork(probe(), "closed before a complete answer");
    }

    @Test
    void malformedChunkIsANetworkFailure() {
        wm.stubFor(get("/health").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.NETWORK);
    }

    @Test
    void randomDataThenCloseIsANetworkFailure() {
        wm.stubFor(get("/health").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        Signal s = probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo(Cause.NETWORK);
    }

    @Test
    void refusedPortIsANetworkFailure() throws Exception {
        int port = ProbeFixtures.closedPort();

        Signal s = probe(URI.create("http://127.0.0.1:" + port + "/health"), ProbeFixtures.config());

        assertNetwork(s, "connection refused by 127.0.0.1:" + port);
    }

    @Test
    void unresolvableHostIsADnsFailureWithinTheTimeout() {
        long t0 = System.nanoTime();
        Signal s = probe(URI.create("https://cai-status-probe-test.invalid/health"), ProbeFixtures.config());

        assertNetwork(s, "DNS: no such host cai-status-probe-test.invalid");
        assertThat(millisSince(t0)).isLessThan(TIMEOUT.plus(MARGIN).toMillis());
    }

    @Test
    void aBodyOverTheCapIsAnInvalidResponseNotAnOutage() {
        byte[] mib = new byte[1 << 20];
        Arrays.fill(mib, (byte) 'x');
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody(mib)));

        Signal s = probe(ProbeFixtures.uri(wm, "/health"), ProbeFixtures.config().withMaxBodyBytes(64 * 1024));

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).isEqualTo("body larger than 64 KiB");
    }

    @Test
    void anEndlessBodyIsStoppedAtTheCapLongBeforeTheTimeout() {
        // 16 MiB trickling over a minute: only the cap can end this early; the 20 s timeout would end it far later
        byte[] huge = new byte[16 << 20];
        Arrays.fill(huge, (byte) 'y');
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody(huge)
                .withChunkedDribbleDelay(1600, 60_000)));
        Duration timeout = Duration.ofSeconds(20);

        long t0 = System.nanoTime();
        Signal s = probe(ProbeFixtures.uri(wm, "/health"),
                ProbeFixtures.config().withTimeout(timeout).withMaxBodyBytes(64 * 1024));

        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).isEqualTo("body larger than 64 KiB");
        assertThat(millisSince(t0)).isLessThan(timeout.toMillis() / 2);
    }
}
