package io.github.caistatus.internal.http;

import io.github.caistatus.internal.DaemonThreads;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP clients of the built-in probes, shared by every status instance of the JVM. Internal: not part of
 * the public API.
 *
 * <p>Why shared: on JDK 17 {@link HttpClient} has no {@code close()}; each client owns a selector thread and its
 * descriptors until the client is garbage collected, so a client per instance leaks one thread and a few
 * sockets per build/close cycle until some later GC. One client per connect timeout (in practice one: the
 * default) is created on first use and lives as long as the JVM, like the common pool: building and closing
 * instances then creates no selector at all, and a connection kept alive by one instance is reused by the next
 * one instead of piling up. Its work runs on a few named daemon threads that end when idle.
 */
public final class SharedHttpClients {

    /** At most this many worker threads for all shared clients together: their tasks never block. */
    static final int WORKERS = 2;
    /** Idle workers end after this long, so a quiet JVM keeps only the selector threads. */
    static final Duration IDLE = Duration.ofSeconds(5);

    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static volatile ThreadPoolExecutor workers;

    private SharedHttpClients() {
    }

    /**
     * The JVM-wide client with this connect timeout that never follows redirects (the probes do, by their rules).
     *
     * @param connectTimeout the longest wait for a TCP/TLS connection
     * @return the shared client, created on first use
     */
    public static HttpClient withConnectTimeout(Duration connectTimeout) {
        return CLIENTS.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(t)
                .executor(workers())
                .build());
    }

    /**
     * Like {@link #withConnectTimeout(Duration)}, made on its first request rather than now: a status instance is
     * built without the cost of a client on the caller's thread, and its first check, on a probe thread, pays it.
     *
     * @param connectTimeout the longest wait for a TCP/TLS connection
     * @return a client that becomes the shared one on first use
     */
    public static HttpClient lazyWithConnectTimeout(Duration connectTimeout) {
        HttpClient made = CLIENTS.get(connectTimeout);
        return made != null ? made : new LazyHttpClient(connectTimeout, () -> withConnectTimeout(connectTimeout));
    }

    private static ThreadPoolExecutor workers() {
        ThreadPoolExecutor w = workers;
        if (w == null) {
            synchronized (SharedHttpClients.class) {
                w = workers;
                if (w == null) {
                    w = new ThreadPoolExecutor(WORKERS, WORKERS, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                            new LinkedBlockingQueue<>(), new DaemonThreads("cai-status-http", true));
                    w.allowCoreThreadTimeOut(true);
                    workers = w;
                }
            }
        }
        return w;
    }
}
