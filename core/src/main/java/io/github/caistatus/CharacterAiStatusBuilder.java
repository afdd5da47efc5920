package io.github.caistatus;

import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.fleet.Fleet;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.guard.GuardBuilder;
import io.github.caistatus.guard.StallDetection;
import io.github.caistatus.probe.ControlProbe;
import io.github.caistatus.probe.EndpointProbe;
import io.github.caistatus.probe.OfficialPageProbe;
import io.github.caistatus.verdict.Hysteresis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Configures a {@link CharacterAiStatus}. Every setting has a default, and settings are independent of the order
 * they are given in: the builder keeps what was set and resolves it all in {@link #build()}.
 *
 * <pre>{@code
 * CharacterAiStatus status = CharacterAiStatus.builder()
 *         .endpoint(URI.create("https://neo.character.ai/health"))
 *         .noStatusPage()
 *         .timeout(Duration.ofSeconds(3))
 *         .downAfter(3)                        // 3 bad checks to go down
 *         .upAfter(2)                          // 2 good ones to come back up
 *         .probe(myQueueDepthProbe)            // a probe of one's own: ProbeRole.CUSTOM, whatever its name
 *         .onChange((before, now) -> log.info("Character.AI: {} ({})", now.health(), now.summary()))
 *         .build();
 * }</pre>
 */
public final class CharacterAiStatusBuilder {

    // the settings as given (null: the default); Wiring reads them in build()
    URI endpoint = EndpointProbe.DEFAULT_URI;
    URI statusPage = OfficialPageProbe.DEFAULT_URI;
    URI control = ControlProbe.DEFAULT_URI;
    Set<String> chatComponents = OfficialPageProbe.DEFAULT_CHAT_COMPONENTS;
    // HTTP rules: null means the default
    Duration timeout;
    Duration connectTimeout;
    Long maxBodyBytes;
    Duration slowThreshold;
    Boolean allowInsecureHttp;
    Set<String> redirectHosts;
    String userAgent;
    // pacing: null means the default
    Duration healthyInterval;
    Duration unhealthyInterval;
    Double jitter;
    Duration maxRetryAfter;
    int downAfter = Hysteresis.DEFAULT_DOWN_AFTER;
    int upAfter = Hysteresis.DEFAULT_UP_AFTER;
    boolean background = true;
    Duration firstVerdictWait = CharacterAiStatus.DEFAULT_FIRST_VERDICT_WAIT;
    Clock clock = Clock.systemUTC();
    HttpClient httpClient;
    IncidentLog incidentLog;
    final List<StatusProbe> customProbes = new ArrayList<>();
    final List<StatusListener> listeners = new ArrayList<>();
    boolean ownCallsProbe = true;
    // the guard
    String breakerName = Guard.DEFAULT_NAME;
    CircuitBreakerConfig breakerConfig;
    CircuitBreakerRegistry breakerRegistry;
    Boolean callTiming;
    Executor asyncExecutor;
    Function<? super Throwable, Optional<Duration>> waitFrom;
    StallDetection stallDetection = StallDetection.defaults();
    Fleet fleet;

    CharacterAiStatusBuilder() {
    }

    /**
     * The health route probed (default {@code https://neo.character.ai/health}); its signals have the role
     * {@link ProbeRole#ENDPOINT}.
     *
     * @param uri the address; plain {@code http} only for loopback unless {@link #allowInsecureHttp(boolean)}
     * @return this builder
     */
    public CharacterAiStatusBuilder endpoint(URI uri) {
        this.endpoint = Objects.requireNonNull(uri, "uri");
        return this;
    }

    /**
     * No endpoint probe (e.g. when the host's own calls are evidence enough).
     *
     * @return this builder
     */
    public CharacterAiStatusBuilder noEndpoint() {
        this.endpoint = null;
        return this;
    }

    /**
     * The official Statuspage v2 summary read (default {@code https://status.character.ai/api/v2/summary.json});
     * its signals have the role {@link ProbeRole#OFFICIAL_PAGE}.
     *
     * @param uri the address
     * @return this builder
     */
    public CharacterAiStatusBuilder statusPage(URI uri) {
        this.statusPage = Objects.requireNonNull(uri, "uri");
        return this;
    }

    /**
     * No official-page probe.
     *
     * @return this builder
     */
    public CharacterAiStatusBuilder noStatusPage() {
        this.statusPage = null;
        return this;
    }

    /**
     * The status page's components that carry chat, matched case-insensitively against a component's name or its
     * group's name (default: Chat, API, Character.AI). Maintenance or an outage of any other component is at most
     * a partial outage of the service.
     *
     * @param names the component names, not empty
     * @return this builder
     */
    public CharacterAiStatusBuilder chatComponents(Set<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("chat components must be non-blank names, at least one: " + names);
        }
        this.chatComponents = Set.copyOf(names);
        return this;
    }

    /**
     * The independent host whose answer proves our own network works (default: the status page's host); its
     * signals have the role {@link ProbeRole#CONTROL}.
     *
     * @param uri the address
     * @return this builder
     */
    public CharacterAiStatusBuilder control(URI uri) {
        this.control = Objects.requireNonNull(uri, "uri");
        return this;
    }

    /**
     * No control probe: an unreachable endpoint can then no longer be told apart from our own network being down,
     * unless the official page answers.
     *
     * @return this builder
     */
    public CharacterAiStatusBuilder noControl() {
        this.control = null;
        return this;
    }

    /**
     * Adds a probe of one's own, run with the others on every check. Its signals have the role
     * {@link ProbeRole#CUSTOM} whatever it is named: a probe named {@code "official"} is not trusted as the
     * official page.
     *
     * @param probe the probe; its name must differ from every other probe's
     * @return this builder
     */
    public CharacterAiStatusBuilder probe(StatusProbe probe) {
        this.customProbes.add(Objects.requireNonNull(probe, "probe"));
        return this;
    }

    /**
     * No probe of the host's own calls ({@link ProbeRole#OWN_CALLS}): the guard's breaker is then not heard by the
     * verdict. For tools that only report the status and make no chat calls. The guard still follows the verdict.
     *
     * @return this builder
     */
    public CharacterAiStatusBuilder noOwnCallsProbe() {
        this.ownCallsProbe = false;
        return this;
    }

    /**
     * The built-in probes' total timeout for one observation, redirects and body included (default 5 s);
     * {@link CharacterAiStatus#refresh()} waits at most this plus under a second.
     *
     * @param value the longest wait for one observation
     * @return this builder
     */
    public CharacterAiStatusBuilder timeout(Duration value) {
        this.timeout = positive(value, "timeout");
        return this;
    }

    /**
     * The built-in probes' connect timeout (default 2 s).
     *
     * @param value the longest wait for a TCP/TLS connection
     * @return this builder
     */
    public CharacterAiStatusBuilder connectTimeout(Duration value) {
        this.connectTimeout = positive(value, "connectTimeout");
        return this;
    }

    /**
     * The most body bytes a built-in probe reads (default 1 MiB); a longer body is an invalid answer.
     *
     * @param value the cap, positive
     * @return this builder
     */
    public CharacterAiStatusBuilder maxBodyBytes(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + value);
        }
        this.maxBodyBytes = value;
        return this;
    }

    /**
     * A 2xx of the endpoint slower than this is {@code DEGRADED / SLOW} (default 3 s).
     *
     * @param value the threshold
     * @return this builder
     */
    public CharacterAiStatusBuilder slowThreshold(Duration value) {
        this.slowThreshold = positive(value, "slowThreshold");
        return this;
    }

    /**
     * Whether the built-in probes may use plain {@code http://} to hosts other than loopback (default false).
     *
     * @param value true to allow it
     * @return this builder
     */
    public CharacterAiStatusBuilder allowInsecureHttp(boolean value) {
        this.allowInsecureHttp = value;
        return this;
    }

    /**
     * The hosts a redirect may lead to besides the probed address's own host: exact names or {@code *.}-prefixed
     * domains (default {@code statuspage.io}, {@code *.statuspage.io}).
     *
     * @param hosts the host rules
     * @return this builder
     */
    public CharacterAiStatusBuilder redirectHosts(Set<String> hosts) {
        this.redirectHosts = Set.copyOf(Objects.requireNonNull(hosts, "hosts"));
        return this;
    }

    /**
     * The {@code User-Agent} the built-in probes send (default {@code cai-status/<version>}).
     *
     * @param value one non-blank line
     * @return this builder
     */
    public CharacterAiStatusBuilder userAgent(String value) {
        this.userAgent = Objects.requireNonNull(value, "value");
        return this;
    }

    /**
     * The pause between background checks (default 60 s while healthy, 15 s otherwise). The unhealthy interval
     * also paces recovery: a {@code Retry-After} holds a probe back at most the unhealthy interval less its
     * jitter, and while the breaker is held open one guarded call per unhealthy interval goes through as a trial.
     *
     * @param healthy   while operational with no change pending
     * @param unhealthy otherwise
     * @return this builder
     */
    public CharacterAiStatusBuilder intervals(Duration healthy, Duration unhealthy) {
        this.healthyInterval = positive(healthy, "healthy");
        this.unhealthyInterval = positive(unhealthy, "unhealthy");
        return this;
    }

    /**
     * The spread of every pause, as a fraction: 0.1 (the default) means ±10%.
     *
     * @param value within [0, 1)
     * @return this builder
     */
    public CharacterAiStatusBuilder jitter(double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1): " + value);
        }
        this.jitter = value;
        return this;
    }

    /**
     * The longest a {@code Retry-After} holds a probe back (default 1 h; the unhealthy pace caps it further).
     *
     * @param value the cap
     * @return this builder
     */
    public CharacterAiStatusBuilder maxRetryAfter(Duration value) {
        this.maxRetryAfter = positive(value, "maxRetryAfter");
        return this;
    }

    /**
     * How many consecutive checks must say the service is worse (or unknown) before the health goes down
     * (default 2). Bad news from the official page or the host's own calls is believed at once.
     *
     * @param checks at least 1
     * @return this builder
     */
    public CharacterAiStatusBuilder downAfter(int checks) {
        this.downAfter = atLeastOne(checks, "downAfter");
        return this;
    }

    /**
     * How many consecutive checks must say the service is better before the health comes up (default 2).
     *
     * @param checks at least 1
     * @return this builder
     */
    public CharacterAiStatusBuilder upAfter(int checks) {
        this.upAfter = atLeastOne(checks, "upAfter");
        return this;
    }

    /**
     * Whether checks run in the background (default true); when false they run only on
     * {@link CharacterAiStatus#refresh()}.
     *
     * @param value true for background checks
     * @return this builder
     */
    public CharacterAiStatusBuilder background(boolean value) {
        this.background = value;
        return this;
    }

    /**
     * How long the first {@link CharacterAiStatus#snapshot()} waits for the first verdict (default 2 s; zero: not
     * at all). If none comes in time, the snapshot is {@code UNKNOWN / NOT_CHECKED} with the reason until the check
     * completes. {@link #build()} itself and guarded calls never wait for it.
     *
     * @param wait the longest wait
     * @return this builder
     */
    public CharacterAiStatusBuilder firstVerdictWait(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative: " + wait);
        }
        this.firstVerdictWait = wait;
        return this;
    }

    /**
     * The time source (default {@link Clock#systemUTC()}); tests pass a clock they move.
     *
     * @param value the clock
     * @return this builder
     */
    public CharacterAiStatusBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * The HTTP client of the built-in probes (default: one client shared by every instance in the JVM, made on
     * a probe thread at the first check). It must not follow redirects itself: the probes follow them by their
     * rules. A client supplied here is not closed by {@link CharacterAiStatus#close()}.
     *
     * @param value the client
     * @return this builder
     */
    public CharacterAiStatusBuilder httpClient(HttpClient value) {
        this.httpClient = Objects.requireNonNull(value, "httpClient");
        return this;
    }

    /**
     * Where observed incidents are recorded and history is read (default: a log of the bundled history, read on
     * the monitor's thread, never the caller's).
     *
     * @param log the log
     * @return this builder
     */
    public CharacterAiStatusBuilder incidentLog(IncidentLog log) {
        this.incidentLog = Objects.requireNonNull(log, "log");
        return this;
    }

    /**
     * Adds a listener, told of every health transition (the first verdict included), as
     * {@link CharacterAiStatus#onChange(StatusListener)} does.
     *
     * @param listener the listener
     * @return this builder
     */
    public CharacterAiStatusBuilder onChange(StatusListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The guard's circuit breaker configuration (default {@link Guard#DEFAULT_CIRCUIT_BREAKER_CONFIG}, also when a
     * {@linkplain #circuitBreakerRegistry registry} is given: never the registry's default silently).
     *
     * @param config thresholds, window, open time, recorded exceptions and results
     * @return this builder
     */
    public CharacterAiStatusBuilder circuitBreakerConfig(CircuitBreakerConfig config) {
        this.breakerConfig = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Takes the guard's circuit breaker from the host's resilience4j registry, so it shares the host's metrics
     * and event consumers (a breaker of that name already there is used as it is). The breaker gets the library's
     * configuration unless {@link #circuitBreakerConfig(CircuitBreakerConfig)} gives another.
     *
     * @param registry the host's registry
     * @return this builder
     */
    public CharacterAiStatusBuilder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
        this.breakerRegistry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * The guard's circuit breaker name (default {@value Guard#DEFAULT_NAME}).
     *
     * @param name the name in the registry and in metrics
     * @return this builder
     */
    public CharacterAiStatusBuilder circuitBreakerName(String name) {
        this.breakerName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Whether the guard measures each call's duration (default: only when the breaker's slow-call rate
     * threshold is below 100).
     *
     * @param on true to measure
     * @return this builder
     */
    public CharacterAiStatusBuilder callTiming(boolean on) {
        this.callTiming = on;
        return this;
    }

    /**
     * Where the guard runs the fallbacks of an asynchronous call that timed out (default: up to 16 daemon threads
     * of the guard's own, stopped by {@link CharacterAiStatus#close()}). An executor given here is not shut down.
     *
     * @param executor the executor
     * @return this builder
     */
    public CharacterAiStatusBuilder asyncExecutor(Executor executor) {
        this.asyncExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Reads a wait from the host's own exceptions into the fallbacks' {@code ctx.expectedWait()} and the pace of
     * {@code Patience} (see {@link GuardBuilder#waitFrom(Function)}): e.g. a 429 whose {@code Retry-After} the
     * host's chat client kept. Default: none.
     *
     * <pre>{@code
     * CharacterAiStatus.builder()
     *         .waitFrom(e -> e instanceof ChatException ce ? ce.retryAfter() : Optional.empty())
     *         .build();
     * }</pre>
     *
     * @param reader gives the wait a failure asks for, or empty
     * @return this builder
     */
    public CharacterAiStatusBuilder waitFrom(Function<? super Throwable, Optional<Duration>> reader) {
        this.waitFrom = Objects.requireNonNull(reader, "reader");
        return this;
    }

    /**
     * How the guard notices calls that hang (see {@link StallDetection}; default {@link StallDetection#defaults()},
     * on): a call in flight far longer than healthy calls take makes the status check at once, and new calls go to
     * the fallbacks without waiting until a call succeeds within the threshold again. {@link StallDetection#off()}
     * turns it off (no clock read per call).
     *
     * <pre>{@code
     * CharacterAiStatus.builder()
     *         .stallDetection(StallDetection.defaults().withAnswerWaitingSyncCalls(true))
     *         .build();
     * }</pre>
     *
     * @param settings the settings
     * @return this builder
     */
    public CharacterAiStatusBuilder stallDetection(StallDetection settings) {
        this.stallDetection = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Makes this instance one of a fleet (e.g. {@code RedisFleet} from {@code cai-status-redis}): the instances
     * share the verdict and the outage evidence (one instance's detection reaches every guard within about a
     * second), probe once per interval for the whole fleet, take turns for trial calls while the breaker is held
     * open, and name each outage's incident alike. The fleet's store is never on a chat call's path; while it
     * cannot be reached the instance works alone and says so in its snapshot. Closed by
     * {@link CharacterAiStatus#close()}; default: none.
     *
     * <pre>{@code
     * CharacterAiStatus status = CharacterAiStatus.builder()
     *         .fleet(RedisFleet.builder().uri("rediss://:secret@redis.internal:6379").build())
     *         .build();
     * }</pre>
     *
     * @param value the fleet, one object per instance
     * @return this builder
     */
    public CharacterAiStatusBuilder fleet(Fleet value) {
        this.fleet = Objects.requireNonNull(value, "fleet");
        return this;
    }

    /**
     * Builds the instance and starts its background checks (if enabled), without waiting for the first one (see
     * {@link #firstVerdictWait(Duration)}). The parts are made in order, each whole before the next: the breaker,
     * the probe of the host's own calls over it, the monitor, the guard following it.
     *
     * @return the running instance; close it when done
     */
    public CharacterAiStatus build() {
        return new Wiring(this).build();
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    private static int atLeastOne(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1: " + n);
        }
        return n;
    }
}
