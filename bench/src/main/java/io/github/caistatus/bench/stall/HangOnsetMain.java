package io.github.caistatus.bench.stall;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.guard.StallDetection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simulated hang on one instance, for the note on stall detection (not the fleet harness of issue 13 point 3):
 * 50 users, each sending a message, waiting for the answer, then thinking 1 to 3 s; healthy calls take 200 to 400 ms;
 * after a healthy warm-up Character.AI hangs (calls are accepted and never answered) and the host's client gives up
 * after 10 s. Counts the user-seconds spent waiting on the dead service from the onset until the fallbacks take over,
 * and the calls that waited their full timeout, with stall detection off and on, for the async form (the guard's
 * own timeout) and the sync form (the client's timeout). Real time: about two minutes in all.
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.github.caistatus.bench.stall.HangOnsetMain
 * }</pre>
 */
public final class HangOnsetMain {

    private static final int USERS = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long WARM_UP_MS = 4_000;
    private static final long HANG_MS = 15_000;

    private HangOnsetMain() {
    }

    /**
     * Runs each configuration in turn and prints one line per configuration.
     *
     * @param args unused
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%d users, %d s call timeout, hang for %d s after %d s of healthy calls%n",
                USERS, TIMEOUT.toSeconds(), HANG_MS / 1000, WARM_UP_MS / 1000);
        System.out.printf(Locale.ROOT, "%-34s %14s %18s %12s%n", "configuration", "user-seconds", "full-timeout calls",
                "calls");
        run("async, stall detection off", false, StallDetection.off());
        run("async, stall detection on", false, StallDetection.defaults());
        run("sync, stall detection off", true, StallDetection.off());
        run("sync, stall detection on", true, StallDetection.defaults());
        run("sync, on + answerWaitingSyncCalls", true, StallDetection.defaults().withAnswerWaitingSyncCalls(true));
    }

    private static void run(String name, boolean sync, StallDetection stall) throws Exception {
        ScheduledExecutorService service = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulated-character-ai");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch hangEnds = new CountDownLatch(1);
        DoubleAdder userSeconds = new DoubleAdder();
        LongAdder fullTimeouts = new LongAdder();
        LongAdder calls = new LongAdder();
        try (CharacterAiStatus status = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl()
                .background(false).probe(new Operational()).stallDetection(stall).build()) {
            status.refresh();
            Guard guard = status.guard();
            long t0 = System.nanoTime();
            long onset = t0 + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MS);
            long end = onset + TimeUnit.MILLISECONDS.toNanos(HANG_MS);
            List<Thread> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                Random random = new Random(u);
                Thread user = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        if (sync) {
                            guard.call(() -> syncCall(random, onset, hangEnds)).fallback(ctx -> "canned").get();
                        } else {
                            guard.<String>callAsync(() -> asyncCall(service, random, onset)).timeout(TIMEOUT)
                                    .fallback(ctx -> "canned").getAsync().toCompletableFuture().join();
                        }
                        long answered = System.nanoTime();
                        if (answered > onset && start < end) {
                            calls.increment();
                            long from = Math.max(start, onset);
                            long to = Math.min(answered, end);
                            userSeconds.add((to - from) / 1e9);
                            if (answered - start >= TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(50)) {
                                fullTimeouts.increment();
                            }
                        }
                        sleepQuietly(1_000 + random.nextInt(2_000));
                    }
                }, "user-" + u);
                user.setDaemon(true);
                users.add(user);
                user.start();
                sleepQuietly(WARM_UP_MS / 2 / USERS); // users arrive over the first half of the warm-up
            }
            for (Thread user : users) {
                user.join(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + TIMEOUT.toMillis() + 5_000);
            }
            System.out.printf(Locale.ROOT, "%-34s %14.1f %18d %12d%n", name, userSeconds.sum(), fullTimeouts.sum(),
                    calls.sum());
        } finally {
            hangEnds.countDown();
            service.shutdownNow();
        }
    }

    /** A blocking chat call: answers after 200-400 ms, or during the hang gives up at the client's timeout. */
    private static String syncCall(Random random, long onset, CountDownLatch hangEnds) {
        if (System.nanoTime() < onset) {
            sleepQuietly(200 + random.nextInt(200));
            return "hello";
        }
        try {
            if (!hangEnds.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(new TimeoutException("read timed out after " + TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the hang ended while waiting");
    }

    /** An asynchronous chat call: completes after 200-400 ms, or during the hang never. */
    private static CompletableFuture<String> asyncCall(ScheduledExecutorService service, Random random, long onset) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        if (System.nanoTime() < onset) {
            service.schedule(() -> reply.complete("hello"), 200 + random.nextInt(200), TimeUnit.MILLISECONDS);
        }
        return reply;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status probes see nothing wrong: the hang is in the chat route only, as users report. */
    private static final class Operational implements StatusProbe {
        @Override
        public String name() {
            return "endpoint";
        }

        @Override
        public Signal probe() {
            return Signal.of("endpoint", Health.OPERATIONAL, Cause.NONE, Duration.ZERO, Instant.now(), "HTTP 200");
        }
    }
}
