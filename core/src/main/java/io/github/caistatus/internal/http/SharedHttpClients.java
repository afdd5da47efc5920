package io.github.caistatus.internal.http;

import io.github.caistatus.internal.DaemonThreads;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private static final Map<Duration, CompletableFuture<HttpClient>> MAKING = new ConcurrentHashMap<>();
    private static final List<Thread> SELECTORS = new CopyOnWriteArrayList<>();
    private static volatile boolean exiting;
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private SharedHttpClients() {
    }

    /**
     * The JVM-wide client with this connect timeout that never follows redirects (the probes do, by their rules).
     *
     * @param connectTimeout the longest wait for a TCP/TLS connection
     * @return the shared client, created on first use
     */
    public static HttpClient withConnectTimeout(Duration connectTimeout) {
        return CLIENTS.computeIfAbsent(connectTimeout, t -> {
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(t)
                    .executor(workers())
                    .build();
            stopAtExit(client);
            return client;
        });
    }

    /**
     * Ends the client's selector thread when the JVM exits. That thread waits in {@code epoll_wait}, that is in
     * native code, and on exit the JVM waits up to 300 ms for threads in native code to come back (HotSpot's
     * {@code VM_Exit::wait_for_threads_in_native_to_block}): a process that used the probes would take a third of
     * a second longer to exit. JDK 17's client has no {@code close()}; its selector loop ends, shutting the client
     * down, when its thread is interrupted, so a shutdown hook interrupts it. The thread is found by the client's
     * id ({@code HttpClient-<id>-SelectorManager}); if that ever fails, nothing worse than the delay happens.
     */
    private static void stopAtExit(HttpClient client) {
        Thread selector = selectorThread(client);
        if (selector == null) {
            return;
        }
        SELECTORS.add(selector);
        if (exiting) { // made while the JVM exits: the hook has run already
            selector.interrupt();
            return;
        }
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(SharedHttpClients::stopSelectors,
                        "cai-status-http-exit"));
            } catch (IllegalStateException | SecurityException shuttingDownOrNotAllowed) {
                // the JVM is already exiting, or may not be told: the delay stays, nothing else
            }
        }
    }

    private static void stopSelectors() {
        exiting = true;
        for (Thread t : SELECTORS) {
            t.interrupt();
        }
        for (Thread t : SELECTORS) {
            try {
                t.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread selectorThread(HttpClient client) {
        String s = client.toString(); // jdk.internal.net.http.HttpClientImpl@hash(<id>)
        int open = s.lastIndexOf('(');
        int close = s.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String name = "HttpClient-" + s.substring(open + 1, close) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (name.equals(threads[i].getName())) {
                return threads[i];
            }
        }
        return null;
    }

    /**
     * Like {@link #withConnectTimeout(Duration)}, made on a daemon thread of its own ({@code cai-status-http-init})
     * starting now: a status instance is built without the cost of a client on the caller's thread, and requests
     * made before the client is ready wait for it within their own timeouts, without holding a thread.
     *
     * @param connectTimeout the longest wait for a TCP/TLS connection
     * @return a client that sends through the shared one once it is made
     */
    public static HttpClient lazyWithConnectTimeout(Duration connectTimeout) {
        HttpClient ready = CLIENTS.get(connectTimeout);
        if (ready != null) {
            return ready;
        }
        CompletableFuture<HttpClient> made = MAKING.computeIfAbsent(connectTimeout, t -> {
            CompletableFuture<HttpClient> f = new CompletableFuture<>();
            Thread maker = new Thread(() -> {
                try {
                    f.complete(withConnectTimeout(t));
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            }, "cai-status-http-init");
            maker.setDaemon(true);
            maker.start();
            return f;
        });
        return new LazyHttpClient(connectTimeout, made);
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
