package io.github.caistatus.redis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, persistence off; stopped by
 * {@link #close()}, started again on the same port by {@link #start()}. Never assumes one is running.
 */
final class RedisServer implements AutoCloseable {

    static final String PROGRAM = "/usr/bin/redis-server";

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    static RedisServer startOnFreePort() {
        RedisServer r = new RedisServer(freePort());
        r.start();
        return r;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(PROGRAM, "--port", Integer.toString(port), "--save", "",
                    "--appendonly", "no", "--bind", "127.0.0.1", "--protected-mode", "yes"))
                    .redirectErrorStream(true).redirectOutput(new File("target/redis-" + port + ".log")).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PROGRAM + " (apt-get install redis-server)", e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::accepts);
    }

    /** Kills the server (SIGKILL: no goodbye to the clients) and waits until it is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
