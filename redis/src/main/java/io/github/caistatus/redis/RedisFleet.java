package io.github.caistatus.redis;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.fleet.Fleet;
import io.github.caistatus.guard.CallCounts;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet mode on Redis: the instances of a host app share the verdict and the outage evidence, one of them probes
 * per interval for all, one at a time makes the trial call of a held-open breaker, and each outage is one incident
 * for the fleet. One {@code RedisFleet} per status instance (each has its own connection):
 *
 * <pre>{@code
 * CharacterAiStatus status = CharacterAiStatus.builder()
 *         .fleet(RedisFleet.builder().uri("rediss://:secret@redis.internal:6379/0").namespace("my-bot").build())
 *         .build();
 * }</pre>
 *
 * <p>Redis is never on a chat call's path: a background thread ({@code cai-status-fleet-<n>}) reads the shared
 * state every {@linkplain Builder#refreshInterval refresh interval} (250 ms by default) and the guard reads only
 * what it left in memory; reports are sent without waiting; the probe lease is taken on the monitor's probe
 * thread. Every command has its own timeout. While Redis cannot be reached (or answers too slowly) the instance
 * works alone: it probes itself, tries itself, and its snapshot carries the signal
 * {@code "fleet: Redis unreachable"} (no opinion); it rejoins by itself when Redis answers again.
 *
 * <p>Keys, all under the namespace and all with a TTL: {@code <ns>:state} (the shared outage or recovery),
 * {@code <ns>:probe:<probe>} (the probe lease, one interval), {@code <ns>:obs:<probe>} (the shared observation),
 * {@code <ns>:trial} (the trial lease), {@code <ns>:incident:<start>} (the fleet's one record of each outage),
 * {@code <ns>:calls:<second>} (every instance's call outcomes of that second, added up: 10 failed of the fleet's latest
 * 20 calls within 10 s are an outage for all, however few users each instance has).
 */
public final class RedisFleet implements Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(RedisFleet.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Opens (or keeps) the shared outage; the first report writes its incident record. */
    private static final String DOWN = """
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local ok, st = pcall(cjson.decode, cur)
              if ok and st.s == 'down' then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return cur
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[3])
            return ARGV[1]
            """;
    /** Ends the shared outage (if one is open, and unless only a successful call may end it and this is not one). */
    private static final String UP = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return 0 end
            local ok, st = pcall(cjson.decode, cur)
            if not ok or st.s ~= 'down' then return 0 end
            if ARGV[3] == 'check' and st.cause == 'CALL_FAILURES' then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[2])
            return 1
            """;
    /**
     * One refresh: adds this instance's new call outcomes to the current second's bucket, and reads the shared state
     * with the fleet's outcomes over the window's buckets: {state or '', successes, failures}.
     */
    private static final String READ = """
            if tonumber(ARGV[1]) + tonumber(ARGV[2]) > 0 then
              redis.call('HINCRBY', KEYS[2], 's', ARGV[1])
              redis.call('HINCRBY', KEYS[2], 'f', ARGV[2])
              redis.call('PEXPIRE', KEYS[2], ARGV[3])
            end
            local s, f = 0, 0
            for i = 2, #KEYS do
              local v = redis.call('HMGET', KEYS[i], 's', 'f')
              s = s + (tonumber(v[1]) or 0)
              f = f + (tonumber(v[2]) or 0)
              if s + f >= tonumber(ARGV[4]) then break end
            end
            return {redis.call('GET', KEYS[1]) or '', s, f}
            """;
    /** The fleet's calls over this window decide an outage, like one breaker's window of calls. */
    static final Duration CALL_WINDOW = Duration.ofSeconds(10);
    /** At least this many failed calls in the window, and at least half of the calls, make an outage. */
    static final int MINIMUM_FAILED_CALLS = 10;
    /**
     * The fleet's latest calls are judged like the guard's breaker judges its own: the newest seconds of the window
     * until they hold this many calls (the library's breaker window), so older successes do not dilute an outage.
     */
    static final int WINDOW_CALLS = 20;

    /** The probe lease: '' when this instance takes it, else the shared observation ('-' when none yet). */
    private static final String PROBE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return '' end
            return redis.call('GET', KEYS[2]) or '-'
            """;
    /** The trial lease: 1 when this instance holds it (taken now, or kept). */
    private static final String TRIAL = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;

    private final Builder config;
    private final String instance;
    private final Clock clock;
    private final RedisClient client;
    private final ClientResources ownResources;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean trialAsked = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile Runnable changed = () -> { };
    private volatile Supplier<CallCounts> calls = () -> null;
    private long sentSucceeded;
    private long sentFailed;
    private long ticks;
    private volatile boolean reachable;
    private volatile boolean everRead;
    private volatile SharedState state;
    private volatile String stateRaw;
    private volatile Instant readAt;
    private volatile long trialHeldUntil;
    private volatile long nudgeUntil;
    private volatile boolean closed;

    private RedisFleet(Builder b) {
        this.config = b;
        this.instance = b.instanceName != null ? b.instanceName
                : Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
        this.clock = Clock.systemUTC();
        RedisURI uri = RedisURI.create(b.uri);
        uri.setTimeout(b.commandTimeout);
        // our own resources are small (two I/O and two computation threads, Lettuce's least) and reconnect at a steady pace, so a
        // Redis that comes back is rejoined within about a second rather than after an exponential back-off
        this.ownResources = b.resources == null ? DefaultClientResources.builder().ioThreadPoolSize(2)
                .computationThreadPoolSize(2).reconnectDelay(Delay.constant(Duration.ofMillis(500))).build() : null;
        this.client = RedisClient.create(b.resources != null ? b.resources : ownResources, uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).build())
                .build());
        int id = IDS.incrementAndGet();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cai-status-fleet-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A builder; {@link Builder#uri(String)} is required.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This instance's name in the fleet's keys and details.
     *
     * @return the name
     */
    public String instanceName() {
        return instance;
    }

    /**
     * Whether the last read of the shared state succeeded.
     *
     * @return true while Redis answers
     */
    public boolean isConnected() {
        return reachable;
    }

    @Override
    public void join(Runnable onChange, Supplier<CallCounts> counts) {
        this.changed = onChange;
        this.calls = counts;
        long every = config.refreshInterval.toNanos();
        try {
            thread.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.NANOSECONDS);
        } catch (RuntimeException closedMeanwhile) {
            // closed before joining: nothing to do
        }
    }

    // ---------------------------------------------------------------- the background refresher

    private void refresh() {
        try {
            StatefulRedisConnection<String, String> c = connection();
            if (c == null) {
                lost("no connection");
                return;
            }
            CallCounts counts = calls.get();
            long ok = counts == null ? 0 : counts.successful() - sentSucceeded;
            long failed = counts == null ? 0 : counts.failed() - sentFailed;
            long nowSecond = clock.millis() / 1000;
            SharedState known = state;
            // count only what came after the last shared recovery: the outage's own failures must not re-open it
            long fromSecond = nowSecond - CALL_WINDOW.toSeconds() + 1;
            if (known != null && !known.down()) {
                fromSecond = Math.max(fromSecond, known.since().getEpochSecond() + 1);
            }
            List<String> keys = new ArrayList<>();
            keys.add(key("state"));
            keys.add(key("calls:" + nowSecond));
            for (long sec = nowSecond - 1; sec >= fromSecond; sec--) { // newest first
                keys.add(key("calls:" + sec));
            }
            List<Object> got = c.async().<List<Object>>eval(READ, ScriptOutputType.MULTI, keys.toArray(new String[0]),
                    Long.toString(Math.max(0, ok)), Long.toString(Math.max(0, failed)),
                    ms(CALL_WINDOW.plusSeconds(5)), Integer.toString(WINDOW_CALLS)).get(config.commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (counts != null) {
                sentSucceeded = counts.successful();
                sentFailed = counts.failed();
            }
            String raw = got.get(0) == null || got.get(0).toString().isEmpty() ? null : got.get(0).toString();
            long fleetOk = ((Number) got.get(1)).longValue();
            long fleetFailed = ((Number) got.get(2)).longValue();
            readAt = clock.instant();
            boolean was = reachable;
            reachable = true;
            everRead = true;
            if (fleetFailed >= MINIMUM_FAILED_CALLS && fleetFailed * 2 >= fleetOk + fleetFailed
                    && (known == null || !known.down())) {
                outageSeen(Health.MAJOR_OUTAGE, Cause.CALL_FAILURES, "the fleet's own calls: " + fleetFailed + " of the latest "
                        + (fleetOk + fleetFailed) + " failed", readAt);
            }
            if (!was || !java.util.Objects.equals(raw, stateRaw)) {
                stateRaw = raw;
                state = SharedState.parse(raw).orElse(null);
                nudgeUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                if (!was) {
                    LOG.info("cai-status fleet: Redis answers; instance {} takes part", instance);
                }
            }
            if (System.nanoTime() - nudgeUntil < 0) {
                changed.run();
            }
            SharedState now = state;
            if (now != null && now.down() && ++ticks % Math.max(1, 1000 / Math.max(1, config.refreshInterval.toMillis()))
                    == 0) {
                askTrialLease();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lost(e.getClass().getSimpleName());
        }
    }

    private void lost(String why) {
        boolean was = reachable;
        reachable = false;
        trialHeldUntil = 0;
        if (was || !everRead) {
            everRead = true;
            if (was) {
                LOG.warn("cai-status fleet: Redis unreachable ({}); instance {} works alone", why, instance);
            }
            changed.run();
        }
    }

    /** The connection, made on the refresher thread when there is none; Lettuce reconnects it by itself after. */
    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null || closed) {
            return c;
        }
        try {
            c = client.connect();
            connection = c;
            if (closed) {
                c.closeAsync();
                return null;
            }
            return c;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && reachable && !closed ? c.async() : null;
    }

    private String key(String suffix) {
        return config.namespace + ":" + suffix;
    }

    // ---------------------------------------------------------------- what the instance asks

    @Override
    public Signal signal() {
        Instant at = readAt != null ? readAt : clock.instant();
        if (!reachable) {
            return Signal.of("fleet", Health.UNKNOWN, Cause.SOURCE_UNAVAILABLE, Duration.ZERO,
                    everRead ? clock.instant() : at, everRead ? "fleet: Redis unreachable, working alone"
                            : "fleet: Redis not read yet");
        }
        SharedState s = state;
        if (s == null) {
            return Signal.of("fleet", Health.UNKNOWN, Cause.NOT_CHECKED, Duration.ZERO, at,
                    "fleet: no outage reported");
        }
        if (s.down()) {
            return Signal.of("fleet", s.health(), s.cause(), Duration.ZERO, at,
                    "fleet: outage seen by " + s.by() + " since " + s.since() + " (" + s.detail() + ")");
        }
        return Signal.of("fleet", Health.OPERATIONAL, Cause.NONE, Duration.ZERO, at,
                "fleet: recovery seen by " + s.by() + " at " + s.since() + " (" + s.detail() + ")");
    }

    @Override
    public void outageSeen(Health health, Cause cause, String detail, Instant at) {
        RedisAsyncCommands<String, String> r = commands();
        if (r == null) {
            return;
        }
        SharedState down = new SharedState(true, health, cause, shorten(detail), at, instance);
        try {
            r.eval(DOWN, ScriptOutputType.VALUE,
                    new String[] {key("state"), key("incident:" + at.toEpochMilli())},
                    down.toJson(), ms(config.outageTtl), ms(config.incidentTtl));
        } catch (RuntimeException e) {
            LOG.debug("cai-status fleet: could not report an outage", e);
        }
    }

    @Override
    public void recoverySeen(String detail, Instant at) {
        up(detail, at, "call");
    }

    private void up(String detail, Instant at, String kind) {
        RedisAsyncCommands<String, String> r = commands();
        SharedState s = state;
        if (r == null || s == null || !s.down()) {
            return; // nothing shared to end (the refresher's view; the script checks again in Redis)
        }
        SharedState up = new SharedState(false, Health.OPERATIONAL, Cause.NONE, shorten(detail), at, instance);
        try {
            r.eval(UP, ScriptOutputType.INTEGER, new String[] {key("state"), key("trial")},
                    up.toJson(), ms(config.recoveryTtl), kind);
        } catch (RuntimeException e) {
            LOG.debug("cai-status fleet: could not report a recovery", e);
        }
    }

    @Override
    public Optional<Signal> sharedObservation(String probe, Duration interval) {
        RedisAsyncCommands<String, String> r = commands();
        if (r == null) {
            return Optional.empty();
        }
        try {
            String got = r.<String>eval(PROBE, ScriptOutputType.VALUE,
                    new String[] {key("probe:" + probe), key("obs:" + probe)}, instance, ms(interval))
                    .get(config.commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (got == null || got.isEmpty()) {
                return Optional.empty(); // the lease is ours: probe
            }
            return Optional.of(SharedState.decode(got).orElseGet(() -> Signal.of(probe, Health.UNKNOWN,
                    Cause.NOT_CHECKED, Duration.ZERO, clock.instant(),
                    "checked by another instance of the fleet; not shared yet")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // slow or gone: probe ourselves
        }
    }

    @Override
    public void share(String probe, ProbeRole role, Signal signal) {
        RedisAsyncCommands<String, String> r = commands();
        if (r == null) {
            return;
        }
        try {
            r.set(key("obs:" + probe), SharedState.encode(signal), SetArgs.Builder.px(config.outageTtl));
        } catch (RuntimeException e) {
            return;
        }
        if (role == ProbeRole.ENDPOINT && signal.health() == Health.OPERATIONAL) {
            // a health check that answers well ends an outage seen by checks, not one seen only in calls
            up("the health endpoint answers again", signal.observedAt(), "check");
        }
    }

    @Override
    public boolean mayTrial() {
        if (commands() == null) {
            return true; // alone: try ourselves
        }
        if (System.nanoTime() - trialHeldUntil < 0) {
            return true;
        }
        askTrialLease();
        return false;
    }

    /**
     * Asks for the trial lease without waiting (kept while held); the refresher asks once a second while an outage is
     * shared, so the lease holder is known before a verdict arms a trial.
     */
    private void askTrialLease() {
        RedisAsyncCommands<String, String> r = commands();
        if (r == null || !trialAsked.compareAndSet(false, true)) {
            return;
        }
        long asked = System.nanoTime();
        try {
            r.<Long>eval(TRIAL, ScriptOutputType.INTEGER, new String[] {key("trial")}, instance,
                    ms(config.trialLease)).whenComplete((held, e) -> {
                        if (held != null && held == 1L) {
                            trialHeldUntil = asked + config.trialLease.toNanos() * 3 / 4;
                        }
                        trialAsked.set(false);
                    });
        } catch (RuntimeException e) {
            trialAsked.set(false);
        }
    }

    @Override
    public Optional<Instant> outageStart() {
        SharedState s = state;
        return reachable && s != null && s.down() ? Optional.of(s.since()) : Optional.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatefulRedisConnection<String, String> c = connection;
        try {
            if (c != null) {
                c.closeAsync().get(1, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debug("cai-status fleet: closing the connection", e);
        }
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            if (ownResources != null) {
                ownResources.shutdown(0, 2, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            LOG.debug("cai-status fleet: shutting the client down", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ms(Duration d) {
        return Long.toString(Math.max(1, d.toMillis()));
    }

    private static String shorten(String detail) {
        return detail.length() <= 300 ? detail : detail.substring(0, 300) + "…";
    }

    /** Configures a {@link RedisFleet}. */
    public static final class Builder {
        private String uri;
        private String namespace = "cai-status";
        private String instanceName;
        private Duration commandTimeout = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration refreshInterval = Duration.ofMillis(250);
        private Duration outageTtl = Duration.ofMinutes(5);
        private Duration recoveryTtl = Duration.ofMinutes(2);
        private Duration trialLease = Duration.ofSeconds(15);
        private Duration incidentTtl = Duration.ofDays(7);
        private ClientResources resources;

        private Builder() {
        }

        /**
         * The Redis URI (required): {@code redis://host:6379/0}; auth and TLS in the URI itself, e.g.
         * {@code rediss://user:password@host:6380/0} (see Lettuce's {@code RedisURI}).
         *
         * @param value the URI
         * @return this builder
         */
        public Builder uri(String value) {
            RedisURI.create(java.util.Objects.requireNonNull(value, "uri")); // fails here, not at build, if malformed
            this.uri = value;
            return this;
        }

        /**
         * The prefix of every key (default {@code cai-status}): one per fleet sharing a Redis.
         *
         * @param value a non-blank prefix
         * @return this builder
         */
        public Builder namespace(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("namespace must not be blank");
            }
            this.namespace = value;
            return this;
        }

        /**
         * This instance's name in leases and details (default: a random one).
         *
         * @param value the name
         * @return this builder
         */
        public Builder instanceName(String value) {
            this.instanceName = java.util.Objects.requireNonNull(value, "instanceName");
            return this;
        }

        /**
         * The longest wait for one Redis command (default 500 ms); slower counts as unreachable.
         *
         * @param value positive
         * @return this builder
         */
        public Builder commandTimeout(Duration value) {
            this.commandTimeout = positive(value, "commandTimeout");
            return this;
        }

        /**
         * The longest wait for a connection (default 1 s).
         *
         * @param value positive
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * How often the shared state is read (default 250 ms): the delay with which a detection elsewhere reaches
         * this instance's guard.
         *
         * @param value positive
         * @return this builder
         */
        public Builder refreshInterval(Duration value) {
            this.refreshInterval = positive(value, "refreshInterval");
            return this;
        }

        /**
         * How long a shared outage lives without a new report (default 5 minutes); every instance that still sees
         * it extends it.
         *
         * @param value positive
         * @return this builder
         */
        public Builder outageTtl(Duration value) {
            this.outageTtl = positive(value, "outageTtl");
            return this;
        }

        /**
         * How long a shared recovery is remembered (default 2 minutes).
         *
         * @param value positive
         * @return this builder
         */
        public Builder recoveryTtl(Duration value) {
            this.recoveryTtl = positive(value, "recoveryTtl");
            return this;
        }

        /**
         * How long one instance owns the trial calls of a held-open breaker (default 15 s, kept while it tries).
         *
         * @param value positive
         * @return this builder
         */
        public Builder trialLease(Duration value) {
            this.trialLease = positive(value, "trialLease");
            return this;
        }

        /**
         * How long the fleet's record of an outage is kept (default 7 days).
         *
         * @param value positive
         * @return this builder
         */
        public Builder incidentTtl(Duration value) {
            this.incidentTtl = positive(value, "incidentTtl");
            return this;
        }

        /**
         * Lettuce client resources to share between many fleets in one JVM (default: the client's own, shut
         * down on close). Resources given here are not shut down.
         *
         * @param value the resources
         * @return this builder
         */
        public Builder clientResources(ClientResources value) {
            this.resources = java.util.Objects.requireNonNull(value, "clientResources");
            return this;
        }

        /**
         * Builds the fleet; it connects when the status instance joins it, in the background.
         *
         * @return the fleet
         * @throws IllegalStateException if no URI was given
         */
        public RedisFleet build() {
            if (uri == null) {
                throw new IllegalStateException("no Redis URI: call uri(...) before build()");
            }
            return new RedisFleet(this);
        }

        private static Duration positive(Duration d, String what) {
            java.util.Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
