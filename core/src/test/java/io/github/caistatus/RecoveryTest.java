package io.github.caistatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.caistatus.api.Health;
import io.github.caistatus.guard.CallCounts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Coming back up: the real monitor and guard, with short intervals, against a loopback Character.AI whose health
 * route and chat route fail the same way, then recover. Whatever the outage sent ({@code Retry-After} of an hour,
 * of a day, of a minute, or none), a guarded call is answered by Character.AI again within about two unhealthy
 * intervals of the recovery, not when the header or the breaker's open time runs out.
 */
class RecoveryTest {

    private static final Duration HEALTHY = Duration.ofSeconds(1);
    private static final Duration UNHEALTHY = Duration.ofMillis(300);
    /** Two unhealthy intervals, plus room for a loaded 2-core machine; far below any hold of the outages. */
    private static final Duration RECOVERY_BOUND = UNHEALTHY.multipliedBy(2).plus(Duration.ofMillis(2_400));
    private static final String REPLY = "hello from character.ai";

    /** How the service fails; the health route and the chat route answer alike. */
    enum Outage {
        MAINTENANCE_503_RETRY_AFTER_HOUR(503, "3600", "<html><title>Down for maintenance</title></html>"),
        OVERLOAD_503_RETRY_AFTER_DAY(503, "86400", "{\"error\":\"overloaded\"}"),
        WAITING_ROOM_429_RETRY_AFTER_MINUTE(429, "60",
                "<html><head><title>Waiting Room powered by Cloudflare</title></head></html>"),
        PLAIN_500(500, null, "Internal Server Error");

        final int status;
        final String retryAfter;
        final String body;

        Outage(int status, String retryAfter, String body) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }
    }

    private HttpServer server;
    private ExecutorService serverThreads;
    private volatile Outage outage;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.createContext("/health", ex -> answer(ex, "{\"redis\":\"UP\"}"));
        server.createContext("/chat", ex -> answer(ex, REPLY));
        server.createContext("/control", ex -> send(ex, 204, null, null));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void answer(HttpExchange ex, String healthy) throws IOException {
        Outage o = outage;
        if (o == null) {
            send(ex, 200, null, healthy);
        } else {
            send(ex, o.status, o.retryAfter, o.body);
        }
    }

    private static void send(HttpExchange ex, int status, String retryAfter, String body) throws IOException {
        try (ex) {
            if (retryAfter != null) {
                ex.getResponseHeaders().set("Retry-After", retryAfter);
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The host's chat client: the reply, or an exception for any answer but 200. */
    private String chatOverHttp() {
        try {
            HttpURLConnection c = (HttpURLConnection) at("/chat").toURL().openConnection();
            c.setConnectTimeout(2_000);
            c.setReadTimeout(2_000);
            try {
                int status = c.getResponseCode();
                if (status != 200) {
                    throw new IllegalStateException("HTTP " + status);
                }
                try (InputStream in = c.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String guardedChat(CharacterAiStatus status, RecoveryTest host) {
        return status.guard().call(host::chatOverHttp).fallback(ctx -> "fallback: " + ctx.reason()).get();
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void aGuardedCallIsAnsweredByCharacterAiWithinAboutTwoUnhealthyIntervalsOfRecovery(Outage kind) {
        try (CharacterAiStatus status = CharacterAiStatus.builder()
                .endpoint(at("/health"))
                .noStatusPage()
                .control(at("/control"))
                .intervals(HEALTHY, UNHEALTHY)
                .timeout(Duration.ofSeconds(2))
                .build()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> status.snapshot().health() == Health.OPERATIONAL);
            assertThat(guardedChat(status, this)).isEqualTo(REPLY);

            outage = kind;
            // the host keeps chatting through the outage until the breaker is held open (by the verdict, or by
            // its own failures for a waiting room, which the verdict reads as usable)
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(guardedChat(status, this)).startsWith("fallback: ");
                CircuitBreaker.State state = status.guard().circuitBreaker().getState();
                return !status.snapshot().health().isUsable() || state == CircuitBreaker.State.OPEN;
            });
            // and a while longer, so that every hold is in place: probes replaying, a failed trial or two
            long outageSeen = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(guardedChat(status, this)).startsWith("fallback: ");
                return System.nanoTime() - outageSeen > UNHEALTHY.multipliedBy(3).toNanos();
            });

            outage = null;
            long recovered = System.nanoTime();
            long[] verdictBack = {-1};
            await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(10)).until(() -> {
                if (verdictBack[0] < 0 && status.snapshot().health() == Health.OPERATIONAL) {
                    verdictBack[0] = System.nanoTime();
                }
                return REPLY.equals(guardedChat(status, this));
            });
            long answered = System.nanoTime();
            // the host chatting on, the verdict follows within the same bound
            await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                guardedChat(status, this);
                assertThat(status.snapshot().health()).as(() -> status.snapshot().summary())
                        .isEqualTo(Health.OPERATIONAL);
            });
            if (verdictBack[0] < 0) {
                verdictBack[0] = System.nanoTime();
            }
            CallCounts counts = status.guard().callCounts();
            System.out.printf("recovery %s: first guarded call answered by Character.AI after %d ms, verdict "
                            + "operational after %d ms (healthy %d ms, unhealthy %d ms); %s%n", kind,
                    (answered - recovered) / 1_000_000, (verdictBack[0] - recovered) / 1_000_000,
                    HEALTHY.toMillis(), UNHEALTHY.toMillis(), counts);
            assertThat(counts.trials()).as("trial calls were let through while held open").isPositive();
        }
    }
}
