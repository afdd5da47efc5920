package io.github.caistatus.examples.cli;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.examples.host.Answer;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat}: a console chat that keeps answering when Character.AI cannot. Talks to the offline simulator
 * unless {@code --endpoint} names a real chat route.
 */
@Command(name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "An interactive console chat through the guard: Character.AI first, then a backup bot, then a canned"
                    + " reply saying why and for how long. Reads lines from stdin until end of input or /quit.",
            "Without --endpoint it talks to the offline simulator; then '/mode NAME' switches the simulator"
                    + " (UP, SLOW, WAITING_ROOM, ERROR_500, CF_524, MAINTENANCE, REFUSED) to try the fallbacks.",
            "'/status' prints the current verdict, '/help' the commands."})
public final class ChatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HostOptions options;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (HostOptions.Host host = options.open()) {
            out.printf(Locale.ROOT, "chatting with %s%s; /help for commands, /quit to leave%n", host.chatUri(),
                    host.simulator().isPresent() ? " (the offline simulator; /mode NAME to break it)" : "");
            out.flush();
            converse(host.chat(), host.status(), host.simulator(), out);
        }
        return 0;
    }

    private static void converse(GuardedChat chat, CharacterAiStatus status, Optional<CharacterAiSimulator> sim,
                                 PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        boolean interactive = System.console() != null;
        while (true) {
            if (interactive) {
                out.print("you> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null || line.strip().equals("/quit")) {
                return;
            }
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("/")) {
                command(text, status, sim, out);
            } else {
                Answer a = chat.send(text);
                out.printf(Locale.ROOT, "[%s%s] %s%n", a.by().label(), a.reason().map(r -> ": " + r).orElse(""), a.text());
            }
            out.flush();
        }
    }

    /** The simulator's modes, as a user types them. */
    static final String MODES = Arrays.stream(Mode.values()).map(Mode::name).collect(Collectors.joining(", "));

    private static void command(String text, CharacterAiStatus status, Optional<CharacterAiSimulator> sim,
                                PrintWriter out) {
        String[] words = text.split("\\s+");
        switch (words[0]) {
            case "/help" -> {
                out.println("/status      the current verdict: health, cause, summary");
                out.println("/mode NAME   switch the simulator to NAME, one of " + MODES
                        + (sim.isEmpty() ? " (only with the simulator)" : ""));
                out.println("/help        this list");
                out.println("/quit        leave (so does end of input)");
                out.println("anything else is a message to Character.AI");
            }
            case "/status" -> out.printf(Locale.ROOT, "status: %s (%s) %s%n", status.snapshot().health(),
                    status.snapshot().cause(), status.snapshot().summary());
            case "/mode" -> {
                if (sim.isEmpty()) {
                    out.println("/mode only works with the simulator");
                } else if (words.length != 2) {
                    out.println("usage: /mode NAME, one of " + MODES);
                } else {
                    try {
                        Mode m = Mode.valueOf(words[1].toUpperCase(Locale.ROOT));
                        sim.get().setMode(m);
                        // look again now, off the prompt's thread: a slow mode must not hold the prompt
                        CompletableFuture.runAsync(status::refresh);
                        out.printf(Locale.ROOT, "simulator: %s%n", m);
                    } catch (IllegalArgumentException e) {
                        out.printf(Locale.ROOT, "no mode %s; the modes are %s%n", words[1], MODES);
                    }
                }
            }
            default -> out.printf(Locale.ROOT, "unknown command %s (try /help)%n", words[0]);
        }
    }
}
