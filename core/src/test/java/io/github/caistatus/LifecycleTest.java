package io.github.caistatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.github.caistatus.api.Health;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Build and close many instances that really probe over HTTP (a JDK server on loopback): nothing may pile up.
 * Each instance starts a monitor, probe threads, a listener thread and HTTP exchanges on the JVM-wide client;
 * before that client was shared, every instance left a JDK selector thread and its descriptors behind.
 *
 * <p>The cycles run in a JVM of their own ({@link #main}), so that what other tests leave running in the test JVM
 * (clients of their own, the shared default instance) cannot move the counts either way.
 */
class LifecycleTest {

    @Test
    void fiveHundredBuildCloseCyclesReturnThreadsAndDescriptorsToWhereTheyWere() throws Exception {
        assumeThat(Files.isDirectory(FDS)).as("/proc/self/fd (Linux)").isTrue();
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                LifecycleTest.class.getName())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append(e);
            }
        });
        reader.start();
        boolean ended = child.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        reader.join(10_000);
        String report = output.toString().lines().filter(l -> l.startsWith("LifecycleTest") || !l.contains(" INFO "))
                .collect(Collectors.joining("\n"));
        System.out.println(report);
        assertThat(ended).as("the cycles ended within 150 s:%n%s", report).isTrue();
        assertThat(child.exitValue()).as("the cycles' JVM:%n%s", report).isZero();
        assertThat(report).contains("LifecycleTest: settled");
    }

    /**
     * The cycles, in a JVM of their own: exits 0 when the counts went back, 1 (with the reason) otherwise.
     *
     * @param args none
     */
    public static void main(String[] args) {
        LifecycleTest test = new LifecycleTest();
        int code = 1;
        try {
            test.startServer();
            try {
                test.cycles();
                code = 0;
            } finally {
                test.stopServer();
            }
        } catch (Throwable t) {
            t.printStackTrace(System.out);
        }
        System.out.flush();
        System.exit(code);
    }

    private static final int CYCLES = 500;
    private static final Path FDS = Path.of("/proc/self/fd");
    /**
     * Room, right after a close(), for the JVM-wide HTTP client's two workers (they end when idle) and threads
     * still finishing their last step. Far below what a leak per instance piles up: a client per instance left
     * ~2 threads and ~0.9 descriptors per cycle until some GC (up to 1,304 threads and 506 descriptors).
     */
    private static final int SLACK = 8;

    private HttpServer server;
    private ExecutorService serverThread;

    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = "{\"redis\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // the server ends every connection: the only sockets are the exchanges in flight, so the count can
            // go back to where it was (a kept-alive one would wait in the shared client's pool for the next use)
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        serverThread = Executors.newSingleThreadExecutor();
        server.setExecutor(serverThread);
        server.start();
    }

    void stopServer() throws InterruptedException {
        server.stop(0);
        serverThread.shutdownNow();
        serverThread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private CharacterAiStatus build(URI base) {
        return CharacterAiStatus.builder()
                .endpoint(base.resolve("/health"))
                .statusPage(base.resolve("/api/v2/summary.json"))
                .control(base.resolve("/control"))
                .intervals(Duration.ofSeconds(60), Duration.ofSeconds(15))
                .onChange((before, now) -> { })
                .firstVerdictWait(Duration.ofSeconds(10))
                .build();
    }

    private void cycles() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        // one cycle first: the JVM-wide HTTP client (its selector thread and descriptors) is created once, by the
        // first instance, and stays for the next ones; the server's handler thread starts on the first request
        try (CharacterAiStatus first = build(base)) {
            assertThat(first.refresh().signals()).isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> httpWorkers() == 0);
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        int threads = threads();
        long fds = fds();

        int mostThreads = 0;
        long mostFds = 0;
        for (int i = 0; i < CYCLES; i++) {
            CharacterAiStatus status = build(base);
            if (i == 0) {
                assertThat(status.snapshot().health()).isNotEqualTo(Health.UNKNOWN);
            }
            status.close();
            // right after close(), not after a GC that might collect what a leaky close() left behind
            mostThreads = Math.max(mostThreads, threads());
            mostFds = Math.max(mostFds, fds());
        }

        System.out.printf("LifecycleTest: %d cycles; threads %d -> %d (at most %d after a close()), descriptors %d"
                + " -> %d (at most %d)%n", CYCLES, threads, threads(), mostThreads, fds, fds(), mostFds);
        assertThat(mostThreads).as("threads after a close()").isLessThanOrEqualTo(threads + SLACK);
        assertThat(mostFds).as("descriptors after a close()").isLessThanOrEqualTo(fds + SLACK);
        // bounded: the JVM-wide client's idle workers end within seconds; the instances' own threads are gone
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> threads() <= threads && fds() <= fds);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && !before.contains(t)
                && t.getName().startsWith("cai-status"));
        System.out.printf("LifecycleTest: settled at threads %d, descriptors %d%n", threads(), fds());
    }

    private static int threads() {
        return Thread.getAllStackTraces().size();
    }

    /** The JVM-wide HTTP client's workers, which end when idle (other tests' instances may have woken them). */
    private static long httpWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("cai-status-http-")).count();
    }

    private static long fds() {
        try (Stream<Path> open = Files.list(FDS)) {
            return open.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
