package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.caistatus.probe.ProbeFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.HostResolver;
import io.github.caistatus.internal.http.HttpProbeConfig;
import io.github.caistatus.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transport rules every probe keeps, shown on the endpoint probe: Retry-After, conditional requests,
 * redirects, schemes, and never throwing.
 */
class HttpRulesTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MutableClock clock = new MutableClock(NOW);
    private final HttpProbeConfig cfg = ProbeFixtures.config();

    private EndpointProbe endpoint(String path) {
        return new EndpointProbe(ProbeFixtures.uri(wm, path), cfg.newHttpClient(), cfg, clock);
    }

    private static void redirect(String from, String location) {
        wm.stubFor(get(from).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
    }

    /** A client that sends every request to WireMock, whatever host the URI names. */
    private HttpClient viaProxy() {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", wm.getPort())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // --- Retry-After ---

    @Test
    void retryAfterInSecondsIsCarriedInTheSignal() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        Signal s = endpoint("/health").probe();

        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.cause()).isEqualTo(Cause.OVERLOADED);
        assertThat(s.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(s.detail()).contains("retry after 2 min");
    }

    @Test
    void retryAfterAsAnHttpDateIsTheWaitFromNow() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Wed, 01 Jul 2026 12:02:30 GMT")));

        Signal s = endpoint("/health").probe();

        assertThat(s.retryAfter()).contains(Duration.ofSeconds(150));
    }

    @Test
    void retryAfterOnA503IsCarriedToo() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

        Signal s = endpoint("/health").probe();

        assertThat(s.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(s.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void anAbsurdRetryAfterIsCappedSoTheProbeNeverSwitchesItselfOff() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "8640000")));

        assertThat(endpoint("/health").probe().retryAfter()).contains(Duration.ofHours(1));
    }

    @Test
    void aProbeAskedWhileRetryAfterRunsAsksAgainSoItNeverPassesOffAReplayAsFresh() {
        // pacing by Retry-After is the monitor's (capped, and marked as a replay there); a probe asked, asks
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
        EndpointProbe probe = endpoint("/health");
        probe.probe();
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{}")));

        clock.advance(Duration.ofSeconds(30));
        Signal s = probe.probe();

        wm.verify(exactly(2), getRequestedFor(urlEqualTo("/health")));
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        assertThat(s.observedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(s.retryAfter()).isEmpty();
    }

    @Test
    void afterTheRetryAfterWaitTheProbeAsksAgain() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        EndpointProbe probe = endpoint("/health");
        probe.probe();
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{}")));

        clock.advance(Duration.ofSeconds(121));
        Signal s = probe.probe();

        wm.verify(exactly(2), getRequestedFor(urlEqualTo("/health")));
        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        assertThat(s.retryAfter()).isEmpty();
    }

    // --- conditional requests ---

    @Test
    void theSecondRequestCarriesTheEtagAndA304KeepsTheClassification() {
        wm.stubFor(get("/health").atPriority(5).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"v1\"")
                .withBody("{\"command\":\"neo_error\"}")));
        wm.stubFor(get("/health").atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        EndpointProbe probe = endpoint("/health");

        Signal first = probe.probe();
        Signal second = probe.probe();

        wm.verify(getRequestedFor(urlEqualTo("/health")).withHeader("If-None-Match", absent()));
        wm.verify(getRequestedFor(urlEqualTo("/health")).withHeader("If-None-Match", equalTo("\"v1\"")));
        assertThat(first.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(second.health()).isEqualTo(Health.PARTIAL_OUTAGE);
        assertThat(second.cause()).isEqualTo(Cause.APPLICATION_ERROR);
        assertThat(second.detail()).contains("HTTP 304, not modified");
    }

    @Test
    void lastModifiedIsSentBackAsIfModifiedSince() {
        String date = "Tue, 30 Jun 2026 10:00:00 GMT";
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withHeader("Last-Modified", date)
                .withBody("{}")));
        EndpointProbe probe = endpoint("/health");

        probe.probe();
        probe.probe();

        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/health")).withHeader("If-Modified-Since", equalTo(date)));
    }

    @Test
    void a304WithoutAnEarlierAnswerIsNotMistakenForHealth() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(304)));

        Signal s = endpoint("/health").probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).contains("HTTP 304");
    }

    // --- redirects ---

    @Test
    void aRedirectOnLoopbackIsFollowed() {
        redirect("/health", "/health2");
        wm.stubFor(get("/health2").willReturn(aResponse().withStatus(200).withBody("{}")));

        Signal s = endpoint("/health").probe();

        assertThat(s.health()).as(s.detail()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void aRedirectLoopEndsAsAnInvalidResponse() {
        redirect("/a", "/b");
        redirect("/b", "/a");

        Signal s = endpoint("/a").probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).startsWith("redirect loop");
    }

    @Test
    void moreHopsThanAllowedAreRefused() {
        for (int i = 1; i <= 5; i++) {
            redirect("/r" + i, "/r" + (i + 1));
        }

        Signal s = endpoint("/r1").probe();

        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).isEqualTo("too many redirects (more than 3)");
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/r5")));
    }

    @Test
    void exactlyTheAllowedNumberOfHopsIsFine() {
        redirect("/r1", "/r2");
        redirect("/r2", "/r3");
        redirect("/r3", "/ok");
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200).withBody("{}")));

        assertThat(endpoint("/r1").probe().health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void aRedirectToPlainHttpOnAnotherHostIsRefused() {
        redirect("/health", "http://cai-status-probe-test.example/health");

        Signal s = endpoint("/health").probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).contains("refused: HTTPS only");
    }

    @Test
    void aRedirectFromAPublicNameToLoopbackIsRefused() {
        HttpProbeConfig insecure = cfg.withAllowInsecureHttp(true);
        redirect("/health", "http://127.0.0.1:" + wm.getPort() + "/private");
        wm.stubFor(get("/private").willReturn(aResponse().withStatus(200).withBody("{}")));
        EndpointProbe probe = new EndpointProbe(URI.create("http://public.example.test/health"), viaProxy(),
                insecure, clock);

        Signal s = probe.probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).isEqualTo("redirect from public host public.example.test to loopback/private "
                + "address 127.0.0.1 refused");
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/health")));
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/private")));
    }

    @Test
    void aRedirectFromAPublicNameToANameResolvingToAPrivateAddressIsRefused() throws Exception {
        HttpProbeConfig insecure = cfg.withAllowInsecureHttp(true);
        InetAddress privateAddress = InetAddress.getByAddress("intranet.example.test", new byte[] {10, 0, 0, 7});
        HostResolver resolver = host -> {
            if (host.equals("intranet.example.test")) {
                return new InetAddress[] {privateAddress};
            }
            throw new UnknownHostException(host);
        };
        redirect("/health", "http://intranet.example.test/admin");
        EndpointProbe probe = new EndpointProbe(URI.create("http://public.example.test/health"), viaProxy(),
                insecure, clock, System::nanoTime, resolver);

        Signal s = probe.probe();

        assertThat(s.detail()).contains("to loopback/private address intranet.example.test refused");
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/admin")));
    }

    @Test
    void aRedirectTargetWhoseLookupHangsIsRefusedWithinTheProbesTimeout() throws Exception {
        HttpProbeConfig insecure = cfg.withAllowInsecureHttp(true).withTimeout(Duration.ofSeconds(1));
        CountDownLatch dnsAnswers = new CountDownLatch(1);
        HostResolver hangingDns = host -> {
            try {
                dnsAnswers.await(30, TimeUnit.SECONDS); // a resolver stuck far past the probe's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        redirect("/health", "http://slow-dns.example.test/elsewhere");
        EndpointProbe probe = new EndpointProbe(URI.create("http://public.example.test/health"), viaProxy(),
                insecure, clock, System::nanoTime, hangingDns);
        try {
            long t0 = System.nanoTime();
            Signal s = probe.probe();

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(s.health()).isEqualTo(Health.UNKNOWN);
            assertThat(s.detail()).contains("slow-dns.example.test refused: its address could not be checked");
            wm.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
        } finally {
            dnsAnswers.countDown();
        }
    }

    // --- schemes and clients ---

    @Test
    void plainHttpToANonLoopbackHostIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new EndpointProbe(URI.create("http://neo.character.ai/health"),
                cfg.newHttpClient(), cfg, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must use https");
    }

    @Test
    void aClientThatFollowsRedirectsItselfIsRefusedAtConstruction() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> new EndpointProbe(EndpointProbe.DEFAULT_URI, following, cfg, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not follow redirects");
    }

    @Test
    void aClientThatThrowsGivesAnUnknownSignalInsteadOfAnException() {
        HttpClient broken = new ThrowingHttpClient(cfg.newHttpClient());

        Signal s = new EndpointProbe(ProbeFixtures.uri(wm, "/health"), broken, cfg, clock).probe();

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.OTHER);
        assertThat(s.detail()).contains("IllegalStateException");
    }

    @Test
    void anInterruptedCallerGetsUnknownAndKeepsItsInterruptFlag() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1500)));
        EndpointProbe probe = endpoint("/health");

        Thread.currentThread().interrupt();
        Signal s = probe.probe();
        boolean stillInterrupted = Thread.interrupted(); // also clears it for the next test

        assertThat(stillInterrupted).isTrue();
        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).isEqualTo("interrupted before an answer");
    }

    @Test
    void theFirstObservationIsStampedByTheInjectedClock() {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{}")));
        Clock fixed = Clock.fixed(NOW.plusSeconds(7), ZoneOffset.UTC);

        Signal s = new EndpointProbe(ProbeFixtures.uri(wm, "/health"), cfg.newHttpClient(), cfg, fixed).probe();

        assertThat(s.observedAt()).isEqualTo(NOW.plusSeconds(7));
    }
}
