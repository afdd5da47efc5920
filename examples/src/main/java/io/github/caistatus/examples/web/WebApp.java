package io.github.caistatus.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.examples.host.Answer;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.page.StatusPageHandler;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A small web host app on the JDK's HTTP server, as a chat site would embed cai-status:
 * <ul>
 *   <li>{@code POST /chat} {@code {"message":"…"}} → {@code {"reply":"…","answeredBy":"primary","reason":null}},
 *       guarded, so it answers from a fallback when Character.AI cannot;</li>
 *   <li>{@code GET /} → the status page for people ({@link StatusPageHandler}): the verdict in plain words, the
 *       signals, 90 daily bars, the history, the ways to cope; with {@code /live.json} and {@code /events} (server-sent
 *       events) keeping it current without a reload;</li>
 *   <li>{@code GET /status} → the current verdict as JSON, for a status banner;</li>
 *   <li>{@code GET /health} → this host's own health, for a load balancer: 200 {@code {"status":"UP", …}} while it
 *       can answer, also while Character.AI is down (its chat then answers from fallbacks, which is the point), with
 *       Character.AI's state as a detail under {@code "characterAi"};</li>
 *   <li>with the offline simulator only: {@code GET /sim/mode} → {@code {"mode":"UP","modes":[…]}}, and
 *       {@code POST /sim/mode} with {@code {"mode":"ERROR_500"}} (or {@code ?mode=ERROR_500}) switches it, as
 *       {@code /mode} does in the console chat; an unknown mode is a 400 that lists the modes.</li>
 * </ul>
 *
 * <pre>{@code
 * try (WebApp app = WebApp.start(new InetSocketAddress("127.0.0.1", 8080), status, chat, StatusJson::of)) {
 *     ...
 * }
 * }</pre>
 */
public final class WebApp implements AutoCloseable {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final AtomicInteger APPS = new AtomicInteger();

    static {
        // The JDK server writes headers and body apart; with Nagle on, each answer then waits out the client's
        // delayed ACK (~40 ms on Linux loopback). Read once, when the JDK's server first loads: the host's own
        // choice, if it made one, stands.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CharacterAiStatus status;
    private final GuardedChat chat;
    private final Function<StatusSnapshot, JSONObject> statusJson;
    private final StatusPageHandler page;

    private WebApp(HttpServer server, ExecutorService executor, CharacterAiStatus status, GuardedChat chat,
                   Function<StatusSnapshot, JSONObject> statusJson) {
        this.page = StatusPageHandler.of(status);
        this.server = server;
        this.executor = executor;
        this.status = status;
        this.chat = chat;
        this.statusJson = statusJson;
    }

    /**
     * Binds and starts the app.
     *
     * @param address    where to listen (port 0 for any free port)
     * @param status     the status the routes report
     * @param chat       the guarded chat behind {@code /chat}
     * @param statusJson how a snapshot is written for {@code /status}
     * @return the running app
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static WebApp start(InetSocketAddress address, CharacterAiStatus status, GuardedChat chat,
                               Function<StatusSnapshot, JSONObject> statusJson) {
        return start(address, status, chat, statusJson, Optional.empty());
    }

    /**
     * Binds and starts the app, with the {@code /sim/mode} route when a simulator is given.
     *
     * @param address    where to listen (port 0 for any free port)
     * @param status     the status the routes report
     * @param chat       the guarded chat behind {@code /chat}
     * @param statusJson how a snapshot is written for {@code /status}
     * @param simulator  the simulator behind the chat, whose mode {@code /sim/mode} switches; or empty
     * @return the running app
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static WebApp start(InetSocketAddress address, CharacterAiStatus status, GuardedChat chat,
                               Function<StatusSnapshot, JSONObject> statusJson,
                               Optional<CharacterAiSimulator> simulator) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(statusJson, "statusJson");
        int id = APPS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "web-app-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        WebApp app = new WebApp(server, executor, status, chat, statusJson);
        server.createContext("/", app.page);
        server.createContext("/chat", app::chat);
        server.createContext("/status", app::status);
        server.createContext("/health", app::health);
        simulator.ifPresent(sim -> server.createContext("/sim/mode", ex -> app.simMode(ex, sim)));
        server.setExecutor(executor);
        server.start();
        return app;
    }

    /**
     * The app's base address, e.g. {@code http://127.0.0.1:8080/}.
     *
     * @return the address
     */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
    }

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                send(ex, 405, new JSONObject().put("error", "use POST"));
                return;
            }
            byte[] body = ex.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
            if (body.length > MAX_REQUEST_BYTES) {
                send(ex, 413, new JSONObject().put("error", "message too long"));
                return;
            }
            String message;
            try {
                message = new JSONObject(new String(body, StandardCharsets.UTF_8)).getString("message");
            } catch (JSONException e) {
                send(ex, 400, new JSONObject().put("error", "expected {\"message\":\"...\"}"));
                return;
            }
            Answer a = chat.send(message);
            send(ex, 200, new JSONObject()
                    .put("reply", a.text())
                    .put("answeredBy", a.by().label())
                    .put("reason", a.reason().<Object>map(Enum::name).orElse(JSONObject.NULL)));
        }
    }

    private void status(HttpExchange ex) throws IOException {
        try (ex) {
            send(ex, 200, statusJson.apply(status.snapshot()));
        }
    }

    /**
     * The host's health, not Character.AI's: answering at all proves the host is up, and while Character.AI is down
     * its chat still answers from fallbacks; a 503 here would take it out of the load balancer exactly then.
     */
    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            StatusSnapshot s = status.snapshot();
            send(ex, 200, new JSONObject()
                    .put("status", "UP")
                    .put("characterAi", new JSONObject()
                            .put("usable", s.health().isUsable())
                            .put("health", s.health().name())
                            .put("summary", s.summary())
                            .put("observedAt", s.observedAt().toString())));
        }
    }

    private void simMode(HttpExchange ex, CharacterAiSimulator sim) throws IOException {
        try (ex) {
            JSONArray modes = new JSONArray(Arrays.stream(Mode.values()).map(Mode::name).toList());
            if ("GET".equals(ex.getRequestMethod())) {
                send(ex, 200, new JSONObject().put("mode", sim.mode().name()).put("modes", modes));
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, POST");
                send(ex, 405, new JSONObject().put("error", "use GET or POST"));
                return;
            }
            byte[] body = ex.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
            String name = queryMode(ex.getRequestURI().getRawQuery());
            if (name == null) {
                try {
                    name = new JSONObject(new String(body, StandardCharsets.UTF_8)).getString("mode");
                } catch (JSONException e) {
                    send(ex, 400, new JSONObject().put("error", "expected {\"mode\":\"...\"} or ?mode=...")
                            .put("modes", modes));
                    return;
                }
            }
            Mode mode;
            try {
                mode = Mode.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                send(ex, 400, new JSONObject().put("error", "no mode " + name).put("modes", modes));
                return;
            }
            sim.setMode(mode);
            CompletableFuture.runAsync(status::refresh); // look again now, without holding the answer
            send(ex, 200, new JSONObject().put("mode", mode.name()).put("modes", modes));
        }
    }

    /** The {@code mode} parameter of a query string, or null. */
    private static String queryMode(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("mode=")) {
                return URLDecoder.decode(pair.substring("mode=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int code, JSONObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening and stops the app's threads. */
    @Override
    public void close() {
        page.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
