package io.github.caistatus.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example app, started on a random port in front of the simulator, through an outage and a recovery: its
 * answers, its {@code characterAi} health component, its own health staying UP, and its Prometheus scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApplicationTest {

    private static final CharacterAiSimulator SIM = CharacterAiSimulator.start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry p) {
        p.add("chat.url", SIM::chatUri);
        p.add("cai.status.endpoint", SIM::healthUri);
        p.add("cai.status.status-page", SIM::statusPageUri);
        p.add("cai.status.control", SIM::controlUri);
        p.add("cai.status.intervals.healthy", () -> "100ms");
        p.add("cai.status.intervals.unhealthy", () -> "100ms");
        p.add("cai.status.down-after", () -> "1");
        p.add("cai.status.up-after", () -> "1");
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JSONObject chat(String message) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(new JSONObject().put("message", message).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new JSONObject(r.body());
    }

    private String component() throws Exception {
        return new JSONObject(get("/actuator/health/characterAi").body()).getString("status");
    }

    @Test
    void anOutageIsServedByTheFallbackAndSeenInHealthAndMetricsWhileTheAppStaysUp() throws Exception {
        await().atMost(15, TimeUnit.SECONDS).until(() -> component().equals("UP"));
        assertThat(chat("hello").getString("from")).isEqualTo("character.ai");

        SIM.setMode(Mode.ERROR_500);

        await().atMost(15, TimeUnit.SECONDS).until(() -> component().equals("OUTAGE"));
        JSONObject during = chat("hello?");
        assertThat(during.getString("from")).isEqualTo("fallback");
        assertThat(during.getString("reason")).isEqualTo("STATUS_DOWN");
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JSONObject overall = new JSONObject(health.body());
        assertThat(overall.getString("status")).isEqualTo("UP");
        JSONObject details = overall.getJSONObject("components").getJSONObject("characterAi").getJSONObject("details");
        assertThat(details.getString("verdict")).isEqualTo("MAJOR_OUTAGE");
        assertThat(details.getString("breaker")).isEqualTo("FORCED_OPEN");
        assertThat(details.getJSONObject("signals").getJSONObject("endpoint").getString("health"))
                .isEqualTo("MAJOR_OUTAGE");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("cai_status_health{state=\"major_outage\"} 1")
                .contains("cai_status_calls_total{answered_by=\"fallback\",fallback=\"0\",reason=\"status_down\"} 1")
                .contains("cai_status_calls_total{answered_by=\"character.ai\",fallback=\"none\",reason=\"none\"} 1")
                .contains("cai_status_calls_short_circuited_total 1")
                .contains("cai_status_probe_latency_seconds{probe=\"endpoint\",role=\"endpoint\"}")
                .contains("resilience4j_circuitbreaker_state{name=\"character.ai\",state=\"forced_open\"} 1"));

        SIM.setMode(Mode.UP);

        await().atMost(15, TimeUnit.SECONDS).until(() -> component().equals("UP"));
        assertThat(chat("back?").getString("from")).isEqualTo("character.ai");
        assertThat(get("/actuator/prometheus").body()).contains("cai_status_health{state=\"operational\"} 1")
                .contains("resilience4j_circuitbreaker_state{name=\"character.ai\",state=\"closed\"} 1");
    }
}
