package io.github.caistatus.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes named daemon threads, so that a host's JVM can always exit and a thread dump says whose they are.
 * Internal: not part of the public API.
 */
public final class DaemonThreads implements ThreadFactory {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger next = new AtomicInteger(1);

    /**
     * Creates a factory.
     *
     * @param name     the thread name, or its prefix when numbered
     * @param numbered whether to append {@code -1}, {@code -2}... to the name
     */
    public DaemonThreads(String name, boolean numbered) {
        this.prefix = name;
        this.numbered = numbered;
    }

    /**
     * A number for one more status instance, so that the threads of two instances in one JVM can be told apart.
     *
     * @return 1, 2, 3...
     */
    public static int nextInstanceId() {
        return INSTANCES.incrementAndGet();
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, numbered ? prefix + "-" + next.getAndIncrement() : prefix);
        t.setDaemon(true);
        return t;
    }
}
