package io.github.caistatus.examples.cli;

import io.github.caistatus.examples.web.WebApp;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code web}: a small web host app with the status page at {@code /}, {@code POST /chat} (guarded, falls back),
 * {@code GET /status} and {@code GET /health} (the host's own health, 200 while it answers). Runs until interrupted.
 */
@Command(name = "web",
        mixinStandardHelpOptions = true,
        description = {
            "A small web host app: GET / (the status page, live), POST /chat {\"message\":...} (guarded, answered by a"
                    + " fallback when Character.AI cannot), GET /status (the verdict as JSON), GET /health (this host's"
                    + " health: 200 while it answers, Character.AI's state as a detail).",
            "Without --endpoint it talks to the offline simulator, and POST /sim/mode {\"mode\":\"ERROR_500\"}"
                    + " (or ?mode=NAME) switches it (UP, SLOW, WAITING_ROOM, ERROR_500, CF_524, MAINTENANCE,"
                    + " REFUSED), like /mode in chat. Runs until Ctrl-C."})
public final class WebCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String bind;

    @Mixin
    HostOptions options;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (HostOptions.Host host = options.open();
             WebApp app = WebApp.start(new InetSocketAddress(bind, port), host.status(), host.chat(),
                     StatusReport::json, host.simulator())) {
            out.printf(Locale.ROOT, "listening on %s (GET / the status page, POST /chat, GET /status, GET /health%s); chat goes to %s%n",
                    app.uri(), host.simulator().isPresent() ? ", GET|POST /sim/mode" : "", host.chatUri());
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
