package io.github.caistatus.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.CharacterAiStatusBuilder;
import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.examples.client.ChatClient;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.github.caistatus.guard.Fallbacks;
import io.github.caistatus.guard.GuardedFunction;
import io.github.caistatus.guard.Patience;
import io.github.caistatus.history.BundledHistory;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's snippets, run against the offline simulator: if they stop compiling, or stop doing what the
 * README says they do, this test fails.
 */
class ReadmeExamplesTest {

    private final CharacterAiSimulator sim = CharacterAiSimulator.start();
    private final ChatClient cai = new ChatClient(sim.chatUri(), Duration.ofSeconds(2));
    /** Another chat provider a host might fall back to. */
    interface Provider {
        String send(String message);
    }

    private final Provider otherProvider = message -> "other: " + message;

    @AfterEach
    void tearDown() {
        cai.close();
        sim.close();
    }

    private CharacterAiStatusBuilder watchingTheSimulator() {
        return CharacterAiStatus.builder().endpoint(sim.healthUri()).statusPage(sim.statusPageUri())
                .control(sim.controlUri()).timeout(Duration.ofSeconds(2));
    }

    @Test
    void useItCurrentNeverThrowsAndTheGuardFallsBackWhenTheCallFails() {
        StatusSnapshot now = CharacterAiStatus.current();
        assertThat(now.summary()).isNotBlank();

        sim.setMode(Mode.ERROR_500);
        String message = "hi";
        String reply = CharacterAiStatus.shared().guard().call(() -> cai.send(message))
                .fallback(ctx -> otherProvider.send(message))
                .fallback(ctx -> "Character.AI is resting (" + ctx.reason() + "); try again "
                        + ctx.expectedWait().map(d -> "in " + d.toMinutes() + " min").orElse("later"))
                .get();
        assertThat(reply).isEqualTo("other: hi");
    }

    @Test
    void yourOwnInstanceRefreshesOnDemandAndTellsListeners() {
        List<Health> told = Collections.synchronizedList(new ArrayList<>());
        try (CharacterAiStatus status = watchingTheSimulator()
                .intervals(Duration.ofSeconds(30), Duration.ofSeconds(10))
                .downAfter(1).upAfter(1)
                .noControl()
                .onChange((before, now) -> told.add(now.health()))
                .build()) {
            assertThat(status.snapshot().health()).isEqualTo(Health.OPERATIONAL);
            sim.setMode(Mode.ERROR_500);
            StatusSnapshot fresh = status.refresh();
            assertThat(fresh.health()).isEqualTo(Health.MAJOR_OUTAGE);
            // listeners are told on their own thread, just after the verdict is published
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(told).endsWith(Health.MAJOR_OUTAGE));
            assertThat(status.incidents().activeAt(Instant.now())).isNotEmpty();
        }
    }

    @Test
    void theThreeWaysToCopeInAMaintenance() {
        sim.setMode(Mode.MAINTENANCE);
        try (CharacterAiStatus status = watchingTheSimulator().build()) {
            // build() returns at once; the first snapshot() waits for the first verdict
            assertThat(status.snapshot().health()).isEqualTo(Health.MAINTENANCE);
            String msg = "hello";
            String elsewhere = status.guard().<String>call(() -> cai.send(msg))
                    .fallback(ctx -> otherProvider.send(msg))
                    .get();
            assertThat(elsewhere).isEqualTo("other: hello");

            String canned = status.guard().<String>call(() -> cai.send(msg))
                    .fallback(Fallbacks.cannedReply())
                    .get();
            assertThat(canned).containsIgnoringCase("maintenance");

            // patience never retries past a held-open breaker: in a maintenance the fallbacks answer at once
            String patient = status.guard().<String>call(() -> cai.send(msg))
                    .patience(Patience.of(3, Duration.ofSeconds(1)))
                    .fallback(Fallbacks.cannedReply("{reason}. Back in {wait}!"))
                    .get();
            assertThat(patient).contains("Back in");
        }
    }

    @Test
    void wrapAClientOnce() {
        try (CharacterAiStatus status = watchingTheSimulator().build()) {
            GuardedFunction<String, String> chat = status.guard().decorate(cai::send)
                    .failWhen(String::isBlank)
                    .fallback((message, ctx) -> otherProvider.send(message))
                    .fallback(Fallbacks.cannedReply());
            assertThat(chat.apply("Hello!")).contains("Hello!").doesNotStartWith("other:");
            sim.setMode(Mode.ERROR_500);
            assertThat(chat.apply("Hello!")).isEqualTo("other: Hello!");
        }
    }

    @Test
    void shareYourExistingResilience4jRegistry() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        try (CharacterAiStatus status = watchingTheSimulator()
                .circuitBreakerRegistry(registry)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .failureRateThreshold(50).slidingWindowSize(20).minimumNumberOfCalls(10).build())
                .build()) {
            assertThat(registry.circuitBreaker("character.ai")).isSameAs(status.guard().circuitBreaker());
            status.guard().call(() -> cai.send("counted")).get();
            assertThat(registry.circuitBreaker("character.ai").getMetrics().getNumberOfSuccessfulCalls())
                    .isEqualTo(1);
        }
    }

    @Test
    void outageHistoryGivesPriorsAndAvailability() {
        BundledHistory history = BundledHistory.get();
        IncidentLog log = history.newLog();
        assertThat(log.typicalDuration(Health.MAJOR_OUTAGE)).hasValueSatisfying(d ->
                assertThat(d.median()).isPositive());
        Availability a = log.availability(Instant.parse("2023-10-19T07:00:00Z"),
                Instant.parse("2024-09-01T07:00:00Z"));
        assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(3351));
    }

    @Test
    void statusPageTheHandlerMountsAnywhereAndTheRendererGivesTheSameDocument() throws Exception {
        try (CharacterAiStatus status = watchingTheSimulator().build()) {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
            server.setExecutor(threads);
            server.start();
            try {
                io.github.caistatus.page.StatusPageHandler page = io.github.caistatus.page.StatusPageHandler.of(status);
                server.createContext("/character-ai-status/", page);

                String html = io.github.caistatus.page.StatusPage.render(status);

                java.net.http.HttpResponse<String> served = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                + server.getAddress().getPort() + "/character-ai-status/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(served.statusCode()).isEqualTo(200);
                assertThat(served.body()).contains("Character.AI is working.");
                assertThat(html).contains("Character.AI is working.");
                page.close();
            } finally {
                server.stop(0);
                threads.shutdownNow();
            }
        }
    }
}
