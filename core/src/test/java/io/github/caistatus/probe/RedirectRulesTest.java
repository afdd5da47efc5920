package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.caistatus.probe.ProbeFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.HostResolver;
import io.github.caistatus.internal.http.HttpProbeConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8, point 6: redirects lead only to chosen hosts, a target that cannot be looked up is refused, and the
 * special-purpose IPv6/IPv4 ranges count as non-public. Every request goes to WireMock on loopback through a
 * proxy, whatever host the URI names; names resolve through an injected resolver, never DNS.
 */
class RedirectRulesTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final URI START = URI.create("http://public.example.test/health");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HttpProbeConfig cfg = ProbeFixtures.config().withAllowInsecureHttp(true);

    private HttpClient viaProxy() {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", wm.getPort())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A resolver knowing only the given names; everything else does not resolve. */
    private static HostResolver dns(Map<String, String> names) {
        return host -> {
            String ip = names.get(host);
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(ip)};
        };
    }

    private Signal probe(HttpProbeConfig config, HostResolver resolver) {
        return new EndpointProbe(START, viaProxy(), config, clock, System::nanoTime, resolver).probe();
    }

    private static void redirectTo(String location) {
        wm.stubFor(get("/health").willReturn(aResponse().withStatus(302).withHeader("Location", location)));
        wm.stubFor(get("/elsewhere").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}")));
    }

    @Test
    void aRedirectTargetWhoseLookupFailsIsRefusedFailClosed() {
        redirectTo("http://nowhere.example.test/elsewhere");

        Signal s = probe(cfg, dns(Map.of()));

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.cause()).isEqualTo(Cause.INVALID_RESPONSE);
        assertThat(s.detail()).isEqualTo("redirect to nowhere.example.test refused: its address could not be looked up");
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aRedirectToAnotherPublicHostNobodyChoseIsRefused() {
        redirectTo("http://other.example.test/elsewhere");

        Signal s = probe(cfg, dns(Map.of("other.example.test", "93.184.216.34")));

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).isEqualTo("redirect from public.example.test to another host other.example.test "
                + "refused: only to the same host or a configured redirect host");
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aRedirectToAnAllowlistedHostIsFollowed() {
        redirectTo("http://other.example.test/elsewhere");

        Signal s = probe(cfg.withRedirectHosts(Set.of("*.example.test")),
                dns(Map.of("other.example.test", "93.184.216.34")));

        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aRedirectToTheStatusPageProvidersHostIsFollowedByDefault() {
        redirectTo("http://cai.statuspage.io/elsewhere");

        Signal s = probe(cfg, dns(Map.of("cai.statuspage.io", "104.18.0.1")));

        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void anAllowlistedHostResolvingToAPrivateAddressIsStillRefused() {
        redirectTo("http://other.example.test/elsewhere");

        Signal s = probe(cfg.withRedirectHosts(Set.of("*.example.test")),
                dns(Map.of("other.example.test", "10.0.0.5")));

        assertThat(s.detail()).contains("to loopback/private address other.example.test refused");
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[::7f00:1]", "198.18.0.1", "192.0.0.170",
        "240.0.0.1"})
    void aRedirectToASpecialPurposeLiteralIsRefusedBeforeAnyConnection(String host) {
        redirectTo("http://" + host + ":" + wm.getPort() + "/elsewhere");

        Signal s = probe(cfg, dns(Map.of()));

        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).contains("to loopback/private address").endsWith("refused");
        wm.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aRedirectWithinTheSameHostNeedsNoAllowlist() {
        redirectTo("/elsewhere");

        Signal s = probe(cfg.withRedirectHosts(Set.of()), dns(Map.of("public.example.test", "93.184.216.34")));

        assertThat(s.health()).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void aRedirectHostRuleMustBeAHostNameOrAWildcardDomain() {
        assertThatThrownBy(() -> cfg.withRedirectHosts(Set.of("http://x.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cfg.withRedirectHosts(Set.of("*")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cfg.withRedirectHosts(Set.of("Status.Example.COM")).redirectHostAllowed("status.example.com"))
                .isTrue();
    }
}
