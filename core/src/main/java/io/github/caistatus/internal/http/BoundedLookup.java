package io.github.caistatus.internal.http;

import io.github.caistatus.internal.DaemonThreads;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DNS lookups under a probe's deadline. The system resolver blocks for as long as the operating system's
 * resolver takes, which can be far longer than a probe may; the lookup runs on a small pool of daemon threads
 * (gone after a second idle) and the caller waits only until its deadline. Internal: not part of the public API.
 */
final class BoundedLookup {

    private static final ThreadPoolExecutor LOOKUPS = pool();

    private BoundedLookup() {
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("cai-status-dns", true));
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /**
     * Resolves {@code host}, waiting at most until {@code deadlineNanos} (a {@link System#nanoTime()} value).
     *
     * @param resolver      the resolver
     * @param host          the name
     * @param deadlineNanos when to give up
     * @return the addresses
     * @throws UnknownHostException if the name does not resolve
     * @throws TimeoutException     if the lookup did not finish by the deadline
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    static InetAddress[] resolve(HostResolver resolver, String host, long deadlineNanos)
            throws UnknownHostException, TimeoutException, InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException("no time left to look up " + host);
        }
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, LOOKUPS);
        try {
            return lookup.get(remaining, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw (UnknownHostException) e.getCause();
            }
            UnknownHostException unknown = new UnknownHostException(host);
            unknown.initCause(e.getCause());
            throw unknown;
        } catch (TimeoutException | InterruptedException e) {
            lookup.cancel(true);
            throw e;
        }
    }

    /**
     * A resolver that gives up at {@code deadlineNanos}, reporting a late lookup as a name that does not resolve.
     *
     * @param resolver      the resolver
     * @param deadlineNanos when to give up
     * @return the bounded resolver
     */
    static HostResolver within(HostResolver resolver, long deadlineNanos) {
        return host -> {
            try {
                return resolve(resolver, host, deadlineNanos);
            } catch (TimeoutException e) {
                UnknownHostException late = new UnknownHostException(host + ": lookup timed out");
                late.initCause(e);
                throw late;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException(host + ": interrupted");
            }
        };
    }
}
