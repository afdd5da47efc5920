package io.github.caistatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CharacterAiSimulatorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CharacterAiSimulator sim;

    @BeforeEach
    void start() {
        sim = CharacterAiSimulator.builder()
                .clock(Clock.fixed(T0, ZoneOffset.UTC))
                .slowDelay(Duration.ofMillis(300))
                .start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(sim.chatUri()).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JSONObject summary() throws IOException, InterruptedException {
        HttpResponse<String> r = get(sim.statusPageUri());
        assertThat(r.statusCode()).isEqualTo(200);
        return new JSONObject(r.body());
    }

    private static String indicator(JSONObject summary) {
        return summary.getJSONObject("status").getString("indicator");
    }

    private static String component(JSONObject summary, String name) {
        JSONArray cs = summary.getJSONArray("components");
        for (int i = 0; i < cs.length(); i++) {
            if (cs.getJSONObject(i).getString("name").equals(name)) {
                return cs.getJSONObject(i).getString("status");
            }
        }
        throw new AssertionError("no component " + name + " in " + cs);
    }

    @Test
    void bindsBothHostsToLoopbackOnDistinctPorts() {
        assertThat(sim.serviceUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(sim.statusPageUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(sim.statusPageUri().getPort()).isNotEqualTo(sim.serviceUri().getPort());
    }

    @Nested
    class Up {
        @Test
        void chatAnswersTheMessageInJson() throws Exception {
            HttpResponse<String> r = chat("{\"message\":\"hello there\"}");

            assertThat(r.statusCode()).isEqualTo(200);
            JSONObject body = new JSONObject(r.body());
            assertThat(body.getString("reply")).contains("hello there");
            assertThat(body.getString("character")).isEqualTo(CharacterAiSimulator.CHARACTER);
            assertThat(sim.requests(CharacterAiSimulator.Route.CHAT)).isEqualTo(1);
        }

        @Test
        void healthSaysRedisIsUp() throws Exception {
            HttpResponse<String> r = get(sim.healthUri());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new JSONObject(r.body()).getString("redis")).isEqualTo("UP");
        }

        @Test
        void officialPageIsGreenWithoutIncidents() throws Exception {
            JSONObject s = summary();

            assertThat(indicator(s)).isEqualTo("none");
            assertThat(component(s, "Chat")).isEqualTo("operational");
            assertThat(s.getJSONArray("incidents").length()).isZero();
            assertThat(s.getJSONArray("scheduled_maintenances").length()).isZero();
            assertThat(s.getJSONObject("page").getString("updated_at")).isEqualTo(T0.toString());
        }

        @Test
        void chatRejectsABodyWithoutAMessage() throws Exception {
            assertThat(chat("not json").statusCode()).isEqualTo(400);
            assertThat(chat("{\"text\":\"hi\"}").statusCode()).isEqualTo(400);
        }

        @Test
        void chatRejectsGet() throws Exception {
            assertThat(get(sim.chatUri()).statusCode()).isEqualTo(405);
        }

        @Test
        void chatRejectsAnOversizedBody() throws Exception {
            String big = "{\"message\":\"" + "x".repeat(70_000) + "\"}";
            assertThat(chat(big).statusCode()).isEqualTo(413);
        }
    }

    @Test
    void slowAnswersCorrectlyButAfterTheDelay() throws Exception {
        sim.setMode(Mode.SLOW);

        long start = System.nanoTime();
        HttpResponse<String> r = get(sim.healthUri());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"redis\":\"UP\"}");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        JSONObject s = summary();
        assertThat(indicator(s)).isEqualTo("minor");
        assertThat(component(s, "Chat")).isEqualTo("degraded_performance");
    }

    @Nested
    class WaitingRoom {
        @BeforeEach
        void enter() {
            sim.setMode(Mode.WAITING_ROOM);
        }

        @Test
        void healthServesTheWaitingRoomPageWith200() throws Exception {
            HttpResponse<String> r = get(sim.healthUri());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(r.body()).contains("<title>Waiting Room powered by Cloudflare</title>");
        }

        @Test
        void chatGets429WithRetryAfter() throws Exception {
            HttpResponse<String> r = chat("{\"message\":\"hi\"}");

            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("20");
            assertThat(r.body()).contains("Waiting Room powered by Cloudflare");
        }

        @Test
        void officialPageShowsAMinorIncident() throws Exception {
            JSONObject s = summary();

            assertThat(indicator(s)).isEqualTo("minor");
            JSONObject incident = s.getJSONArray("incidents").getJSONObject(0);
            assertThat(incident.getString("impact")).isEqualTo("minor");
            assertThat(incident.getString("status")).isEqualTo("investigating");
            assertThat(incident.getJSONArray("incident_updates").length()).isEqualTo(1);
        }
    }

    @Test
    void error500FailsEveryServiceRouteAndThePageShowsAMajorOutage() throws Exception {
        sim.setMode(Mode.ERROR_500);

        assertThat(chat("{\"message\":\"hi\"}").statusCode()).isEqualTo(500);
        assertThat(get(sim.healthUri()).statusCode()).isEqualTo(500);
        JSONObject s = summary();
        assertThat(indicator(s)).isEqualTo("major");
        assertThat(component(s, "Chat")).isEqualTo("major_outage");
        assertThat(s.getJSONArray("incidents").getJSONObject(0).getString("impact")).isEqualTo("major");
    }

    @Test
    void cf524AnswersCloudflaresOriginTimeoutPage() throws Exception {
        sim.setMode(Mode.CF_524);

        HttpResponse<String> r = get(sim.healthUri());

        assertThat(r.statusCode()).isEqualTo(524);
        assertThat(r.headers().firstValue("Server")).hasValue("cloudflare");
        assertThat(r.body()).contains("A timeout occurred");
        assertThat(indicator(summary())).isEqualTo("major");
    }

    @Nested
    class Maintenance {
        private final Timeline day = Timeline.builder()
                .at(Duration.ZERO, Mode.UP)
                .at(Duration.ofSeconds(6), Mode.MAINTENANCE)
                .at(Duration.ofSeconds(9), Mode.UP)
                .build();

        @BeforeEach
        void load() {
            sim.load(day);
        }

        private JSONObject maintenance() throws Exception {
            JSONArray ms = summary().getJSONArray("scheduled_maintenances");
            assertThat(ms.length()).isEqualTo(1);
            return ms.getJSONObject(0);
        }

        @Test
        void isAnnouncedBeforeItStartsWhileTheServiceStillAnswers() throws Exception {
            sim.advanceTo(Duration.ofSeconds(3));

            JSONObject m = maintenance();
            assertThat(m.getString("status")).isEqualTo("scheduled");
            assertThat(m.getString("impact")).isEqualTo("maintenance");
            assertThat(m.getString("scheduled_for")).isEqualTo("2026-03-01T10:00:06Z");
            assertThat(m.getString("scheduled_until")).isEqualTo("2026-03-01T10:00:09Z");
            assertThat(indicator(summary())).isEqualTo("none");
            assertThat(get(sim.healthUri()).statusCode()).isEqualTo(200);
        }

        @Test
        void isInProgressDuringTheWindowWith503AndRetryAfterUntilItsEnd() throws Exception {
            sim.advanceTo(Duration.ofMillis(7_500));

            HttpResponse<String> r = chat("{\"message\":\"hi\"}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(maintenance().getString("status")).isEqualTo("in_progress");
            JSONObject s = summary();
            assertThat(indicator(s)).isEqualTo("maintenance");
            assertThat(component(s, "Chat")).isEqualTo("under_maintenance");
            assertThat(s.getJSONArray("incidents").length()).isZero();
        }

        @Test
        void isCompletedAfterTheWindowAndTheServiceIsBack() throws Exception {
            sim.advanceTo(Duration.ofSeconds(10));

            JSONObject m = maintenance();
            assertThat(m.getString("status")).isEqualTo("completed");
            assertThat(m.getString("resolved_at")).isEqualTo("2026-03-01T10:00:09Z");
            assertThat(indicator(summary())).isEqualTo("none");
            assertThat(chat("{\"message\":\"hi\"}").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Hang {
        @Test
        void acceptsTheCallAndAnswersOnlyWhenTheModeChanges() throws Exception {
            sim.setMode(Mode.HANG);
            long before = sim.requests(CharacterAiSimulator.Route.CHAT);
            var pending = http.sendAsync(HttpRequest.newBuilder(sim.chatUri())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.requests(CharacterAiSimulator.Route.CHAT) > before);
            assertThat(pending).isNotDone(); // accepted and read, never answered while the hang lasts
            assertThat(indicator(summary())).isEqualTo("none"); // the official page says nothing of it

            sim.setMode(Mode.UP);
            assertThat(pending.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Refused {
        @Test
        void closesTheServicePortWhileTheStatusPageStillAnswers() throws Exception {
            sim.setMode(Mode.REFUSED);

            assertThatThrownBy(() -> get(sim.healthUri())).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> chat("{\"message\":\"hi\"}")).isInstanceOf(ConnectException.class);
            JSONObject s = summary();
            assertThat(indicator(s)).isEqualTo("critical");
            assertThat(get(sim.controlUri()).statusCode()).isEqualTo(200);
        }

        @Test
        void reopensTheSamePortOnRecovery() throws Exception {
            URI before = sim.healthUri();
            sim.load(Timeline.builder().at(Duration.ZERO, Mode.UP).at(Duration.ofSeconds(1), Mode.REFUSED)
                    .at(Duration.ofSeconds(2), Mode.UP).build());
            assertThat(get(before).statusCode()).isEqualTo(200);

            sim.advanceTo(Duration.ofSeconds(1));
            assertThatThrownBy(() -> get(before)).isInstanceOf(ConnectException.class);

            sim.advanceTo(Duration.ofSeconds(2));
            assertThat(sim.healthUri()).isEqualTo(before);
            assertThat(get(before).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class OfficialPageBehaviour {
        @Test
        void aSilentPageStaysGreenDuringAnOutage() throws Exception {
            sim.setOfficialPage(OfficialPage.SILENT);
            sim.setMode(Mode.ERROR_500);

            JSONObject s = summary();
            assertThat(indicator(s)).isEqualTo("none");
            assertThat(s.getJSONArray("incidents").length()).isZero();
        }

        @Test
        void anInactivePageAnswers401OnBothDocuments() throws Exception {
            sim.setOfficialPage(OfficialPage.INACTIVE);

            HttpResponse<String> r = get(sim.statusPageUri());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("Your page is inactive");
            assertThat(get(sim.controlUri()).statusCode()).isEqualTo(401);
        }

        @Test
        void answers304ToAMatchingEtagAnd200OnceTheModeChanges() throws Exception {
            HttpResponse<String> first = get(sim.statusPageUri());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpRequest conditional = HttpRequest.newBuilder(sim.statusPageUri()).header("If-None-Match", etag).build();

            assertThat(http.send(conditional, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
            sim.setMode(Mode.ERROR_500);
            assertThat(http.send(conditional, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void playMovesThroughTheTimelineInRealTime() {
        sim.play(Timeline.builder().at(Duration.ZERO, Mode.UP).at(Duration.ofMillis(100), Mode.ERROR_500)
                .at(Duration.ofMillis(200), Mode.UP).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.mode() == Mode.ERROR_500);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.mode() == Mode.UP
                && sim.position().equals(Duration.ofMillis(200)));
    }

    @Test
    void loadCancelsATimelineBeingPlayed() throws Exception {
        sim.play(Timeline.builder().at(Duration.ZERO, Mode.UP).at(Duration.ofMillis(150), Mode.ERROR_500).build());
        sim.setMode(Mode.UP);

        // proving a negative without a sleep: the timeline thread runs in time order, so once a task for 300 ms
        // has run there, the cancelled step for 150 ms had its chance and did not take it
        CountDownLatch past = new CountDownLatch(1);
        sim.afterOnTimelineThread(Duration.ofMillis(300), past::countDown);
        assertThat(past.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.mode()).isEqualTo(Mode.UP);
        assertThat(get(sim.healthUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void closeStopsBothHostsAndLeavesNoThreadEvenWithASlowRequestInFlight() throws Exception {
        CharacterAiSimulator other = CharacterAiSimulator.start();
        other.setMode(Mode.SLOW);
        URI health = other.healthUri();
        URI page = other.statusPageUri();
        assertThat(get(page).statusCode()).isEqualTo(200);
        var inFlight = http.sendAsync(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> other.requests(CharacterAiSimulator.Route.HEALTH) == 1);

        other.close();
        other.close();

        assertThatThrownBy(() -> get(health)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> get(page)).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(other.threadPrefix())));
        assertThat(inFlight).failsWithin(Duration.ofSeconds(5));
        assertThatThrownBy(() -> other.setMode(Mode.UP)).isInstanceOf(IllegalStateException.class);
    }
}
