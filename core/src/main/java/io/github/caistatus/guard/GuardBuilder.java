package io.github.caistatus.guard;

import io.github.caistatus.api.VerdictFeed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Builds a {@link Guard} over a {@link VerdictFeed}. Every setting but the feed has a default, and the order of
 * the calls does not matter. Where the breaker comes from, first match wins:
 * <ol>
 *   <li>{@link #circuitBreaker(CircuitBreaker)}: that breaker, as it is;</li>
 *   <li>{@link #circuitBreakerRegistry(CircuitBreakerRegistry)}: the registry's breaker of that
 *       {@linkplain #name name}, so it shows in the host's resilience4j metrics, created with
 *       {@link #circuitBreakerConfig the configuration} if one is given, else with the library's
 *       {@link Guard#DEFAULT_CIRCUIT_BREAKER_CONFIG} (never silently with the registry's default; a breaker already
 *       in the registry under that name is used as it is);</li>
 *   <li>otherwise a breaker of its own, with the given configuration or
 *       {@link Guard#DEFAULT_CIRCUIT_BREAKER_CONFIG}.</li>
 * </ol>
 *
 * <pre>{@code
 * Guard guard = Guard.builder()
 *         .feed(myFeed)                                  // where verdicts come from
 *         .circuitBreakerRegistry(registry)              // the host's own registry
 *         .circuitBreakerConfig(CircuitBreakerConfig.custom()
 *                 .failureRateThreshold(30)
 *                 .slidingWindowSize(50)
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class GuardBuilder {

    private VerdictFeed feed;
    private String name = Guard.DEFAULT_NAME;
    private CircuitBreakerConfig config;
    private CircuitBreakerRegistry registry;
    private CircuitBreaker breaker;
    private Clock clock = Clock.systemUTC();
    private Boolean callTiming;
    private Executor asyncExecutor; // null: the guard's own bounded pool
    private Duration trialInterval = Guard.DEFAULT_TRIAL_INTERVAL;
    private PassiveProbe ownCalls; // null: stalls are not reported to a probe
    private BooleanSupplier trialTurn = () -> true;
    private Function<? super Throwable, Optional<Duration>> waitFrom; // null: read nothing from failures
    private StallDetection stallDetection = StallDetection.off();
    private LongSupplier nanoClock = System::nanoTime;
    private boolean stallWatchdog = true;

    GuardBuilder() {
    }

    /**
     * Where the guard's verdicts come from (required): it holds the breaker open while the verdict says
     * Character.AI is down, asks the feed for a check when its own calls change the breaker's state, and reads
     * how long outages usually last from the feed's incident log.
     *
     * @param feed the feed to follow
     * @return this builder
     */
    public GuardBuilder feed(VerdictFeed feed) {
        this.feed = Objects.requireNonNull(feed, "feed");
        return this;
    }

    /**
     * Names the breaker (default {@value Guard#DEFAULT_NAME}).
     *
     * @param name the breaker's name in the registry and in metrics
     * @return this builder
     */
    public GuardBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Configures the breaker: thresholds, window, open time, and which exceptions and results count.
     *
     * @param config the configuration
     * @return this builder
     */
    public GuardBuilder circuitBreakerConfig(CircuitBreakerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Takes the breaker from the host's registry, so it shares the host's metrics and event consumers. The
     * breaker keeps the library's configuration unless {@link #circuitBreakerConfig} says otherwise.
     *
     * @param registry the registry
     * @return this builder
     */
    public GuardBuilder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Uses this breaker as it is (name, configuration and registry are then ignored).
     *
     * @param breaker the breaker
     * @return this builder
     */
    public GuardBuilder circuitBreaker(CircuitBreaker breaker) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        return this;
    }

    /**
     * The time source for wait hints and signal timestamps (default: the UTC system clock).
     * Call durations, when measured, use the breaker's own clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public GuardBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Whether to measure each call's duration (two clock reads per call). By default it is on exactly when
     * the breaker's {@code slowCallRateThreshold} is below 100, since slow-call detection needs durations;
     * with it off, outcomes are recorded with a zero duration and slow-call thresholds never trigger.
     *
     * @param on true to measure
     * @return this builder
     */
    public GuardBuilder callTiming(boolean on) {
        this.callTiming = on;
        return this;
    }

    /**
     * Where fallbacks of an asynchronous call that timed out run (they must not run on the guard's single timer
     * thread, and may block). Default: a pool of the guard's own, at most {@value Guard#FALLBACK_THREADS} named
     * daemon threads ({@code cai-status-guard-fallback-<n>}) started on first use, ending when idle, stopped by
     * {@link Guard#close()}; never the common fork-join pool, whose parallelism is one on a two-core machine. An
     * executor given here is not shut down by the guard.
     *
     * <pre>{@code
     * Guard guard = Guard.builder().feed(feed).asyncExecutor(hostExecutor).build();
     * }</pre>
     *
     * @param executor the executor
     * @return this builder
     */
    public GuardBuilder asyncExecutor(Executor executor) {
        this.asyncExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * The pace of trial calls while the breaker is held open, by the verdict or by its own failures: each verdict
     * published during the hold lets one call through, never two within half this interval (default
     * {@link Guard#DEFAULT_TRIAL_INTERVAL}, the monitor's default unhealthy interval; {@code CharacterAiStatus}
     * passes its own unhealthy interval, the pace of its checks during a hold). One trial at a time; a
     * successful one asks the status to check afresh at once, and lets an open breaker try half-open.
     *
     * <pre>{@code
     * Guard guard = Guard.builder().feed(feed).trialInterval(Duration.ofSeconds(5)).build();
     * }</pre>
     *
     * @param interval the pause between trials; positive
     * @return this builder
     */
    public GuardBuilder trialInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.trialInterval = interval;
        return this;
    }

    /**
     * Whether this guard may take the trial call a held-open breaker lets through now, asked each time a verdict
     * would arm one (default: always). A fleet passes its trial lease here, so that one instance of the fleet
     * tries at a time; it must be a plain read that never blocks.
     *
     * <pre>{@code
     * Guard guard = Guard.builder().feed(feed).trialTurn(fleet::mayTrial).build();
     * }</pre>
     *
     * @param turn true when this guard may try now
     * @return this builder
     */
    public GuardBuilder trialTurn(BooleanSupplier turn) {
        this.trialTurn = Objects.requireNonNull(turn, "turn");
        return this;
    }

    /**
     * Reads a wait from the host's own exceptions: when a guarded call fails with, say, a 429 whose
     * {@code Retry-After} the host's chat client kept, the fallbacks' {@link FallbackContext#expectedWait()} says
     * so ("asked to retry in ~20 seconds"), and a {@link Patience} policy retries no sooner (and not at all if
     * that is longer than its longest wait). Asked of the failure and then of its causes, until one gives a wait.
     * A reader that throws or gives nothing leaves the estimate to the other sources. Default: none.
     *
     * <pre>{@code
     * Guard guard = Guard.builder().feed(feed)
     *         .waitFrom(e -> e instanceof ChatException ce ? ce.retryAfter() : Optional.empty())
     *         .build();
     * }</pre>
     *
     * @param reader gives the wait a failure asks for, or empty
     * @return this builder
     */
    public GuardBuilder waitFrom(Function<? super Throwable, Optional<Duration>> reader) {
        this.waitFrom = Objects.requireNonNull(reader, "reader");
        return this;
    }

    /**
     * Watches for calls that hang ({@link StallDetection}): calls in flight far longer than healthy calls take make
     * the status check at once, send new calls to the fallbacks without waiting, and answer the calls already
     * waiting. Default for a guard built here: {@link StallDetection#off()} (no clock read per call);
     * {@code CharacterAiStatus.builder()} turns it on.
     *
     * <pre>{@code
     * Guard guard = Guard.builder().feed(feed).stallDetection(StallDetection.defaults()).build();
     * }</pre>
     *
     * @param settings the settings
     * @return this builder
     */
    public GuardBuilder stallDetection(StallDetection settings) {
        this.stallDetection = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The nanosecond time source of stall detection (tests move it by hand). */
    GuardBuilder nanoClock(LongSupplier nanos) {
        this.nanoClock = Objects.requireNonNull(nanos, "nanos");
        return this;
    }

    /** No stall watchdog task: the test runs the scans by hand. */
    GuardBuilder stallScansByHand() {
        this.stallWatchdog = false;
        return this;
    }

    /**
     * The probe of these calls that the feed's monitor runs ({@link PassiveProbe#of} over the same breaker): while
     * {@linkplain #stallDetection stall detection} holds a stall, it says the host's own calls stalled (a major
     * outage, believed at once), so the verdict, and a fleet sharing it, goes down before the calls time out.
     * {@code CharacterAiStatus} wires this itself. Default: none.
     *
     * @param probe the probe over this guard's breaker
     * @return this builder
     */
    public GuardBuilder ownCallsProbe(PassiveProbe probe) {
        this.ownCalls = Objects.requireNonNull(probe, "probe");
        return this;
    }

    /**
     * Builds the guard and starts following the feed's verdicts. The builder can be used again.
     *
     * @return the guard
     * @throws IllegalStateException if no {@linkplain #feed feed} was given
     */
    public Guard build() {
        if (feed == null) {
            throw new IllegalStateException("no verdict feed: call feed(...) before build()");
        }
        Guard guard = new Guard(feed, resolveBreaker(), clock, callTiming, asyncExecutor, trialInterval, waitFrom,
                stallDetection, nanoClock, stallWatchdog, trialTurn, ownCalls);
        guard.follower.follow(); // after the constructor: no reference to a half-built guard escapes it
        if (guard.stall != null) {
            feed.onVerdict(guard.stall::onVerdict);
        }
        return guard;
    }

    private CircuitBreaker resolveBreaker() {
        if (breaker != null) {
            return breaker;
        }
        CircuitBreakerConfig c = config != null ? config : Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG;
        return registry != null ? registry.circuitBreaker(name, c) : CircuitBreaker.of(name, c);
    }
}
