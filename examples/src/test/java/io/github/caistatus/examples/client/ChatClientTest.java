package io.github.caistatus.examples.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatClientTest {

    private CharacterAiSimulator sim;
    private ChatClient client;

    @BeforeEach
    void start() {
        sim = CharacterAiSimulator.builder().slowDelay(Duration.ofSeconds(3)).start();
        client = new ChatClient(sim.chatUri(), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private static ChatException failure(ChatClient c) {
        try {
            c.send("hi");
        } catch (ChatException e) {
            return e;
        }
        throw new AssertionError("expected a ChatException");
    }

    @Test
    void returnsTheReplyText() {
        assertThat(client.send("hello")).contains("hello");
    }

    @Test
    void aServerErrorThrowsWithItsStatus() {
        sim.setMode(Mode.ERROR_500);

        ChatException e = failure(client);

        assertThat(e.kind()).isEqualTo(ChatException.Kind.HTTP_STATUS);
        assertThat(e.status()).hasValue(500);
        assertThat(e.getMessage()).isEqualTo("HTTP 500");
    }

    @Test
    void theWaitingRoomThrowsWithItsRetryAfter() {
        sim.setMode(Mode.WAITING_ROOM);

        ChatException e = failure(client);

        assertThat(e.status()).hasValue(429);
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(20));
    }

    @Test
    void aSlowServiceTimesOutWithinTheCallTimeout() {
        sim.setMode(Mode.SLOW);

        long start = System.nanoTime();
        ChatException e = failure(client);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.kind()).isEqualTo(ChatException.Kind.TIMEOUT);
        assertThat(took).isLessThan(Duration.ofMillis(500).plusSeconds(2));
    }

    @Test
    void aClosedPortIsANetworkFailure() {
        sim.setMode(Mode.REFUSED);

        ChatException e = failure(client);

        assertThat(e.kind()).isEqualTo(ChatException.Kind.NETWORK);
        assertThat(e.status()).isEmpty();
    }

    @Test
    void anInterruptedCallerGetsItsFlagBack() {
        sim.setMode(Mode.SLOW);
        Thread.currentThread().interrupt();
        try {
            ChatException e = failure(client);
            assertThat(e.kind()).isEqualTo(ChatException.Kind.INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsAddressesThatAreNotHttp() {
        assertThatThrownBy(() -> new ChatClient(URI.create("ftp://127.0.0.1/chat"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Bodies the simulator never sends, from WireMock. */
    @org.junit.jupiter.api.Nested
    class OddBodies {
        private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        private ChatClient odd;

        @BeforeEach
        void start() {
            wm.start();
            odd = new ChatClient(URI.create("http://127.0.0.1:" + wm.port() + "/chat"), Duration.ofSeconds(1));
        }

        @AfterEach
        void stop() {
            odd.close();
            wm.stop();
        }

        @Test
        void a200HtmlPageIsABadReply() {
            wm.stubFor(post("/chat").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/html").withBody("<title>Just a moment...</title>")));

            ChatException e = failure(odd);

            assertThat(e.kind()).isEqualTo(ChatException.Kind.BAD_REPLY);
            assertThat(e.getMessage()).contains("text/html");
        }

        @Test
        void jsonWithoutAReplyIsABadReply() {
            wm.stubFor(post("/chat").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"command\":\"neo_error\"}")));

            assertThat(failure(odd).kind()).isEqualTo(ChatException.Kind.BAD_REPLY);
        }

        @Test
        void anOversizedBodyIsCutOff() {
            wm.stubFor(post("/chat").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"reply\":\"" + "x".repeat(ChatClient.MAX_REPLY_BYTES) + "\"}")));

            ChatException e = failure(odd);

            assertThat(e.kind()).isEqualTo(ChatException.Kind.BAD_REPLY);
            assertThat(e.getMessage()).contains("longer than");
        }

        @Test
        void aDribbledBodyCannotOutlastTheTimeout() {
            wm.stubFor(post("/chat").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"reply\":\"slowly\"}")
                    .withChunkedDribbleDelay(10, 5_000)));

            long start = System.nanoTime();
            ChatException e = failure(odd);

            assertThat(e.kind()).isEqualTo(ChatException.Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void aResetConnectionIsANetworkFailure() {
            wm.stubFor(post("/chat").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            assertThat(failure(odd).kind()).isEqualTo(ChatException.Kind.NETWORK);
        }
    }
}
