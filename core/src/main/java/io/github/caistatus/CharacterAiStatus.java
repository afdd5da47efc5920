package io.github.caistatus;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.guard.GuardBuilder;
import io.github.caistatus.guard.GuardedAsyncCall;
import io.github.caistatus.guard.GuardedCall;
import io.github.caistatus.guard.PassiveProbe;
import io.github.caistatus.history.BundledHistory;
import io.github.caistatus.history.InMemoryIncidentLog;
import io.github.caistatus.internal.DaemonThreads;
import io.github.caistatus.internal.http.SharedHttpClients;
import io.github.caistatus.monitor.Monitor;
import io.github.caistatus.monitor.MonitorConfig;
import io.github.caistatus.probe.ControlProbe;
import io.github.caistatus.probe.EndpointProbe;
import io.github.caistatus.probe.HttpProbeConfig;
import io.github.caistatus.probe.OfficialPageProbe;
import io.github.caistatus.verdict.Hysteresis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Character.AI is usable right now: an honest answer, kept fresh in the background, read in
 * nanoseconds.
 *
 * <p>The quick way is the shared default instance, built on first use with the real endpoints:
 * <pre>{@code
 * StatusSnapshot now = CharacterAiStatus.current();   // cached; never throws; never blocks after the first call
 * if (!now.health().isUsable()) banner(now.summary());
 * }</pre>
 *
 * <p>For anything else, build an instance (and close it when done):
 * <pre>{@code
 * try (CharacterAiStatus status = CharacterAiStatus.builder()
 *         .timeout(Duration.ofSeconds(3))
 *         .intervals(Duration.ofSeconds(30), Duration.ofSeconds(10))
 *         .listener((before, now) -> log.info("Character.AI: {} ({})", now.health(), now.summary()))
 *         .build()) {
 *     StatusSnapshot fresh = status.refresh();
 * }
 * }</pre>
 *
 * <p>Threads, numbered per instance: one {@code cai-status-monitor-<id>} thread, up to one
 * {@code cai-status-probe-<id>-<n>} thread per probe, one {@code cai-status-listeners-<id>} thread that tells the
 * listeners, and, once an asynchronous guarded call with a timeout has been made, the guard's timer and its
 * fallback threads; all daemons, so a JVM shutdown is never held up; {@link #close()} stops them. The built-in
 * probes share one JDK HTTP client per JVM (JDK 17's client cannot be closed, so one per instance would leave its
 * selector thread and sockets behind): its selector thread lives as long as the JVM, its two
 * {@code cai-status-http-<n>} workers end when idle, and its kept-alive connections serve the next instance.
 *
 * <p>Every instance also has a {@link Guard}: a resilience4j circuit breaker named {@value Guard#DEFAULT_NAME}
 * that the verdict holds open during a major outage or maintenance, whose own failures feed the probe
 * {@value PassiveProbe#NAME}. Chat calls go through it:
 * <pre>{@code
 * String reply = CharacterAiStatus.guard(() -> cai.send(message))       // the shared instance's guard
 *         .fallback(ctx -> otherProvider.send(message))
 *         .fallback(Fallbacks.cannedReply())
 *         .get();
 * Function<String, String> chat = status.guard().decorate(cai::send)    // an instance's guard, wrapped once
 *         .fallback((m, ctx) -> otherProvider.send(m));
 * }</pre>
 */
public final class CharacterAiStatus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CharacterAiStatus.class);

    /** Default longest wait for the first verdict: 2 seconds. */
    public static final Duration DEFAULT_FIRST_VERDICT_WAIT = Duration.ofSeconds(2);

    /**
     * System property that sets the health route the {@linkplain #shared() shared instance} probes, or
     * {@code none} for no endpoint probe. Read once, when the shared instance is built; instances from
     * {@link #builder()} ignore it.
     */
    public static final String ENDPOINT_PROPERTY = "cai.status.endpoint";
    /** Like {@link #ENDPOINT_PROPERTY}, for the official status page's summary ({@code none}: not read). */
    public static final String STATUS_PAGE_PROPERTY = "cai.status.status-page";
    /** Like {@link #ENDPOINT_PROPERTY}, for the control host that proves our own network ({@code none}: none). */
    public static final String CONTROL_PROPERTY = "cai.status.control";
    /** How much longer than the probe timeout a check may take before it gives up on a probe. */
    private static final Duration PROBE_MARGIN = Duration.ofMillis(500);
    /** How much longer than that {@link #refresh()} waits for the check's verdict. */
    private static final Duration REFRESH_MARGIN = Duration.ofMillis(250);

    private final Monitor monitor;
    private final IncidentLog log;
    private final Duration refreshBound;
    private final Guard guard;

    private CharacterAiStatus(Monitor monitor, IncidentLog log, Duration refreshBound, Guard guard) {
        this.monitor = monitor;
        this.log = log;
        this.refreshBound = refreshBound;
        this.guard = guard;
    }

    /**
     * The latest verdict of the shared default instance (real endpoints, default settings).
     *
     * <p>The first call in a JVM builds that instance and waits at most 2 seconds for a first verdict; if none
     * comes in time it answers {@code UNKNOWN / NOT_CHECKED} with the reason, and the verdict follows as soon as
     * the check completes. Every later call is a plain read of an immutable snapshot: no lock, no allocation,
     * no clock.
     *
     * <pre>{@code
     * if (CharacterAiStatus.current().health() == Health.MAINTENANCE) showMaintenancePage();
     * }</pre>
     *
     * @return the snapshot; never null, never thrown
     */
    public static StatusSnapshot current() {
        return Shared.MONITOR.snapshot();
    }

    /**
     * Guards a chat call with the shared default instance's {@link Guard}: add fallbacks, then
     * {@link GuardedCall#get()}. The first use builds the shared instance, as {@link #current()} does.
     *
     * <pre>{@code
     * String reply = CharacterAiStatus.guard(() -> cai.send(message))
     *         .fallback(ctx -> otherProvider.send(message))                      // another provider
     *         .fallback(ctx -> "Character.AI is resting (" + ctx.reason() + "); try again "
     *                          + ctx.retryAfter().map(d -> "in " + d).orElse("later"))
     *         .get();
     * }</pre>
     *
     * @param call the call to Character.AI
     * @param <T>  the result type
     * @return the guarded call
     */
    public static <T> GuardedCall<T> guard(Supplier<? extends T> call) {
        return Shared.INSTANCE.guard.call(call);
    }

    /**
     * Guards an asynchronous chat call with the shared default instance's {@link Guard}.
     *
     * <pre>{@code
     * CharacterAiStatus.guardAsync(() -> cai.sendAsync(message))
     *         .timeout(Duration.ofSeconds(20))
     *         .fallback(Fallbacks.cannedReply())
     *         .getAsync()
     *         .thenAccept(this::show);
     * }</pre>
     *
     * @param call the call to Character.AI, returning a stage
     * @param <T>  the result type
     * @return the guarded call
     */
    public static <T> GuardedAsyncCall<T> guardAsync(Supplier<? extends CompletionStage<? extends T>> call) {
        return Shared.INSTANCE.guard.callAsync(call);
    }

    /**
     * This instance's guard: its circuit breaker, guarded calls, and decorators that wrap a client once.
     *
     * <pre>{@code
     * Function<String, String> chat = status.guard().decorate(cai::send)
     *         .fallback((message, ctx) -> otherProvider.send(message));
     * }</pre>
     *
     * @return the guard
     */
    public Guard guard() {
        return guard;
    }

    /**
     * The shared default instance behind {@link #current()}, e.g. to register a listener. Closing it stops its
     * updates for the whole JVM: {@link #current()} then keeps answering the last snapshot.
     *
     * <p>It probes the real Character.AI unless the system properties {@value #ENDPOINT_PROPERTY},
     * {@value #STATUS_PAGE_PROPERTY} and {@value #CONTROL_PROPERTY} say otherwise (a URI, or {@code none});
     * a test suite sets them so that nothing leaves the machine:
     * {@code -Dcai.status.endpoint=none -Dcai.status.status-page=none -Dcai.status.control=none}. A value that
     * is not a URI leaves the shared instance answering {@code UNKNOWN}, with a warning in the log.
     *
     * @return the shared instance
     */
    public static CharacterAiStatus shared() {
        return Shared.INSTANCE;
    }

    /**
     * A builder for an instance of one's own: addresses, timeouts, pacing, thresholds, clock, HTTP client,
     * extra probes, listeners and incident log.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The latest verdict: a volatile read of an immutable snapshot.
     *
     * @return the snapshot; never null
     */
    public StatusSnapshot snapshot() {
        return monitor.snapshot();
    }

    /**
     * Checks now (or joins the check already running) and returns its verdict, waiting at most the probe timeout
     * plus a margin of under a second.
     *
     * @return the new snapshot, or the latest one if the check did not finish in time; never thrown
     */
    public StatusSnapshot refresh() {
        return monitor.refresh(refreshBound);
    }

    /**
     * Checks now (or joins the check already running) without blocking.
     *
     * @return the verdict of that check, when it is in; completes normally, also if the instance is closed
     */
    public CompletableFuture<StatusSnapshot> refreshAsync() {
        return monitor.check();
    }

    /**
     * The incident log: history plus the incidents observed live by this instance.
     *
     * @return the log
     */
    public IncidentLog incidents() {
        return log;
    }

    /**
     * Registers a listener, told of every health transition once, in order, on this instance's listener thread
     * (never the monitor's: a slow listener delays only the listeners after it, not the verdict, the guard or
     * {@link #refresh()}).
     *
     * @param listener the listener
     */
    public void onChange(StatusListener listener) {
        monitor.onChange(listener);
    }

    /** Asks for a check as soon as possible without waiting for it; requests are coalesced. */
    public void checkSoon() {
        monitor.checkSoon();
    }

    /**
     * Stops the monitor and every thread this instance started; idempotent. {@link #snapshot()} keeps answering
     * the last snapshot. An HTTP client or an async executor supplied by the host is left alone; the JVM-wide
     * HTTP client of the built-in probes stays for the next instance.
     */
    @Override
    public void close() {
        guard.close();
        monitor.close();
    }

    /** Builds the shared instance on first use only: loading {@link CharacterAiStatus} starts nothing. */
    private static final class Shared {
        static final CharacterAiStatus INSTANCE = create();
        static final Monitor MONITOR = INSTANCE.monitor;

        private static CharacterAiStatus create() {
            try {
                Builder builder = builder();
                address(ENDPOINT_PROPERTY, builder::endpoint, builder::noEndpoint);
                address(STATUS_PAGE_PROPERTY, builder::statusPage, builder::noStatusPage);
                address(CONTROL_PROPERTY, builder::control, builder::noControl);
                return builder.build();
            } catch (RuntimeException | Error e) {
                LOG.warn("cai-status: could not start the default status monitor; answering UNKNOWN", e);
                return builder().noEndpoint().noStatusPage().noControl().background(false)
                        .firstVerdictWait(Duration.ZERO).build();
            }
        }

        /** Applies one address property, if set: {@code none} turns the probe off, anything else is its URI. */
        private static void address(String property, java.util.function.Consumer<URI> set, Runnable none) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                return;
            }
            if (value.strip().equalsIgnoreCase("none")) {
                none.run();
            } else {
                set.accept(URI.create(value.strip()));
            }
        }
    }

    /**
     * Configures a {@link CharacterAiStatus}. Every setting has a default; see each method.
     *
     * <pre>{@code
     * CharacterAiStatus status = CharacterAiStatus.builder()
     *         .endpoint(URI.create("https://neo.character.ai/health"))
     *         .noStatusPage()
     *         .thresholds(3, 2)
     *         .probe(myQueueDepthProbe)
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private URI endpoint = EndpointProbe.DEFAULT_URI;
        private URI statusPage = OfficialPageProbe.DEFAULT_URI;
        private Set<String> chatComponents = OfficialPageProbe.DEFAULT_CHAT_COMPONENTS;
        private URI control = ControlProbe.DEFAULT_URI;
        private HttpProbeConfig probeConfig = HttpProbeConfig.defaults();
        private MonitorConfig monitorConfig = MonitorConfig.defaults();
        private boolean ownProbeDeadline;
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;
        private IncidentLog incidentLog;
        private Duration firstVerdictWait = DEFAULT_FIRST_VERDICT_WAIT;
        private final List<StatusProbe> extraProbes = new ArrayList<>();
        private final List<StatusListener> listeners = new ArrayList<>();
        private String breakerName = Guard.DEFAULT_NAME;
        private CircuitBreakerConfig breakerConfig;
        private CircuitBreakerRegistry breakerRegistry;
        private Boolean callTiming;
        private Executor asyncExecutor;
        private boolean passiveProbe = true;

        private Builder() {
        }

        /**
         * No probe {@value PassiveProbe#NAME}: the guard's breaker is then not heard by the verdict. For tools
         * that only report the status and make no chat calls (a breaker with no calls has no opinion, which
         * only lowers the verdict's confidence). The guard still follows the verdict.
         *
         * @return this builder
         */
        public Builder noPassiveProbe() {
            this.passiveProbe = false;
            return this;
        }

        /**
         * The guard's circuit breaker configuration (default {@link Guard#DEFAULT_CIRCUIT_BREAKER_CONFIG}, or the
         * registry's default when a {@linkplain #circuitBreakerRegistry registry} is given).
         *
         * @param config thresholds, window, open time, recorded exceptions and results
         * @return this builder
         */
        public Builder circuitBreakerConfig(CircuitBreakerConfig config) {
            this.breakerConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Takes the guard's circuit breaker from the host's resilience4j registry, so it shares the host's
         * metrics and event consumers (a breaker of that name already there is used as it is).
         *
         * <pre>{@code
         * CharacterAiStatus status = CharacterAiStatus.builder()
         *         .circuitBreakerRegistry(registry)     // e.g. the one bound to Micrometer
         *         .build();
         * registry.circuitBreaker("character.ai");      // the same breaker as status.guard().circuitBreaker()
         * }</pre>
         *
         * @param registry the host's registry
         * @return this builder
         */
        public Builder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
            this.breakerRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The guard's circuit breaker name (default {@value Guard#DEFAULT_NAME}).
         *
         * @param name the name in the registry and in metrics
         * @return this builder
         */
        public Builder circuitBreakerName(String name) {
            this.breakerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Where the guard runs the fallbacks of an asynchronous call that timed out (see
         * {@link GuardBuilder#asyncExecutor(Executor)}; default: up to 16 daemon threads of the guard's own,
         * {@code cai-status-guard-fallback-<n>}, stopped by {@link CharacterAiStatus#close()}). An executor given
         * here is not shut down by {@code close()}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Whether the guard measures each call's duration (see {@link GuardBuilder#callTiming(boolean)};
         * by default only when the breaker's slow-call rate threshold is below 100).
         *
         * @param on true to measure
         * @return this builder
         */
        public Builder callTiming(boolean on) {
            this.callTiming = on;
            return this;
        }

        /**
         * The health route probed (default {@code https://neo.character.ai/health}).
         *
         * @param uri the address; plain {@code http} only for loopback unless the probe config allows it
         * @return this builder
         */
        public Builder endpoint(URI uri) {
            this.endpoint = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * No endpoint probe (e.g. when the host's own calls, via an extra probe, are evidence enough).
         *
         * @return this builder
         */
        public Builder noEndpoint() {
            this.endpoint = null;
            return this;
        }

        /**
         * The official Statuspage v2 summary read (default
         * {@code https://status.character.ai/api/v2/summary.json}).
         *
         * @param uri the address
         * @return this builder
         */
        public Builder statusPage(URI uri) {
            this.statusPage = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * The status page's components that carry chat, matched case-insensitively against a component's name or
         * its group's name (default {@link OfficialPageProbe#DEFAULT_CHAT_COMPONENTS}: Chat, API, Character.AI).
         * Maintenance or an outage of any other component is at most a partial outage of the service.
         *
         * @param names the component names, not empty
         * @return this builder
         */
        public Builder chatComponents(Set<String> names) {
            Objects.requireNonNull(names, "names");
            if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
                throw new IllegalArgumentException("chat components must be non-blank names, at least one: " + names);
            }
            this.chatComponents = Set.copyOf(names);
            return this;
        }

        /**
         * No official-page probe.
         *
         * @return this builder
         */
        public Builder noStatusPage() {
            this.statusPage = null;
            return this;
        }

        /**
         * The independent host whose answer proves our own network works (default: the status page's host).
         *
         * @param uri the address
         * @return this builder
         */
        public Builder control(URI uri) {
            this.control = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * No control probe: an unreachable endpoint can then no longer be told apart from our own network
         * being down, unless the official page answers.
         *
         * @return this builder
         */
        public Builder noControl() {
            this.control = null;
            return this;
        }

        /**
         * The HTTP rules of the built-in probes: timeouts, body cap, slow threshold, plain-HTTP opt-in
         * (default {@link HttpProbeConfig#defaults()}: 2 s connect, 5 s total).
         *
         * @param config the rules
         * @return this builder
         */
        public Builder probeConfig(HttpProbeConfig config) {
            this.probeConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Shorthand for the probes' total timeout (default 5 s); {@link #refresh()} waits at most this plus
         * under a second.
         *
         * @param timeout the longest wait for one observation
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.probeConfig = probeConfig.withTimeout(timeout);
            return this;
        }

        /**
         * The pause between background checks (default 60 s while healthy, 15 s otherwise; ±10% jitter). The
         * unhealthy interval also paces recovery: a {@code Retry-After} on a health check holds that probe back at
         * most the unhealthy interval less its jitter, and while the breaker is held open one guarded call per
         * unhealthy interval goes through as a trial.
         *
         * @param healthy   while operational with no change pending
         * @param unhealthy otherwise
         * @return this builder
         */
        public Builder intervals(Duration healthy, Duration unhealthy) {
            this.monitorConfig = monitorConfig.withIntervals(healthy, unhealthy);
            return this;
        }

        /**
         * How many consecutive checks change the health (default 2 down, 2 up; see {@link Hysteresis}).
         *
         * @param downAfter checks to go down
         * @param upAfter   checks to come up
         * @return this builder
         */
        public Builder thresholds(int downAfter, int upAfter) {
            this.monitorConfig = monitorConfig.withHysteresis(new Hysteresis(downAfter, upAfter));
            return this;
        }

        /**
         * The pacing in full (intervals, jitter, probe deadline, {@code Retry-After} cap, thresholds, background
         * checks). Without it the probe deadline is the probe timeout plus half a second.
         *
         * @param config the monitor configuration
         * @return this builder
         */
        public Builder monitorConfig(MonitorConfig config) {
            this.monitorConfig = Objects.requireNonNull(config, "config");
            this.ownProbeDeadline = true;
            return this;
        }

        /**
         * Whether checks run in the background (default true); when false they run only on
         * {@link CharacterAiStatus#refresh()} and {@link CharacterAiStatus#checkSoon()}.
         *
         * @param value true for background checks
         * @return this builder
         */
        public Builder background(boolean value) {
            this.monitorConfig = monitorConfig.withBackground(value);
            return this;
        }

        /**
         * The time source (default {@link Clock#systemUTC()}); tests pass a clock they move.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The HTTP client of the built-in probes (default: one client shared by every instance in the JVM, per
         * connect timeout, redirects handled by the probes, daemon threads). A client supplied here is not closed
         * by {@link CharacterAiStatus#close()}.
         *
         * @param value the client
         * @return this builder
         */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Adds a probe of one's own, run with the others on every check. A probe named {@code "passive"} is read
         * as the host's own calls: its bad news is believed at once.
         *
         * @param probe the probe; its name must differ from every other probe's
         * @return this builder
         */
        public Builder probe(StatusProbe probe) {
            this.extraProbes.add(Objects.requireNonNull(probe, "probe"));
            return this;
        }

        /**
         * Adds a listener, told of every health transition (the first verdict included).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(StatusListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Where observed incidents are recorded and history is read (default: a fresh log holding the bundled
         * history, {@code BundledHistory.get().newLog()}).
         *
         * @param log the log
         * @return this builder
         */
        public Builder incidentLog(IncidentLog log) {
            this.incidentLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * How long {@link #build()} waits for the first verdict (default 2 s; zero: not at all). If none comes
         * in time, the snapshot is {@code UNKNOWN / NOT_CHECKED} with the reason until the check completes.
         *
         * @param wait the longest wait
         * @return this builder
         */
        public Builder firstVerdictWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("wait must not be negative: " + wait);
            }
            this.firstVerdictWait = wait;
            return this;
        }

        /**
         * Builds the instance and starts its background checks (if enabled), then waits at most the
         * {@linkplain #firstVerdictWait(Duration) first-verdict wait}.
         *
         * @return the running instance; close it when done
         */
        public CharacterAiStatus build() {
            int id = DaemonThreads.nextInstanceId();
            HttpClient client = httpClient;
            boolean http = endpoint != null || statusPage != null || control != null;
            if (client == null && http) {
                // JDK 17's HttpClient cannot be closed: one per instance would leave its selector thread behind
                client = SharedHttpClients.withConnectTimeout(probeConfig.connectTimeout());
            }
            List<StatusProbe> probes = new ArrayList<>();
            if (endpoint != null) {
                probes.add(new EndpointProbe(endpoint, client, probeConfig, clock));
            }
            if (statusPage != null) {
                probes.add(new OfficialPageProbe(statusPage, client, probeConfig, clock, chatComponents));
            }
            if (control != null) {
                probes.add(new ControlProbe(control, client, probeConfig, clock));
            }
            probes.addAll(extraProbes);
            // the breaker first, the probe of the host's own calls over it, then the monitor, then the guard that
            // follows the monitor's verdicts: each part is whole when the next one is made; a host's own probe
            // named "passive" takes the place of ours
            CircuitBreaker breaker = breaker();
            if (passiveProbe && extraProbes.stream().noneMatch(p -> PassiveProbe.NAME.equals(p.name()))) {
                probes.add(PassiveProbe.of(breaker, clock));
            }
            Duration deadline = probeConfig.timeout().plus(PROBE_MARGIN);
            MonitorConfig config = ownProbeDeadline ? monitorConfig : monitorConfig.withProbeDeadline(deadline);
            IncidentLog log = incidentLog != null ? incidentLog : defaultLog();
            Monitor monitor = new Monitor(config, probes, log, clock, () -> ThreadLocalRandom.current().nextDouble(),
                    id);
            listeners.forEach(monitor::onChange);
            Guard guard;
            try {
                guard = guardSettings(config.unhealthyInterval()).feed(monitor).circuitBreaker(breaker).build();
            } catch (RuntimeException e) {
                monitor.close();
                throw e;
            }
            CharacterAiStatus status = new CharacterAiStatus(monitor, log, config.probeDeadline().plus(REFRESH_MARGIN),
                    guard);
            monitor.start();
            if (config.background() && !firstVerdictWait.isZero()) {
                monitor.awaitFirstVerdict(firstVerdictWait);
            }
            return status;
        }

        /** The guard's breaker: the library's configuration unless the host gave one, also in a shared registry. */
        private CircuitBreaker breaker() {
            CircuitBreakerConfig c = breakerConfig != null ? breakerConfig : Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG;
            return breakerRegistry != null ? breakerRegistry.circuitBreaker(breakerName, c)
                    : CircuitBreaker.of(breakerName, c);
        }

        private GuardBuilder guardSettings(Duration trialInterval) {
            GuardBuilder b = Guard.builder().name(breakerName).clock(clock).trialInterval(trialInterval);
            if (callTiming != null) {
                b.callTiming(callTiming);
            }
            if (asyncExecutor != null) {
                b.asyncExecutor(asyncExecutor);
            }
            return b;
        }

        private static IncidentLog defaultLog() {
            try {
                return BundledHistory.get().newLog();
            } catch (RuntimeException | Error e) { // a packaging error must not keep the host from starting
                LOG.warn("cai-status: the bundled history could not be read; starting with an empty log", e);
                return new InMemoryIncidentLog();
            }
        }
    }
}
