package io.github.caistatus.probe;

import io.github.caistatus.internal.http.HttpProbeConfig;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

/** What the probe tests share: a loopback client, short timeouts, a fixed start instant. */
final class ProbeFixtures {

    /** 1 July 2026, noon UTC: after the official page went inactive, so fixtures read like today's service. */
    static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");

    /** Short enough to keep the suite fast, long enough for a loaded 2-core machine to answer on loopback. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** "Never hangs": the probe returns within its timeout plus this margin. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    private ProbeFixtures() {
    }

    static HttpProbeConfig config() {
        return HttpProbeConfig.defaults().withTimeout(TIMEOUT).withConnectTimeout(Duration.ofSeconds(1));
    }

    static HttpClient client(HttpProbeConfig cfg) {
        return cfg.newHttpClient();
    }

    static URI uri(WireMockExtension wm, String path) {
        return URI.create("http://127.0.0.1:" + wm.getPort() + path);
    }

    /** A loopback port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
