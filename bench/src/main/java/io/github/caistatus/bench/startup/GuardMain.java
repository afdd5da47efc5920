package io.github.caistatus.bench.startup;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.CharacterAiStatusBuilder;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Start-up with cai-status: from JVM start to the first guarded call answered by a fallback, with no network.
 *
 * <p>By default the instance is the one a host would build, its three probes pointed at a loopback port
 * that refuses connections, and the chat call fails as it would without network. With the argument
 * {@code outage}, the instance has no HTTP probes but one that reports a major outage: the verdict holds the
 * breaker open and the fallback answers without the call being made.
 */
public final class GuardMain {

    private GuardMain() {
    }

    /**
     * Builds the instance, makes one guarded call, prints its answer, closes the instance.
     *
     * @param args {@code outage} for the outage variant
     * @throws IOException if no free loopback port can be found
     */
    public static void main(String[] args) throws IOException {
        boolean outage = args.length > 0 && args[0].equals("outage");
        CharacterAiStatusBuilder builder = CharacterAiStatus.builder();
        if (outage) {
            builder.noEndpoint().noStatusPage().noControl().background(false).downAfter(1).upAfter(1)
                    .probe(new io.github.caistatus.api.StatusProbe() {
                        @Override
                        public String name() {
                            return "endpoint";
                        }

                        @Override
                        public Signal probe() {
                            return Signal.of("endpoint", Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, Duration.ZERO,
                                    Instant.now(), "HTTP 503 (scripted)");
                        }
                    });
        } else {
            String base = "http://127.0.0.1:" + refusedPort();
            builder.endpoint(URI.create(base + "/health")).statusPage(URI.create(base + "/api/v2/summary.json"))
                    .control(URI.create(base + "/control"));
        }
        try (CharacterAiStatus status = builder.build()) {
            if (outage) {
                status.refresh();
            }
            String answer = status.guard().<String>call(() -> {
                throw new UncheckedIOException(new ConnectException("Connection refused"));
            }).fallback(ctx -> "fallback (" + ctx.reason() + ", verdict " + ctx.snapshot().health() + ")").get();
            System.out.println("cai-status: " + answer);
            Answered.print();
        }
    }

    /** A loopback port nobody listens on: bound, then released. */
    private static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
