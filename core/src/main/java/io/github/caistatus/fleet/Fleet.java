package io.github.caistatus.fleet;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import io.github.caistatus.guard.CallCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a status instance asks of the fleet it belongs to: the instances of one host app that share their verdict
 * and outage evidence (e.g. {@code RedisFleet} in {@code cai-status-redis}). One {@code Fleet} object per status
 * instance: give it to {@code CharacterAiStatus.builder().fleet(fleet)}; {@code close()} of the instance closes it.
 *
 * <pre>{@code
 * CharacterAiStatus status = CharacterAiStatus.builder()
 *         .fleet(RedisFleet.builder().uri("redis://redis.internal:6379").build())
 *         .build();
 * }</pre>
 *
 * <p>The contract keeps the shared store off every chat call's path: the methods a check or a guard calls often
 * ({@link #signal()}, {@link #mayTrial()}, {@link #outageStart()}) are plain reads of state the fleet refreshes in
 * the background; the reports ({@link #outageSeen}, {@link #recoverySeen}, {@link #share}) return at once. Only
 * {@link #sharedObservation} may wait, on a probe thread, at most the fleet's own command timeout. When the store
 * cannot be reached, every method answers so that the instance behaves alone: no opinion, probe yourself, try
 * yourself. Implementations are thread-safe and never throw from these methods.
 */
public interface Fleet extends AutoCloseable {

    /**
     * Starts taking part. {@code changed} is run (on a thread of the fleet's, quickly) whenever the shared state
     * changes, and for a short while after, so that the instance checks again at once rather than at its pace.
     * {@code calls} gives this instance's guarded call counts so far (a plain read): the fleet adds up the outcomes
     * of every instance's calls, so that an outage shows in the fleet's calls as soon as it would in one instance's
     * even when each instance has only a few users.
     *
     * @param changed asks the instance for a check soon; returns at once
     * @param calls   this instance's call counts, cumulative
     */
    void join(Runnable changed, Supplier<CallCounts> calls);

    /**
     * The fleet's shared verdict as a signal: an outage another instance saw ({@link Health#MAJOR_OUTAGE} or
     * worse, believed at once), a recovery ({@link Health#OPERATIONAL}), no opinion when nothing is reported, or no
     * opinion with a detail such as {@code "fleet: Redis unreachable"} when the store cannot be reached. The
     * instance gives it the role {@link ProbeRole#FLEET}. A plain read.
     *
     * @return the signal; never null
     */
    Signal signal();

    /**
     * Reports that this instance's own evidence (its calls, its checks) says the service is down. Returns at
     * once; the first report of an outage opens the fleet's one incident for it.
     *
     * @param health what the evidence says
     * @param cause  why (an outage seen only in the host's own calls is {@code CALL_FAILURES}: only a successful
     *               call ends it, never a health check that answers well)
     * @param detail a short human detail (no chat content)
     * @param at     when it was seen
     */
    void outageSeen(Health health, Cause cause, String detail, Instant at);

    /**
     * Reports evidence that the service is back (a trial call succeeded, a fresh check answered well). Returns at
     * once.
     *
     * @param detail a short human detail
     * @param at     when it was seen
     */
    void recoverySeen(String detail, Instant at);

    /**
     * The probe lease: whether this instance should run the probe now, or use the observation another instance
     * made for the fleet within the interval. Called on a probe thread; waits at most the fleet's own command
     * timeout.
     *
     * @param probe    the probe's name
     * @param interval how long one observation serves the whole fleet
     * @return empty: probe yourself (and {@link #share} the result): this instance holds the lease, or the store
     *         cannot be reached; otherwise the observation to use in its place
     */
    Optional<Signal> sharedObservation(String probe, Duration interval);

    /**
     * Shares an observation made under the probe lease with the fleet. Returns at once.
     *
     * @param probe  the probe's name
     * @param role   what the probe's signals are evidence of
     * @param signal the observation
     */
    void share(String probe, ProbeRole role, Signal signal);

    /**
     * The trial lease: whether this instance may make the trial call that a breaker held open lets through, so
     * that one instance of the fleet tries at a time. A plain read; when this instance does not hold the lease it
     * asks for it in the background, so a later call may say yes. True when the store cannot be reached.
     *
     * @return true if this instance may try now
     */
    boolean mayTrial();

    /**
     * When the fleet's current outage began, as the fleet first recorded it: the same instant on every instance,
     * so that each names the outage's one incident alike. A plain read.
     *
     * @return the start, or empty when no outage is shared (or the store cannot be reached)
     */
    Optional<Instant> outageStart();

    /**
     * Leaves the fleet: stops the fleet's threads and connections, within a bounded time. Idempotent; never throws.
     */
    @Override
    void close();
}
