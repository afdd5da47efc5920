package io.github.caistatus.examples.cli;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.CharacterAiStatusBuilder;
import io.github.caistatus.examples.client.ChatClient;
import io.github.caistatus.examples.host.EchoBot;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What the {@code chat} and {@code web} host apps share: where chat goes (the offline simulator unless
 * {@code --endpoint} names a real chat route), the simulator's starting mode, and the per-reply timeout.
 */
public final class HostOptions {

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A chat route speaking POST {\"message\":...} -> {\"reply\":...}; status is then checked"
                    + " against the real Character.AI. Default: the offline simulator.")
    URI endpoint;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "The simulator's mode at start (default: ${DEFAULT-VALUE}).", defaultValue = "UP")
    Mode mode;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for one reply (default: ${DEFAULT-VALUE}).", defaultValue = "3s")
    Duration timeout;

    /**
     * Starts what the options ask for: the simulator (if no endpoint was given), a status instance watching it
     * (or the real Character.AI), and the guarded chat. Close the returned host when done.
     *
     * @return the running host
     */
    Host open() {
        Optional<CharacterAiSimulator> sim = endpoint == null ? Optional.of(CharacterAiSimulator.start())
                : Optional.empty();
        try {
            CharacterAiStatusBuilder builder = CharacterAiStatus.builder();
            sim.ifPresent(s -> {
                s.setMode(mode);
                builder.endpoint(s.healthUri()).statusPage(s.statusPageUri()).control(s.controlUri())
                        .timeout(Duration.ofSeconds(1))
                        .intervals(Duration.ofSeconds(2), Duration.ofSeconds(1));
            });
            URI chatUri = sim.map(CharacterAiSimulator::chatUri).orElse(endpoint);
            ChatClient client = new ChatClient(chatUri, timeout);
            CharacterAiStatus status = builder.build();
            GuardedChat chat = new GuardedChat(status.guard(), client::send, EchoBot.unlimited());
            return new Host(sim, chatUri, client, status, chat);
        } catch (RuntimeException e) {
            sim.ifPresent(CharacterAiSimulator::close);
            throw e;
        }
    }

    /**
     * A running host app's parts, closed in reverse order of creation.
     *
     * @param simulator the simulator, when no endpoint was given
     * @param chatUri   where chat messages go
     * @param client    the chat client
     * @param status    the status instance
     * @param chat      the guarded chat
     */
    record Host(Optional<CharacterAiSimulator> simulator, URI chatUri, ChatClient client, CharacterAiStatus status,
                GuardedChat chat) implements AutoCloseable {

        @Override
        public void close() {
            try {
                status.close();
                client.close();
            } finally {
                simulator.ifPresent(CharacterAiSimulator::close);
            }
        }
    }
}
