package io.github.caistatus.examples.cli;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.examples.client.ChatClient;
import io.github.caistatus.examples.host.EchoBot;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.examples.sim.CharacterAiSimulator;
import io.github.caistatus.examples.sim.Mode;
import io.github.caistatus.examples.web.WebApp;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code web}: a small web host app with {@code POST /chat} (guarded, falls back), {@code GET /status} and
 * {@code GET /health} (200 or 503, for a load balancer). Runs until interrupted.
 */
@Command(name = "web",
        mixinStandardHelpOptions = true,
        description = {
            "A small web host app: POST /chat {\"message\":...} (guarded, answered by a fallback when Character.AI"
                    + " cannot), GET /status (the verdict as JSON), GET /health (200 while usable, else 503).",
            "Without --endpoint it talks to the offline simulator. Runs until Ctrl-C."})
public final class WebCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A chat route speaking POST {\"message\":...} -> {\"reply\":...}; status is then checked"
                    + " against the real Character.AI. Default: the offline simulator.")
    URI endpoint;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "The simulator's mode (default: ${DEFAULT-VALUE}).", defaultValue = "UP")
    Mode mode;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for one reply (default: ${DEFAULT-VALUE}).", defaultValue = "3s")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<CharacterAiSimulator> sim = endpoint == null ? Optional.of(CharacterAiSimulator.start())
                : Optional.empty();
        try {
            CharacterAiStatus.Builder builder = CharacterAiStatus.builder();
            sim.ifPresent(s -> {
                s.setMode(mode);
                builder.endpoint(s.healthUri()).statusPage(s.statusPageUri()).control(s.controlUri())
                        .timeout(Duration.ofSeconds(1))
                        .intervals(Duration.ofSeconds(2), Duration.ofSeconds(1));
            });
            URI chatUri = sim.map(CharacterAiSimulator::chatUri).orElse(endpoint);
            try (ChatClient cai = new ChatClient(chatUri, timeout);
                 CharacterAiStatus status = builder.build();
                 WebApp app = WebApp.start(new InetSocketAddress(bind, port), status,
                         new GuardedChat(status.guard(), cai::send, EchoBot.unlimited()), StatusReport::json)) {
                out.printf("listening on %s (POST /chat, GET /status, GET /health); chat goes to %s%n",
                        app.uri(), chatUri);
                out.flush();
                new CountDownLatch(1).await();
            }
        } finally {
            sim.ifPresent(CharacterAiSimulator::close);
        }
        return 0;
    }
}
