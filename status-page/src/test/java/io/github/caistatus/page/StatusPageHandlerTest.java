package io.github.caistatus.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler mounted under a path of the host's choice, on the JDK's server, with the simulator behind it. */
class StatusPageHandlerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CharacterAiSimulator sim;
    private CharacterAiStatus status;
    private HttpServer server;
    private ExecutorService executor;
    private StatusPageHandler page;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        sim = CharacterAiSimulator.start();
        status = CharacterAiStatus.builder()
                .endpoint(sim.healthUri()).statusPage(sim.statusPageUri()).control(sim.controlUri())
                .timeout(Duration.ofSeconds(2)).downAfter(1).upAfter(1).background(false).build();
        status.refresh();
        page = StatusPageHandler.of(status);
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page", page);
        server.setExecutor(executor);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page");
    }

    @AfterEach
    void stop() throws Exception {
        page.close();
        server.stop(0);
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        status.close();
        sim.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsServedUnderItsMountPointWithItsLiveJson() throws Exception {
        HttpResponse<String> bare = get("");
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/page/");

        HttpResponse<String> html = get("/");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(html.body()).contains("Character.AI is working.").contains("data-events=\"events\"");

        JSONObject live = new JSONObject(get("/live.json").body());
        assertThat(live.getString("health")).isEqualTo("OPERATIONAL");
        assertThat(live.getBoolean("usable")).isTrue();
        assertThat(live.getString("banner")).contains("Character.AI is working.");
        assertThat(live.getString("days")).contains("data-day=");

        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theEventStreamSendsTheVerdictAtOnceThenEachChangeAndEndsOnClose() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/events")).build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAcceptAsync(r -> {
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            r.body().forEach(lines::add);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains("\"OPERATIONAL\"")));
        assertThat(lines).contains("event: status");

        sim.setMode(Mode.ERROR_500);
        status.refresh();

        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data: ")
                && new JSONObject(l.substring(6)).getString("health").equals("MAJOR_OUTAGE")));

        page.close();
        reading.get(5, TimeUnit.SECONDS); // the stream ended: no thread left waiting on it
    }
}
