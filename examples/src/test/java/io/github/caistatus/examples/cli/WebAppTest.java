package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.examples.client.ChatClient;
import io.github.caistatus.examples.host.EchoBot;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.github.caistatus.examples.web.WebApp;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web host app's routes, against the simulator up and then down. */
class WebAppTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CharacterAiSimulator sim;
    private ChatClient cai;
    private CharacterAiStatus status;
    private WebApp app;

    @BeforeEach
    void start() {
        sim = CharacterAiSimulator.start();
        cai = new ChatClient(sim.chatUri(), Duration.ofSeconds(2));
        // checks only when the test asks: the verdict moves exactly when refresh() is called
        status = CharacterAiStatus.builder()
                .endpoint(sim.healthUri()).statusPage(sim.statusPageUri()).control(sim.controlUri())
                .timeout(Duration.ofSeconds(2))
                .downAfter(1).upAfter(1)
                .background(false)
                .build();
        app = WebApp.start(new InetSocketAddress("127.0.0.1", 0), status,
                new GuardedChat(status.guard(), cai::send, EchoBot.unlimited()), StatusReport::json, Optional.of(sim));
    }

    @AfterEach
    void stop() {
        app.close();
        status.close();
        cai.close();
        sim.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri().resolve(path)).timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whileUpHealthIs200ChatIsAnsweredByCharacterAiAndStatusIsOperational() throws Exception {
        status.refresh();

        HttpResponse<String> health = get("health");
        assertThat(health.statusCode()).isEqualTo(200);
        JSONObject h = new JSONObject(health.body());
        assertThat(h.getString("status")).isEqualTo("UP");
        assertThat(h.getJSONObject("characterAi").getBoolean("usable")).isTrue();

        JSONObject chat = new JSONObject(post("chat", "{\"message\":\"hello\"}").body());
        assertThat(chat.getString("answeredBy")).isEqualTo("primary");
        assertThat(chat.getString("reply")).contains("hello");
        assertThat(chat.isNull("reason")).isTrue();

        HttpResponse<String> st = get("status");
        assertThat(st.statusCode()).isEqualTo(200);
        assertThat(new JSONObject(st.body()).getString("health")).isEqualTo("OPERATIONAL");
    }

    @Test
    void duringAnOutageTheHostStaysHealthyAndChatIsAnsweredByAFallbackWithoutCallingOut() throws Exception {
        status.refresh();
        assertThat(get("health").statusCode()).isEqualTo(200);

        sim.setMode(Mode.ERROR_500);
        status.refresh();

        // the host answers, from its fallbacks: a load balancer must keep sending it traffic
        HttpResponse<String> health = get("health");
        assertThat(health.statusCode()).isEqualTo(200);
        JSONObject h = new JSONObject(health.body());
        assertThat(h.getString("status")).isEqualTo("UP");
        assertThat(h.getJSONObject("characterAi").getString("health")).isEqualTo("MAJOR_OUTAGE");
        assertThat(h.getJSONObject("characterAi").getBoolean("usable")).isFalse();
        long chatsBefore = sim.requests(CharacterAiSimulator.Route.CHAT);

        HttpResponse<String> chat = post("chat", "{\"message\":\"anyone home?\"}");

        assertThat(chat.statusCode()).isEqualTo(200);
        JSONObject answer = new JSONObject(chat.body());
        assertThat(answer.getString("answeredBy")).isEqualTo("alternative");
        assertThat(answer.getString("reason")).isEqualTo("STATUS_DOWN");
        assertThat(sim.requests(CharacterAiSimulator.Route.CHAT)).isEqualTo(chatsBefore);
        assertThat(new JSONObject(get("status").body()).getString("health")).isEqualTo("MAJOR_OUTAGE");
    }

    @Test
    void maintenanceIsADetailOfTheHostsHealthNotAFailure() throws Exception {
        sim.setMode(Mode.MAINTENANCE);
        status.refresh();

        HttpResponse<String> health = get("health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(new JSONObject(health.body()).getJSONObject("characterAi").getString("health"))
                .isEqualTo("MAINTENANCE");
        assertThat(new JSONObject(post("chat", "{\"message\":\"hi\"}").body()).getString("reason"))
                .isEqualTo("MAINTENANCE");
    }

    @Test
    void chatRejectsBadRequests() throws Exception {
        assertThat(get("chat").statusCode()).isEqualTo(405);
        assertThat(post("chat", "{}").statusCode()).isEqualTo(400);
        assertThat(post("chat", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void simModeSwitchesTheSimulatorAsChatsModeCommandDoes() throws Exception {
        status.refresh();
        assertThat(new JSONObject(get("sim/mode").body()).getString("mode")).isEqualTo("UP");

        HttpResponse<String> switched = post("sim/mode", "{\"mode\":\"error_500\"}");

        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(new JSONObject(switched.body()).getString("mode")).isEqualTo("ERROR_500");
        assertThat(sim.mode()).isEqualTo(Mode.ERROR_500);
        status.refresh();
        assertThat(new JSONObject(get("health").body()).getJSONObject("characterAi").getString("health"))
                .isEqualTo("MAJOR_OUTAGE");

        // the query form, for a quick curl -X POST
        assertThat(post("sim/mode?mode=MAINTENANCE", "").statusCode()).isEqualTo(200);
        assertThat(sim.mode()).isEqualTo(Mode.MAINTENANCE);
        assertThat(new JSONObject(get("sim/mode").body()).getString("mode")).isEqualTo("MAINTENANCE");
    }

    @Test
    void anUnknownSimModeIs400AndListsEveryMode() throws Exception {
        HttpResponse<String> bad = post("sim/mode", "{\"mode\":\"SIDEWAYS\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        JSONObject body = new JSONObject(bad.body());
        assertThat(body.getString("error")).isEqualTo("no mode SIDEWAYS");
        assertThat(body.getJSONArray("modes").toList())
                .containsExactly(Arrays.stream(Mode.values()).map(Mode::name).toArray());
        assertThat(post("sim/mode", "not json").statusCode()).isEqualTo(400);
        assertThat(sim.mode()).isEqualTo(Mode.UP);
    }

    @Test
    void withoutASimulatorThereIsNoSimRoute() throws Exception {
        try (WebApp plain = WebApp.start(new InetSocketAddress("127.0.0.1", 0), status,
                new GuardedChat(status.guard(), cai::send, EchoBot.unlimited()), StatusReport::json)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(plain.uri().resolve("sim/mode"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"UP\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theRootServesTheStatusPageWhoseBannerFollowsTheVerdict() throws Exception {
        status.refresh();
        HttpResponse<String> up = get("");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(up.body()).contains("Character.AI is working.").contains("data-events=\"events\"");

        sim.setMode(Mode.ERROR_500);
        status.refresh();

        assertThat(get("").body()).contains("Character.AI is down.");
        JSONObject live = new JSONObject(get("live.json").body());
        assertThat(live.getString("health")).isEqualTo("MAJOR_OUTAGE");
        assertThat(live.getString("banner")).contains("Character.AI is down.");
        assertThat(get("no-such-page").statusCode()).isEqualTo(404);
    }
}
