package io.github.caistatus.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the {@linkplain StatusPage status page} of a running {@link CharacterAiStatus} on the JDK's HTTP server,
 * at whatever path the host mounts it:
 * <ul>
 *   <li>{@code GET <path>/}: the page, rendered afresh for each request (works without JavaScript);</li>
 *   <li>{@code GET <path>/live.json}: what changes with each check (verdict, banner, signals, maintenance), as
 *       JSON, for polling clients;</li>
 *   <li>{@code GET <path>/events}: the same as server-sent events: a {@code status} event at once and after each
 *       new check, a {@code tick} every few seconds so the page can tell a silent server from a quiet one.</li>
 * </ul>
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * StatusPageHandler page = StatusPageHandler.of(status);
 * server.createContext("/status-page/", page);
 * server.setExecutor(Executors.newCachedThreadPool());   // each open page holds one thread for its event stream
 * server.start();
 * ...
 * page.close();                                          // ends the event streams
 * server.stop(0);
 * }</pre>
 *
 * <p>Each event stream holds one of the server's executor threads for up to {@value #STREAM_MINUTES} minutes
 * (browsers reconnect by themselves), and at most {@value #MAX_STREAMS} streams are open at once; more are answered
 * 503, which the page shows as lost contact. The handler starts no thread of its own.
 */
public final class StatusPageHandler implements HttpHandler, AutoCloseable {

    /** The most event streams open at once. */
    public static final int MAX_STREAMS = 64;
    /** How long one event stream stays open before the browser is asked to reconnect. */
    public static final int STREAM_MINUTES = 10;

    private static final Duration TICK = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 250;

    private final CharacterAiStatus status;
    private final Instant watchingSince;
    private final Object lock = new Object();
    private final AtomicInteger streams = new AtomicInteger();
    private final Map<String, Streak> streaks = new HashMap<>();
    private volatile boolean closed;
    private volatile Instant since;
    private long changes;

    private record Streak(String state, Instant lastSeen, int count) {
    }

    private StatusPageHandler(CharacterAiStatus status) {
        this.status = status;
        this.watchingSince = Instant.now();
        status.onChange((before, now) -> {
            if (closed) {
                return;
            }
            since = now.observedAt();
            observe(now);
            synchronized (lock) {
                changes++;
                lock.notifyAll();
            }
        });
    }

    /**
     * A handler for the page of {@code status}. It registers one listener on {@code status} to learn when the
     * verdict changes; after {@link #close()} that listener does nothing.
     *
     * @param status the running instance whose verdict and incidents the page shows
     * @return the handler; mount it with {@code server.createContext(path, handler)}
     */
    public static StatusPageHandler of(CharacterAiStatus status) {
        return new StatusPageHandler(Objects.requireNonNull(status, "status"));
    }

    /**
     * The page as this handler would serve it now, for a host that serves it another way.
     *
     * @return the HTML document
     */
    public String render() {
        return builder(status.snapshot()).render();
    }

    private StatusPage.Builder builder(StatusSnapshot s) {
        observe(s);
        StatusPage.Builder b = StatusPage.builder().snapshot(s).incidents(status.incidents())
                .watchingSince(watchingSince).streaks(streakCounts()).liveUpdates("events");
        Optional.ofNullable(since).ifPresent(b::since);
        return b;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String base = ex.getHttpContext().getPath();
            String path = ex.getRequestURI().getPath();
            String rest = path.length() >= base.length() ? path.substring(base.length()) : "";
            if (rest.startsWith("/")) {
                rest = rest.substring(1);
            }
            if (!rest.isEmpty() && !rest.equals("index.html") && !rest.equals("live.json") && !rest.equals("events")) {
                send(ex, 404, "text/plain; charset=utf-8", "no such page: " + path);
                return;
            }
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "use GET");
                return;
            }
            if (rest.isEmpty() && !path.endsWith("/")) {
                // relative links ("events") must resolve under the mount point
                ex.getResponseHeaders().set("Location", path + "/");
                send(ex, 308, "text/plain; charset=utf-8", "moved to " + path + "/");
                return;
            }
            switch (rest) {
                case "", "index.html" -> send(ex, 200, "text/html; charset=utf-8", render());
                case "live.json" -> send(ex, 200, "application/json",
                        builder(status.snapshot()).writer().live().toString());
                default -> {
                    if ("HEAD".equals(method)) {
                        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                        ex.sendResponseHeaders(200, -1);
                    } else {
                        events(ex);
                    }
                }
            }
        }
    }

    private void events(HttpExchange ex) throws IOException {
        if (closed || streams.incrementAndGet() > MAX_STREAMS) {
            if (!closed) {
                streams.decrementAndGet();
            }
            ex.getResponseHeaders().set("Retry-After", "5");
            send(ex, 503, "text/plain; charset=utf-8", "too many open status pages; try again shortly");
            return;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 1000\n\n");
            long end = System.nanoTime() + Duration.ofMinutes(STREAM_MINUTES).toNanos();
            long nextTick = System.nanoTime() + TICK.toNanos();
            StatusSnapshot last = null;
            while (!closed && System.nanoTime() - end < 0) {
                long seen;
                synchronized (lock) {
                    seen = changes;
                }
                StatusSnapshot s = status.snapshot();
                if (!s.equals(last)) {
                    String data = builder(s).writer().live().toString();
                    write(out, "event: status\ndata: " + data + "\n\n");
                    last = s;
                    nextTick = System.nanoTime() + TICK.toNanos();
                } else if (System.nanoTime() - nextTick >= 0) {
                    write(out, "event: tick\ndata: " + Instant.now() + "\n\n");
                    nextTick = System.nanoTime() + TICK.toNanos();
                }
                synchronized (lock) {
                    if (changes == seen && !closed) {
                        lock.wait(POLL_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away: nothing to do
        } finally {
            streams.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Counts, per probe, the distinct checks in a row that said the same as the latest. */
    private void observe(StatusSnapshot s) {
        synchronized (streaks) {
            for (Signal g : s.signals()) {
                String state = g.health() + " " + g.detail();
                Streak old = streaks.get(g.probe());
                if (old == null || !old.state().equals(state)) {
                    streaks.put(g.probe(), new Streak(state, g.observedAt(), 1));
                } else if (!old.lastSeen().equals(g.observedAt())) {
                    streaks.put(g.probe(), new Streak(state, g.observedAt(), old.count() + 1));
                }
            }
        }
    }

    private Map<String, Integer> streakCounts() {
        Map<String, Integer> out = new HashMap<>();
        synchronized (streaks) {
            streaks.forEach((k, v) -> out.put(k, v.count()));
        }
        return out;
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Ends every open event stream (each within a fraction of a second) and refuses new ones; idempotent. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
