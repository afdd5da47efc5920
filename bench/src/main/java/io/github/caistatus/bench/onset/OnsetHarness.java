package io.github.caistatus.bench.onset;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.redis.RedisFleet;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.github.caistatus.testkit.OfficialPage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The outage-onset harness (issue 13): simulated users chat through host instances against the testkit's simulator
 * while it goes down (a hang, a fast 500, refused connections) and comes back; it measures the user-seconds spent
 * waiting on the dead service, the calls that waited their full timeout, when each instance's fallbacks took over,
 * and the time from recovery to each instance's first primary answer. Then it counts probe requests per interval
 * for 1, 20 and 100 instances with and without Redis. Loopback only; needs /usr/bin/redis-server.
 *
 * <pre>{@code
 * bash bench/onset.sh        # builds, runs (about 4 minutes), prints the tables
 * }</pre>
 */
public final class OnsetHarness {

    static final int USERS = 50;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final String FALLBACK = "fallback";
    static final Duration WARM = Duration.ofSeconds(Long.getLong("onset.warm", 8));
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("onset.outage", 40));
    static final Duration RECOVERY = Duration.ofSeconds(Long.getLong("onset.recovery", 25));

    private OnsetHarness() {
    }

    public static void main(String[] args) throws Exception {
        try (Redis redis = Redis.start()) {
            System.out.println("# onset: " + USERS + " users per configuration, call timeout " + CALL_TIMEOUT.toSeconds()
                    + " s, a message every 1-4 s after each answer; outage " + OUTAGE.toSeconds() + " s, recovery "
                    + RECOVERY.toSeconds() + " s");
            for (Mode shape : new Mode[] {Mode.HANG, Mode.ERROR_500, Mode.REFUSED}) {
                onset(shape, redis);
            }
            probes(redis);
        }
        System.exit(0); // the JDK's shared HTTP client keeps a selector thread
    }

    // ---------------------------------------------------------------- onset and recovery

    /** One host app's guarded chat: one of the configurations measured side by side. */
    interface Host extends AutoCloseable {
        /** A chat call through instance {@code i % instances()}; {@code call} reaches the service. */
        String chat(int user, Supplier<String> call);

        int instances();

        @Override
        void close();
    }

    static void onset(Mode shape, Redis redis) throws Exception {
        try (CharacterAiSimulator sim = CharacterAiSimulator.builder().officialPage(OfficialPage.INACTIVE).start()) {
            List<Config> configs = new ArrayList<>();
            configs.add(new Config("cai-status, 1 instance", caiStatus(sim, 1, null)));
            configs.add(new Config("cai-status, 20 instances, no Redis", caiStatus(sim, 20, null)));
            configs.add(new Config("cai-status, 20 instances, Redis", caiStatus(sim, 20, redis.uri("onset-" + shape))));
            configs.add(new Config("resilience4j defaults, 1 instance", breaker(CircuitBreakerConfig.ofDefaults())));
            configs.add(new Config("resilience4j with cai-status's defaults, 1 instance",
                    breaker(Guard.DEFAULT_CIRCUIT_BREAKER_CONFIG)));
            HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
            long start = System.nanoTime();
            Run run = new Run(start);
            List<Thread> users = new ArrayList<>();
            for (Config c : configs) {
                for (int u = 0; u < USERS; u++) {
                    int user = u;
                    Thread t = new Thread(() -> c.user(user, run, http, sim.chatUri()), "user-" + c.name + "-" + u);
                    t.setDaemon(true);
                    users.add(t);
                    t.start();
                }
            }
            Thread.sleep(WARM.toMillis());
            run.onset = System.nanoTime();
            sim.setMode(shape);
            Thread.sleep(OUTAGE.toMillis());
            run.recovery = System.nanoTime();
            sim.setMode(Mode.UP);
            Thread.sleep(RECOVERY.toMillis());
            run.stop = true;
            for (Thread t : users) {
                t.join(CALL_TIMEOUT.toMillis() + 2000);
            }
            System.out.println();
            System.out.println("## " + shape + " (outage " + OUTAGE.toSeconds() + " s)");
            System.out.println();
            System.out.println("| configuration | user-seconds waited on the dead service | calls that waited the full timeout"
                    + " | calls that reached the dead service | first fallback without a call (s after onset)"
                    + " | every instance answering from fallbacks (s after onset) | recovery to first primary answer,"
                    + " slowest instance (s) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (Config c : configs) {
                System.out.println(c.row(run));
                c.host.close();
            }
        }
    }

    static final class Run {
        final long start;
        volatile long onset = Long.MAX_VALUE;
        volatile long recovery = Long.MAX_VALUE;
        volatile boolean stop;

        Run(long start) {
            this.start = start;
        }
    }

    /** One configuration: a host and what its users went through. */
    static final class Config {
        final String name;
        final Host host;
        final AtomicLong wastedNanos = new AtomicLong();
        final AtomicInteger fullTimeouts = new AtomicInteger();
        final AtomicInteger reachedDead = new AtomicInteger();
        final long[] firstFallback;
        final long[] firstPrimaryAfterRecovery;

        Config(String name, Host host) {
            this.name = name;
            this.host = host;
            this.firstFallback = new long[host.instances()];
            this.firstPrimaryAfterRecovery = new long[host.instances()];
        }

        void user(int user, Run run, HttpClient http, URI chat) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int instance = user % host.instances();
            while (!run.stop) {
                boolean[] reached = {false};
                long[] began = {0};
                long[] ended = {0};
                boolean[] ok = {false};
                String answer = host.chat(user, () -> {
                    reached[0] = true;
                    began[0] = System.nanoTime();
                    try {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(chat).timeout(CALL_TIMEOUT)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hello\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + res.statusCode());
                        }
                        ok[0] = true;
                        return res.body();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        ended[0] = System.nanoTime();
                    }
                });
                long now = System.nanoTime();
                boolean inOutage = began[0] >= run.onset && began[0] < run.recovery;
                if (reached[0] && !ok[0] && (inOutage || (began[0] < run.onset && ended[0] > run.onset))) {
                    long from = Math.max(began[0], run.onset);
                    wastedNanos.addAndGet(Math.min(ended[0], run.recovery) - from);
                    reachedDead.incrementAndGet();
                    if (ended[0] - began[0] >= CALL_TIMEOUT.toNanos() - 100_000_000L) {
                        fullTimeouts.incrementAndGet();
                    }
                }
                if (!reached[0] && FALLBACK.equals(answer) && now > run.onset && now < run.recovery) {
                    synchronized (this) {
                        if (firstFallback[instance] == 0) {
                            firstFallback[instance] = now;
                        }
                    }
                }
                if (ok[0] && began[0] > run.recovery) {
                    synchronized (this) {
                        if (firstPrimaryAfterRecovery[instance] == 0) {
                            firstPrimaryAfterRecovery[instance] = ended[0];
                        }
                    }
                }
                try {
                    Thread.sleep(1000 + r.nextInt(3000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized String row(Run run) {
            long first = Long.MAX_VALUE;
            long all = 0;
            boolean every = true;
            for (long t : firstFallback) {
                if (t == 0) {
                    every = false;
                } else {
                    first = Math.min(first, t);
                    all = Math.max(all, t);
                }
            }
            long slowest = 0;
            boolean allBack = true;
            for (long t : firstPrimaryAfterRecovery) {
                if (t == 0) {
                    allBack = false;
                } else {
                    slowest = Math.max(slowest, t - run.recovery);
                }
            }
            return String.format(Locale.ROOT, "| %s | %.1f | %d | %d | %s | %s | %s |", name,
                    wastedNanos.get() / 1e9, fullTimeouts.get(), reachedDead.get(),
                    first == Long.MAX_VALUE ? "never" : secs(first - run.onset),
                    every ? secs(all - run.onset) : "not all (" + count(firstFallback) + " of " + firstFallback.length + ")",
                    allBack ? secs(slowest) : "not all within " + RECOVERY.toSeconds() + " s ("
                            + count(firstPrimaryAfterRecovery) + " of " + firstPrimaryAfterRecovery.length + ")");
        }

        private static int count(long[] a) {
            int n = 0;
            for (long t : a) {
                n += t != 0 ? 1 : 0;
            }
            return n;
        }

        private static String secs(long nanos) {
            return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
        }
    }

    /** N cai-status instances with the library's defaults (and a fleet on Redis when {@code redis} is given). */
    static Host caiStatus(CharacterAiSimulator sim, int n, String redis) {
        List<CharacterAiStatus> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var b = CharacterAiStatus.builder().endpoint(sim.healthUri()).statusPage(sim.statusPageUri())
                    .control(sim.controlUri()).firstVerdictWait(Duration.ZERO);
            if (redis != null) {
                b.fleet(RedisFleet.builder().uri(redis.substring(0, redis.indexOf('#')))
                        .namespace(redis.substring(redis.indexOf('#') + 1)).instanceName("i" + i).build());
            }
            list.add(b.build());
        }
        return new Host() {
            @Override
            public String chat(int user, Supplier<String> call) {
                return list.get(user % n).guard().call(call).fallback(ctx -> FALLBACK).get();
            }

            @Override
            public int instances() {
                return n;
            }

            @Override
            public void close() {
                list.forEach(CharacterAiStatus::close);
            }
        };
    }

    /** A plain resilience4j breaker around the call, with a fallback on any failure or refusal. */
    static Host breaker(CircuitBreakerConfig config) {
        CircuitBreaker cb = CircuitBreaker.of("plain", config);
        return new Host() {
            @Override
            public String chat(int user, Supplier<String> call) {
                try {
                    return cb.executeSupplier(call);
                } catch (RuntimeException e) {
                    return FALLBACK;
                }
            }

            @Override
            public int instances() {
                return 1;
            }

            @Override
            public void close() {
            }
        };
    }

    // ---------------------------------------------------------------- probes per interval

    static void probes(Redis redis) throws Exception {
        Duration interval = Duration.ofSeconds(2);
        Duration window = Duration.ofSeconds(Long.getLong("onset.probeWindow", 12));
        System.out.println();
        System.out.println("## Probe requests per interval (health checks received by the service; interval "
                + interval.toSeconds() + " s, counted over " + window.toSeconds() + " s)");
        System.out.println();
        System.out.println("| instances | without Redis | with Redis |");
        System.out.println("|---:|---:|---:|");
        ClientResources shared = DefaultClientResources.builder().ioThreadPoolSize(4).computationThreadPoolSize(2)
                .build();
        try {
            for (int n : new int[] {1, 20, 100}) {
                try (Counter alone = new Counter(); Counter fleet = new Counter()) {
                    List<CharacterAiStatus> all = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        all.add(prober(alone.uri(), interval, null));
                        all.add(prober(fleet.uri(), interval, RedisFleet.builder()
                                .uri(redis.base())
                                .namespace("probes-" + n).instanceName("p" + i).clientResources(shared).build()));
                    }
                    Thread.sleep(4000); // start-up: every instance made its first check, the fleets joined
                    int a0 = alone.requests.get();
                    int f0 = fleet.requests.get();
                    Thread.sleep(window.toMillis());
                    double per = (double) interval.toMillis() / window.toMillis();
                    System.out.println(String.format(Locale.ROOT, "| %d | %.1f | %.1f |", n,
                            (alone.requests.get() - a0) * per, (fleet.requests.get() - f0) * per));
                    all.forEach(CharacterAiStatus::close);
                }
            }
        } finally {
            shared.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    static CharacterAiStatus prober(URI health, Duration interval, RedisFleet fleet) {
        var b = CharacterAiStatus.builder().endpoint(health).noStatusPage().noControl().intervals(interval, interval)
                .firstVerdictWait(Duration.ZERO);
        if (fleet != null) {
            b.fleet(fleet);
        }
        return b.build();
    }

    /** A loopback health route that counts requests. */
    static final class Counter implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;

        Counter() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", ex -> {
                requests.incrementAndGet();
                byte[] body = "{\"redis\":\"UP\"}".getBytes();
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A redis-server of the harness's own on a free loopback port, persistence off. */
    static final class Redis implements AutoCloseable {
        final int port;
        final Process process;

        private Redis(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Redis start() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--save", "",
                    "--appendonly", "no", "--bind", "127.0.0.1").redirectErrorStream(true)
                    .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "onset-redis.log")).start();
            for (int i = 0; i < 200; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
                    return new Redis(port, p);
                } catch (IOException e) {
                    Thread.sleep(25);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("redis-server did not start");
        }

        String base() {
            return "redis://127.0.0.1:" + port;
        }

        /** The URI and a namespace, as {@code uri#namespace}. */
        String uri(String namespace) {
            return "redis://127.0.0.1:" + port + "#" + namespace;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
