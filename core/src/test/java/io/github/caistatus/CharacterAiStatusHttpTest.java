package io.github.caistatus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.StatusSnapshot;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The instance with its real probes against a local server. */
class CharacterAiStatusHttpTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(20))
            .build();

    private CharacterAiStatusBuilder local() {
        return CharacterAiStatus.builder()
                .endpoint(URI.create(server.baseUrl() + "/health"))
                .statusPage(URI.create(server.baseUrl() + "/api/v2/summary.json"))
                .control(URI.create(server.baseUrl() + "/control"))
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    void settingsGivenInEitherOrderGiveTheSameProbes() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}")
                .withFixedDelay(3_000)));
        URI health = URI.create(server.baseUrl() + "/health");
        // once, timeout() followed by the HTTP rules in full dropped the timeout; now each setting stands alone
        CharacterAiStatusBuilder timeoutFirst = CharacterAiStatus.builder().timeout(Duration.ofMillis(300))
                .slowThreshold(Duration.ofSeconds(4)).maxBodyBytes(4096).downAfter(1).upAfter(1)
                .intervals(Duration.ofSeconds(30), Duration.ofSeconds(10));
        CharacterAiStatusBuilder timeoutLast = CharacterAiStatus.builder()
                .intervals(Duration.ofSeconds(30), Duration.ofSeconds(10)).upAfter(1).downAfter(1)
                .maxBodyBytes(4096).slowThreshold(Duration.ofSeconds(4)).timeout(Duration.ofMillis(300));
        for (CharacterAiStatusBuilder b : List.of(timeoutFirst, timeoutLast)) {
            try (CharacterAiStatus status = b.endpoint(health).noStatusPage().noControl().noOwnCallsProbe()
                    .background(false).build()) {
                StatusSnapshot s = status.refresh();
                assertThat(s.signals()).singleElement().satisfies(signal ->
                        assertThat(signal.detail()).contains("timed out after 300 ms"));
            }
        }
    }

    @Test
    void hundredConcurrentRefreshCallersMakeOneRequestPerProbe() throws Exception {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}")
                .withFixedDelay(2_000)));
        server.stubFor(get("/api/v2/summary.json").willReturn(aResponse().withStatus(401)
                .withBody("Your page is inactive").withFixedDelay(2_000)));
        server.stubFor(get("/control").willReturn(aResponse().withStatus(204).withFixedDelay(2_000)));
        int n = 100;
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try (CharacterAiStatus status = local().background(false).build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<StatusSnapshot>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(callers.submit(() -> {
                    go.await();
                    return status.refresh();
                }));
            }
            go.countDown();
            for (Future<StatusSnapshot> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS).health()).isEqualTo(Health.OPERATIONAL);
            }
        } finally {
            callers.shutdownNow();
        }
        server.verify(exactly(1), getRequestedFor(urlEqualTo("/health")));
        server.verify(exactly(1), getRequestedFor(urlEqualTo("/api/v2/summary.json")));
        server.verify(exactly(1), getRequestedFor(urlEqualTo("/control")));
    }

    @Test
    void anOutageSeenByTheEndpointIsConfirmedAfterTwoChecksAndRecordedAsAnIncident() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}")));
        server.stubFor(get("/api/v2/summary.json").willReturn(aResponse().withStatus(401)
                .withBody("Your page is inactive")));
        server.stubFor(get("/control").willReturn(aResponse().withStatus(204)));
        try (CharacterAiStatus status = local().background(false).build()) {
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);
            server.stubFor(get("/health").willReturn(aResponse().withStatus(503)));
            assertThat(status.refresh().health()).isEqualTo(Health.OPERATIONAL);
            StatusSnapshot down = status.refresh();
            assertThat(down.health()).isEqualTo(Health.MAJOR_OUTAGE);
            assertThat(down.cause()).isEqualTo(Cause.SERVER_ERROR);
            assertThat(down.summary()).contains("official page silent").contains("for 2 checks");
            assertThat(down.incidents()).anyMatch(i -> i.source() == io.github.caistatus.api.Source.OBSERVED);
        }
    }
}
