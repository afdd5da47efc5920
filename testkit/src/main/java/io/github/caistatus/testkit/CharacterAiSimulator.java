package io.github.caistatus.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONException;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scriptable fake of Character.AI on loopback, for offline demos and tests: a chat route and a health route on
 * the "service" host, and a Statuspage-style official page on a second "status" host (as in real life, the
 * status page is somewhere else, so it keeps answering when the service refuses connections).
 *
 * <pre>{@code
 * try (CharacterAiSimulator sim = CharacterAiSimulator.start()) {
 *     sim.setMode(Mode.ERROR_500);                       // or a whole day:
 *     sim.load(day);  sim.advanceTo(Duration.ofSeconds(4));   // tests move time themselves
 *     sim.play(day);                                     // the demo lets it run in real time
 * }
 * }</pre>
 *
 * <p>Routes of the service ({@link #serviceUri()}): {@code POST /chat} with {@code {"message":"…"}} answers
 * {@code {"reply":"…","character":"…"}}; {@code GET /health} answers {@code {"redis":"UP"}} when well. Routes of
 * the status host: {@code GET /api/v2/summary.json} and {@code GET /api/v2/status.json}. What each mode serves is
 * described on {@link Mode}. Both hosts bind to 127.0.0.1 on ephemeral ports; nothing leaves the machine.
 *
 * <p>Thread-safe. {@link #close()} stops both hosts and every thread the simulator started.
 */
public final class CharacterAiSimulator implements AutoCloseable {

    /** The Cloudflare waiting room page's title, which the endpoint probe recognises. */
    public static final String WAITING_ROOM_TITLE = "Waiting Room powered by Cloudflare";
    /** The simulated character's name, in chat replies. */
    public static final String CHARACTER = "Sim";

    private static final Logger LOG = LoggerFactory.getLogger(CharacterAiSimulator.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        // The JDK server writes headers and body apart; with Nagle on, each answer then waits out the client's
        // delayed ACK (~40 ms on Linux loopback). Read once, when the JDK's server first loads: the host's own
        // choice, if it made one, stands.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The routes whose requests the simulator counts. */
    public enum Route {
        /** {@code POST /chat} on the service. */
        CHAT,
        /** {@code GET /health} on the service. */
        HEALTH,
        /** {@code /api/v2/summary.json} and {@code /api/v2/status.json} on the status host. */
        STATUS_PAGE
    }

    /** The timeline, where we are in it, and when it started: swapped whole, read without locks. */
    private record State(Timeline timeline, Duration position, Instant started) {
        Mode mode() {
            return timeline.modeAt(position);
        }

        Duration stepStart() {
            Duration start = Duration.ZERO;
            for (Timeline.Step s : timeline.steps()) {
                if (s.offset().compareTo(position) > 0) {
                    break;
                }
                start = s.offset();
            }
            return start;
        }
    }

    private final String threadPrefix = "cai-sim-" + INSTANCES.incrementAndGet() + "-";
    private final Clock clock;
    private final Duration slowDelay;
    private final Duration waitingRoomRetryAfter;
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final ExecutorService handlers;
    private final ScheduledExecutorService scheduler;
    private final HttpServer statusHost;
    private final int servicePort;
    private final Map<Route, AtomicLong> counts = new EnumMap<>(Route.class);
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    private volatile State state;
    private volatile OfficialPage officialPage;
    /** The service host; null while {@link Mode#REFUSED}. Guarded by {@code this}. */
    private HttpServer serviceHost;
    private volatile boolean closed;

    private CharacterAiSimulator(Builder b) throws IOException {
        this.clock = b.clock;
        this.slowDelay = b.slowDelay;
        this.waitingRoomRetryAfter = b.waitingRoomRetryAfter;
        this.officialPage = b.officialPage;
        for (Route r : Route.values()) {
            counts.put(r, new AtomicLong());
        }
        this.handlers = Executors.newCachedThreadPool(daemons(threadPrefix + "http-"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemons(threadPrefix + "timeline-"));
        this.state = new State(Timeline.constant(Mode.UP), Duration.ZERO, clock.instant());
        try {
            this.serviceHost = bindService(0);
            this.servicePort = serviceHost.getAddress().getPort();
            this.statusHost = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
            statusHost.createContext("/api/v2/summary.json", ex -> statusPage(ex, true));
            statusHost.createContext("/api/v2/status.json", ex -> statusPage(ex, false));
            statusHost.setExecutor(handlers);
            statusHost.start();
        } catch (IOException | RuntimeException e) {
            if (serviceHost != null) {
                serviceHost.stop(0);
            }
            handlers.shutdownNow();
            scheduler.shutdownNow();
            throw e;
        }
    }

    /**
     * Starts a simulator with the defaults: {@link Mode#UP}, an honest official page, a 2 s slow delay.
     *
     * @return the running simulator
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static CharacterAiSimulator start() {
        return builder().start();
    }

    /**
     * Configures a simulator.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The service's base address, e.g. {@code http://127.0.0.1:40123/}.
     *
     * @return the address
     */
    public URI serviceUri() {
        return URI.create("http://" + loopback.getHostAddress() + ":" + servicePort + "/");
    }

    /**
     * The chat route: {@code POST} {@code {"message":"…"}}.
     *
     * @return the address
     */
    public URI chatUri() {
        return serviceUri().resolve("chat");
    }

    /**
     * The health route, what the endpoint probe checks.
     *
     * @return the address
     */
    public URI healthUri() {
        return serviceUri().resolve("health");
    }

    /**
     * The official page's {@code summary.json} on the status host.
     *
     * @return the address
     */
    public URI statusPageUri() {
        return statusBase().resolve("api/v2/summary.json");
    }

    /**
     * An address on the status host for the control probe: it answers whatever the service does.
     *
     * @return the address of {@code status.json}
     */
    public URI controlUri() {
        return statusBase().resolve("api/v2/status.json");
    }

    private URI statusBase() {
        return URI.create("http://" + loopback.getHostAddress() + ":" + statusHost.getAddress().getPort() + "/");
    }

    /**
     * The mode the service is in now.
     *
     * @return the mode
     */
    public Mode mode() {
        return state.mode();
    }

    /**
     * Where the simulator is in its timeline.
     *
     * @return the offset from the timeline's start
     */
    public Duration position() {
        return state.position();
    }

    /**
     * Switches to one mode for ever (a timeline of one step), cancelling any timeline being played.
     *
     * @param mode the mode
     */
    public void setMode(Mode mode) {
        load(Timeline.constant(mode));
    }

    /**
     * Loads a timeline at its start, to be moved through with {@link #advanceTo(Duration)}; cancels any timeline
     * being played. The status page announces the timeline's maintenances from now on.
     *
     * @param timeline the script
     */
    public synchronized void load(Timeline timeline) {
        Objects.requireNonNull(timeline, "timeline");
        cancelScheduled();
        moveTo(new State(timeline, Duration.ZERO, clock.instant()));
    }

    /**
     * Moves the loaded timeline to an offset from its start, applying that offset's mode at once (closing or
     * reopening the service's port for {@link Mode#REFUSED}). Moving backwards is allowed.
     *
     * @param position the offset
     * @throws UncheckedIOException if the service's port, released while refusing, cannot be bound again
     */
    public synchronized void advanceTo(Duration position) {
        Objects.requireNonNull(position, "position");
        if (position.isNegative()) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        State s = state;
        moveTo(new State(s.timeline(), position, s.started()));
    }

    /**
     * Plays a timeline in real time on the simulator's own daemon thread: each step starts its offset after now.
     * Compress a day by giving the steps offsets of seconds.
     *
     * @param timeline the script
     */
    public synchronized void play(Timeline timeline) {
        load(timeline);
        for (Timeline.Step step : timeline.steps()) {
            if (step.offset().isZero()) {
                continue;
            }
            Duration at = step.offset();
            scheduled.add(scheduler.schedule(() -> {
                try {
                    advanceTo(at);
                } catch (RuntimeException e) {
                    // nobody waits on these futures: say it, or a step would vanish without a trace
                    LOG.warn("simulator could not move to {}: {}", at, e.getMessage());
                }
            }, at.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Changes how the official page behaves: honest, silent, or inactive (401).
     *
     * @param behaviour the behaviour
     */
    public void setOfficialPage(OfficialPage behaviour) {
        this.officialPage = Objects.requireNonNull(behaviour, "behaviour");
    }

    /**
     * How many requests a route has received since the simulator started (requests refused at the socket are
     * not counted: they never arrive).
     *
     * @param route the route
     * @return the count
     */
    public long requests(Route route) {
        return counts.get(route).get();
    }

    /** Stops both hosts and every thread of the simulator. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelScheduled();
        scheduler.shutdownNow();
        if (serviceHost != null) {
            serviceHost.stop(0);
            serviceHost = null;
        }
        statusHost.stop(0);
        // interrupts handlers sleeping in SLOW mode
        handlers.shutdownNow();
    }

    /** The prefix of this simulator's thread names, for tests that check none is left. */
    String threadPrefix() {
        return threadPrefix;
    }

    /**
     * Runs a task on the timeline's own thread after a delay, for tests: that thread runs what it was given in
     * time order, so once this task has run, every step played for an earlier offset has run or was cancelled.
     */
    void afterOnTimelineThread(Duration delay, Runnable task) {
        scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelScheduled() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }

    /** Applies a new state; the only place the service's port is released or bound again. Holds {@code this}. */
    private void moveTo(State next) {
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        boolean refuse = next.mode() == Mode.REFUSED;
        if (refuse && serviceHost != null) {
            serviceHost.stop(0);
            serviceHost = null;
        } else if (!refuse && serviceHost == null) {
            try {
                serviceHost = bindService(servicePort);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the simulated service to port " + servicePort
                        + " again", e);
            }
        }
        state = next;
    }

    private HttpServer bindService(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
        server.createContext("/chat", this::chat);
        server.createContext("/health", this::health);
        server.setExecutor(handlers);
        server.start();
        return server;
    }

    // ---------------------------------------------------------------- service routes

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            counts.get(Route.CHAT).incrementAndGet();
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                send(ex, 405, "text/plain", "use POST");
                return;
            }
            byte[] body = readCapped(ex.getRequestBody());
            if (body == null) {
                send(ex, 413, "text/plain", "message too long");
                return;
            }
            if (failed(ex)) {
                return;
            }
            String message;
            try {
                message = new JSONObject(new String(body, StandardCharsets.UTF_8)).getString("message");
            } catch (JSONException e) {
                send(ex, 400, "application/json", new JSONObject()
                        .put("error", "expected {\"message\":\"…\"}").toString());
                return;
            }
            send(ex, 200, "application/json", new JSONObject()
                    .put("reply", reply(message))
                    .put("character", CHARACTER)
                    .toString());
        }
    }

    private static String reply(String message) {
        String trimmed = message.strip();
        if (trimmed.isEmpty()) {
            return "…";
        }
        return "You said \"" + trimmed + "\". Tell me more!";
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            counts.get(Route.HEALTH).incrementAndGet();
            if (failed(ex)) {
                return;
            }
            send(ex, 200, "application/json", "{\"redis\":\"UP\"}");
        }
    }

    /**
     * Answers per the current mode when it is a failing one, or waits out the slow delay.
     *
     * @return true if the exchange was answered with a failure
     */
    private boolean failed(HttpExchange ex) throws IOException {
        State s = state;
        if (s.mode() == Mode.HANG) {
            if (!hang()) {
                send(ex, 503, "text/plain", "simulator shutting down");
                return true;
            }
            s = state; // the hang is over: answer as the new mode does
        }
        switch (s.mode()) {
            case UP, REFUSED, HANG -> {
                // REFUSED never gets here but for a request accepted just before the port closed: serve it
                return false;
            }
            case SLOW -> {
                try {
                    Thread.sleep(slowDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    send(ex, 503, "text/plain", "simulator shutting down");
                    return true;
                }
                return false;
            }
            case WAITING_ROOM -> {
                boolean get = "GET".equals(ex.getRequestMethod()) || "HEAD".equals(ex.getRequestMethod());
                if (!get) {
                    ex.getResponseHeaders().set("Retry-After", Long.toString(waitingRoomRetryAfter.toSeconds()));
                }
                ex.getResponseHeaders().set("Cache-Control", "no-store");
                send(ex, get ? 200 : 429, "text/html; charset=UTF-8", waitingRoomPage());
                return true;
            }
            case ERROR_500 -> {
                send(ex, 500, "text/plain", "500 Internal Server Error");
                return true;
            }
            case CF_524 -> {
                ex.getResponseHeaders().set("Server", "cloudflare");
                send(ex, 524, "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>"
                        + "character.ai | 524: A timeout occurred</title></head><body><h1>Error 524</h1>"
                        + "<p>A timeout occurred</p><p>The origin web server timed out responding to this request."
                        + "</p><p>Cloudflare Ray ID: 0000000000000000</p></body></html>");
                return true;
            }
            case MAINTENANCE -> {
                ex.getResponseHeaders().set("Retry-After", Long.toString(maintenanceLeft(s).toSeconds()));
                send(ex, 503, "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>Character.AI"
                        + " - Maintenance</title></head><body><h1>We'll be right back</h1><p>Character.AI is"
                        + " down for scheduled maintenance.</p></body></html>");
                return true;
            }
            default -> throw new IllegalStateException("unhandled mode " + s.mode());
        }
    }

    /**
     * Holds a request while the mode is {@link Mode#HANG}: checks the mode every 20 ms (a bounded wait: the
     * simulator's close interrupts it).
     *
     * @return false if interrupted (the simulator is closing)
     */
    private boolean hang() {
        while (state.mode() == Mode.HANG && !closed) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    private static Duration maintenanceLeft(State s) {
        for (Timeline.Window w : s.timeline().maintenanceWindows()) {
            Duration end = w.end().orElse(w.start().plus(StatusPageDocument.OPEN_MAINTENANCE_LENGTH));
            if (w.start().compareTo(s.position()) <= 0 && s.position().compareTo(end) < 0) {
                Duration left = end.minus(s.position());
                // Retry-After is whole seconds; never tell a caller to come back before the window ends
                return Duration.ofSeconds(Math.max(1, (left.toMillis() + 999) / 1000));
            }
        }
        return Duration.ofSeconds(1);
    }

    private static String waitingRoomPage() {
        return "<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"UTF-8\">"
                + "<meta http-equiv=\"refresh\" content=\"20\"><title>" + WAITING_ROOM_TITLE + "</title></head>"
                + "<body><h1>You are now in line.</h1><p>Thank you for your patience.</p>"
                + "<p>We are experiencing a high volume of traffic and using a waiting room to manage it.</p>"
                + "</body></html>";
    }

    // ---------------------------------------------------------------- status host

    private void statusPage(HttpExchange ex, boolean summary) throws IOException {
        try (ex) {
            counts.get(Route.STATUS_PAGE).incrementAndGet();
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "use GET");
                return;
            }
            OfficialPage behaviour = officialPage;
            if (behaviour == OfficialPage.INACTIVE) {
                send(ex, 401, "text/plain", "Your page is inactive");
                return;
            }
            State s = state;
            StatusPageDocument.Moment moment = new StatusPageDocument.Moment(s.mode(), s.position(), s.stepStart(),
                    s.started(), s.timeline().maintenanceWindows());
            URI base = statusBase();
            String body = (summary ? StatusPageDocument.summary(moment, behaviour, base)
                    : StatusPageDocument.status(moment, behaviour, base)).toString();
            String etag = "\"" + sha256(body) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Cache-Control", "max-age=0, private, must-revalidate");
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            send(ex, 200, "application/json; charset=utf-8", body);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request body, or null when it is longer than {@link #MAX_REQUEST_BYTES}. */
    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link CharacterAiSimulator}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration slowDelay = Duration.ofSeconds(2);
        private Duration waitingRoomRetryAfter = Duration.ofSeconds(20);
        private OfficialPage officialPage = OfficialPage.HONEST;

        private Builder() {
        }

        /**
         * The clock that dates the timeline's start on the status page (default: the system clock, UTC).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How late {@link Mode#SLOW} answers (default 2 s).
         *
         * @param value the delay, not negative
         * @return this builder
         */
        public Builder slowDelay(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("slowDelay must not be negative: " + value);
            }
            this.slowDelay = value;
            return this;
        }

        /**
         * The {@code Retry-After} of the waiting room's 429 (default 20 s, whole seconds).
         *
         * @param value the wait
         * @return this builder
         */
        public Builder waitingRoomRetryAfter(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("waitingRoomRetryAfter must not be negative: " + value);
            }
            this.waitingRoomRetryAfter = value;
            return this;
        }

        /**
         * How the official page behaves at start (default {@link OfficialPage#HONEST}).
         *
         * @param value the behaviour
         * @return this builder
         */
        public Builder officialPage(OfficialPage value) {
            this.officialPage = Objects.requireNonNull(value, "officialPage");
            return this;
        }

        /**
         * Binds both hosts on loopback and starts serving, in {@link Mode#UP}.
         *
         * @return the running simulator
         * @throws UncheckedIOException if no loopback port can be bound
         */
        public CharacterAiSimulator start() {
            try {
                return new CharacterAiSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the simulator on loopback", e);
            }
        }
    }
}
