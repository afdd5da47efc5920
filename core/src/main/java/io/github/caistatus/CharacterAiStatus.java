package io.github.caistatus;

import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.StatusListener;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.fleet.Fleet;
import io.github.caistatus.guard.Guard;
import io.github.caistatus.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Character.AI is usable right now: an honest answer, kept fresh in the background, read in
 * nanoseconds; and a {@link Guard} for chat calls that follows it.
 *
 * <p>The quick way is the shared default instance, built on first use with the real endpoints:
 * <pre>{@code
 * StatusSnapshot now = CharacterAiStatus.current();   // cached; never throws; never blocks after the first call
 * if (!now.health().isUsable()) banner(now.summary());
 * String reply = CharacterAiStatus.shared().guard().call(() -> cai.send(message))
 *         .fallback(Fallbacks.cannedReply())
 *         .get();
 * }</pre>
 *
 * <p>For anything else, build an instance (and close it when done):
 * <pre>{@code
 * try (CharacterAiStatus status = CharacterAiStatus.builder()
 *         .timeout(Duration.ofSeconds(3))
 *         .onChange((before, now) -> log.info("Character.AI: {} ({})", now.health(), now.summary()))
 *         .build()) {
 *     Function<String, String> chat = status.guard().decorate(cai::send)
 *             .fallback((message, ctx) -> otherProvider.send(message));
 * }
 * }</pre>
 *
 * <p>Threads, numbered per instance: one {@code cai-status-monitor-<id>} thread, up to one
 * {@code cai-status-probe-<id>-<n>} thread per probe, one {@code cai-status-listeners-<id>} thread that tells the
 * listeners, and, once an asynchronous guarded call with a timeout has been made, the guard's timer and its
 * fallback threads; all daemons, so a JVM shutdown is never held up; {@link #close()} stops them. The built-in
 * probes share one JDK HTTP client per JVM (JDK 17's client cannot be closed), made on a probe thread at the first
 * check: its selector thread lives as long as the JVM, its {@code cai-status-http-<n>} workers end when idle.
 */
public final class CharacterAiStatus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CharacterAiStatus.class);

    /** Default longest wait for the first verdict: 2 seconds. */
    public static final Duration DEFAULT_FIRST_VERDICT_WAIT = Duration.ofSeconds(2);
    /**
     * System property that sets the health route the {@linkplain #shared() shared instance} probes, or
     * {@code none} for no endpoint probe. Read once, when the shared instance is built; instances from
     * {@link #builder()} ignore it.
     */
    public static final String ENDPOINT_PROPERTY = "cai.status.endpoint";
    /** Like {@link #ENDPOINT_PROPERTY}, for the official status page's summary ({@code none}: not read). */
    public static final String STATUS_PAGE_PROPERTY = "cai.status.status-page";
    /** Like {@link #ENDPOINT_PROPERTY}, for the control host that proves our own network ({@code none}: none). */
    public static final String CONTROL_PROPERTY = "cai.status.control";

    private final Monitor monitor;
    private final Guard guard;
    private final Duration refreshBound;
    /** The fleet this instance is one of, or null. */
    private final Fleet fleet;
    /** How long the first {@link #snapshot()} waits for the first verdict; null once it has. */
    private volatile Duration firstVerdictWait;

    CharacterAiStatus(Monitor monitor, Guard guard, Duration refreshBound, Duration firstVerdictWait) {
        this(monitor, guard, refreshBound, firstVerdictWait, null);
    }

    CharacterAiStatus(Monitor monitor, Guard guard, Duration refreshBound, Duration firstVerdictWait, Fleet fleet) {
        this.fleet = fleet;
        this.monitor = monitor;
        this.guard = guard;
        this.refreshBound = refreshBound;
        this.firstVerdictWait = firstVerdictWait.isZero() ? null : firstVerdictWait;
    }

    /**
     * The latest verdict of the shared default instance: {@code shared().snapshot()}.
     *
     * <p>The first call in a JVM starts that instance and waits at most 2 seconds for a first verdict; if none
     * comes in time it answers {@code UNKNOWN / NOT_CHECKED} with the reason, and the verdict follows as soon as
     * the check completes. Every later call is a plain read of an immutable snapshot: no lock, no allocation.
     *
     * @return the snapshot; never null, never thrown
     */
    public static StatusSnapshot current() {
        return Shared.INSTANCE.snapshot();
    }

    /**
     * The shared default instance behind {@link #current()}; its guard is {@code shared().guard()}. Closing it
     * stops its updates for the whole JVM: {@link #current()} then keeps answering the last snapshot.
     *
     * <p>It probes the real Character.AI unless the system properties {@value #ENDPOINT_PROPERTY},
     * {@value #STATUS_PAGE_PROPERTY} and {@value #CONTROL_PROPERTY} say otherwise (a URI, or {@code none});
     * a test suite sets them so that nothing leaves the machine:
     * {@code -Dcai.status.endpoint=none -Dcai.status.status-page=none -Dcai.status.control=none}. A value that
     * is not a URI leaves the shared instance answering {@code UNKNOWN}, with a warning in the log.
     *
     * @return the shared instance
     */
    public static CharacterAiStatus shared() {
        return Shared.INSTANCE;
    }

    /**
     * A builder for an instance of one's own: addresses, timeouts, pacing, thresholds, clock, HTTP client,
     * extra probes, listeners, incident log and the guard's breaker.
     *
     * @return a new builder with the defaults
     */
    public static CharacterAiStatusBuilder builder() {
        return new CharacterAiStatusBuilder();
    }

    /**
     * The latest verdict: a volatile read of an immutable snapshot. The first call waits at most the builder's
     * {@linkplain CharacterAiStatusBuilder#firstVerdictWait(Duration) first-verdict wait} (default 2 s) for the
     * first check; if none comes in time it answers {@code UNKNOWN / NOT_CHECKED} with the reason. Building the
     * instance and guarded calls never wait for it.
     *
     * @return the snapshot; never null
     */
    public StatusSnapshot snapshot() {
        Duration wait = firstVerdictWait;
        if (wait != null) { // callers that come at once all wait, each at most the bound
            monitor.awaitFirstVerdict(wait);
            firstVerdictWait = null;
        }
        return monitor.snapshot();
    }

    /**
     * Checks now (or joins the check already running) and returns its verdict, waiting at most the probe timeout
     * plus a margin of under a second. To check without waiting, call it on a thread of one's own.
     *
     * @return the new snapshot, or the latest one if the check did not finish in time; never thrown
     */
    public StatusSnapshot refresh() {
        return monitor.refresh(refreshBound);
    }

    /**
     * This instance's guard: its circuit breaker, guarded calls, and decorators that wrap a client once.
     *
     * <pre>{@code
     * String reply = status.guard().call(() -> cai.send(message)).fallback(Fallbacks.cannedReply()).get();
     * }</pre>
     *
     * @return the guard
     */
    public Guard guard() {
        return guard;
    }

    /**
     * The incident log: history plus the incidents observed live by this instance.
     *
     * @return the log
     */
    public IncidentLog incidents() {
        return monitor.incidents();
    }

    /**
     * Registers a listener, told of every health transition once, in order, on this instance's listener thread
     * (never the monitor's: a slow listener delays only the listeners after it, not the verdict or the guard).
     *
     * @param listener the listener
     */
    public void onChange(StatusListener listener) {
        monitor.onChange(listener);
    }

    /**
     * Stops the monitor and every thread this instance started; idempotent. {@link #snapshot()} keeps answering
     * the last snapshot, and leaves the {@linkplain CharacterAiStatusBuilder#fleet fleet}, if any. An HTTP client
     * or an async executor supplied by the host is left alone; the JVM-wide
     * HTTP client of the built-in probes stays for the next instance.
     */
    @Override
    public void close() {
        guard.close();
        monitor.close();
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Builds the shared instance on first use only: loading {@link CharacterAiStatus} starts nothing. */
    private static final class Shared {
        static final CharacterAiStatus INSTANCE = create();

        private static CharacterAiStatus create() {
            try {
                CharacterAiStatusBuilder builder = builder();
                address(ENDPOINT_PROPERTY, builder::endpoint, builder::noEndpoint);
                address(STATUS_PAGE_PROPERTY, builder::statusPage, builder::noStatusPage);
                address(CONTROL_PROPERTY, builder::control, builder::noControl);
                return builder.build();
            } catch (RuntimeException | Error e) {
                LOG.warn("cai-status: could not start the default status monitor; answering UNKNOWN", e);
                return builder().noEndpoint().noStatusPage().noControl().background(false)
                        .firstVerdictWait(Duration.ZERO).build();
            }
        }

        /** Applies one address property, if set: {@code none} turns the probe off, anything else is its URI. */
        private static void address(String property, Consumer<URI> set, Runnable none) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                return;
            }
            if (value.strip().equalsIgnoreCase("none")) {
                none.run();
            } else {
                set.accept(URI.create(value.strip()));
            }
        }
    }
}
