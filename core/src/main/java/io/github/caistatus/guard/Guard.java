package io.github.caistatus.guard;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.caistatus.internal.DaemonThreads;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Puts Character.AI calls behind a circuit breaker that also listens to the status verdict, and answers
 * from ordered fallbacks when the call cannot be made or fails. Build it once and share it: it is
 * thread-safe, and its healthy path reads no clock and allocates nothing.
 *
 * <pre>{@code
 * Guard guard = Guard.builder().feed(feed).build();    // usually: CharacterAiStatus does this for you
 * String reply = guard.call(() -> cai.send(msg))
 *         .fallback(ctx -> other.send(msg))               // another provider
 *         .fallback(Fallbacks.cannedReply())              // "Character.AI is down for maintenance; ..."
 *         .get();
 *
 * GuardedFunction<String, String> chat = guard.decorate(cai::send)   // wrap a client once
 *         .fallback((m, ctx) -> other.send(m));
 * }</pre>
 *
 * <p><b>What it does.</b> While the status verdict holds the breaker open, a call goes straight to the
 * fallbacks with {@link FallbackReason#STATUS_DOWN} or {@link FallbackReason#MAINTENANCE}, without even
 * asking the breaker (counted in {@link #shortCircuitedCalls()}). Otherwise it asks the breaker for a permit
 * ({@code tryAcquirePermission}, no exception when refused); refused, it goes to the fallbacks with
 * {@link FallbackReason#BREAKER_OPEN} (or {@link FallbackReason#WAITING_ROOM} while the verdict says
 * overloaded).
 * Permitted, the call runs and its outcome is recorded exactly once: a success, an error (an exception, or
 * a result judged a failure), or, when the call was interrupted or threw an {@link Error}, a released
 * permit. Failures of fallbacks are never recorded in the breaker.
 *
 * <p><b>The status verdict.</b> A verdict of {@link Health#MAJOR_OUTAGE} or {@link Health#MAINTENANCE}
 * forces the breaker open ({@code transitionToForcedOpenState}); the next usable verdict closes it again
 * ({@code transitionToClosedState}). The guard follows every verdict, not only health transitions, so an
 * outage first seen in the host's own calls is forced open as soon as another source confirms it. A verdict
 * that rests on the host's own failing calls alone (no other source says the service is unusable) does not
 * force it: the breaker is then already open by itself and recovers through its own half-open trials. Every breaker state change the guard sees asks the monitor to check again soon,
 * and {@link PassiveProbe#of PassiveProbe.of(breaker, clock)} turns the breaker's state into a signal for the verdict.
 *
 * <p><b>Trials.</b> While the breaker is held open (forced by the verdict, or open after the host's own
 * failures), the host's calls are not blind: each verdict the status publishes while the hold lasts (the
 * monitor checks every unhealthy interval then) lets one call through as a trial, one at a time, never two
 * within half a {@linkplain GuardBuilder#trialInterval(Duration) trial interval}, and not on the verdict
 * that starts the hold. Arming the trial on the monitor's thread keeps the refused path free of clock reads.
 * A trial that succeeds is answered by Character.AI and is evidence
 * that the service is back: the guard asks the status to check afresh at once (ending any {@code Retry-After}
 * hold of its probes), and an open breaker goes half-open without waiting out its open time.
 *
 * <p><b>Counts.</b> {@link #callCounts()} counts every guarded call exactly once: successful, failed,
 * refused by the breaker, short-circuited by the verdict, or released (interrupted, or an {@link Error});
 * trials are among the successful and failed ones. The breaker's own metrics cannot give such totals:
 * resilience4j starts new metrics at every state change, records nothing while forced open (so the outcome of
 * a trial, or of a call in flight when the verdict forced the breaker open, is not in them), and publishes two
 * not-permitted events for a call refused in the instant it turns from open to half-open.
 *
 * <p><b>Time.</b> Unless call timing is on, outcomes are recorded with a zero duration and no clock is read
 * per call. Timing is on when the breaker's {@code slowCallRateThreshold} is below 100 (slow-call detection
 * needs durations) or when {@link GuardBuilder#callTiming(boolean)} says so.
 *
 * <p><b>Interruption.</b> A call that ends because its thread was interrupted (it throws
 * {@link InterruptedException}, {@link InterruptedIOException}, {@link ClosedByInterruptException}, or any
 * exception while the thread's interrupt flag is set) is not Character.AI's fault: its permit is released,
 * nothing is recorded, no fallback runs, the interrupt flag is set again, and
 * {@link CharacterAiUnavailableException} with {@link CharacterAiUnavailableException#isInterrupted()} is
 * thrown.
 */
public final class Guard implements AutoCloseable {

    /** The breaker's name when none is given: one breaker per service. */
    public static final String DEFAULT_NAME = "character.ai";

    /**
     * The breaker configuration used when the host gives neither a configuration nor a registry: a count
     * window of the last 20 calls, an opinion after 10, open at 50% failures, 30 s open, 3 half-open trials.
     */
    public static final CircuitBreakerConfig DEFAULT_CIRCUIT_BREAKER_CONFIG = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(3)
            .build();

    /** At most this many threads in the guard's own pool for fallbacks after a timeout. */
    public static final int FALLBACK_THREADS = 16;

    /** The default pause between trial calls while the breaker is held open: 15 seconds. */
    public static final Duration DEFAULT_TRIAL_INTERVAL = Duration.ofSeconds(15);

    private static final int MAX_CAUSE_DEPTH = 16;

    /** Returned by {@link #heldRefusal()} when the call may go through as a trial; never handed to fallbacks. */
    static final FallbackContext TRIAL = new FallbackContext(null, FallbackReason.CALL_FAILED, null, null);

    final CircuitBreaker breaker;
    private final VerdictFeed source;
    private final Clock clock;
    private final boolean timed;
    private final TimeUnit unit;
    private final Predicate<Object> configResultIsFailure;
    /** The host's executor for fallbacks after a timeout, or null for {@link #ownFallbackThreads}. */
    private final Executor hostExecutor;
    private final Object lock = new Object();

    /** The breaker state last seen, to notice transitions without registering an event consumer. */
    private volatile CircuitBreaker.State seenState;
    /** Non-null while this guard holds the breaker forced open because of the status verdict. */
    volatile FallbackReason forcedReason;
    /**
     * True while the breaker is forced open by the verdict or was seen open: calls then look for a trial
     * before asking the breaker. The one volatile read of the healthy path.
     */
    volatile boolean holding;
    /** Calls answered while the verdict holds the breaker open, without asking the breaker. */
    private final LongAdder shortCircuited = new LongAdder();
    private final LongAdder successful = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refusedCalls = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder trials = new LongAdder();
    /** The least pause between two trials: half the trial interval, so that each check of the monitor arms one. */
    private final long trialSpacingMillis;
    /** Set while a trial call runs: one at a time. */
    private final AtomicBoolean trialRunning = new AtomicBoolean();
    /** Set by a verdict while the breaker is held and a trial is due; the next call takes it. */
    private volatile boolean trialArmed;
    /** Clock millis before which no verdict arms a trial. */
    private volatile long nextTrialAtMillis = Long.MAX_VALUE;
    /** Clock millis when the guard saw the breaker open, for the remaining wait; -1 if not seen. */
    private volatile long openedAtMillis = -1;
    /** The last context handed out for a refused call, reused while nothing changed: no allocation. */
    private volatile FallbackContext lastRefusal;
    private volatile boolean closed;
    /** Created on the first timed async call; guarded by {@code lock}. */
    private ScheduledExecutorService timer;
    /** Created when first needed, if the host gave no executor; guarded by {@code lock}. */
    private ThreadPoolExecutor ownFallbackThreads;

    Guard(VerdictFeed source, CircuitBreaker breaker, Clock clock, Boolean callTiming, Executor asyncExecutor,
          Duration trialInterval) {
        this.source = source;
        this.trialSpacingMillis = Math.max(1, trialInterval.toMillis() / 2);
        this.breaker = breaker;
        this.clock = clock;
        CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
        this.timed = callTiming != null ? callTiming : config.getSlowCallRateThreshold() < 100f;
        this.unit = timed ? breaker.getTimestampUnit() : TimeUnit.NANOSECONDS;
        this.configResultIsFailure = config.getRecordResultPredicate();
        this.hostExecutor = asyncExecutor;
        this.seenState = breaker.getState();
        if (seenState == CircuitBreaker.State.OPEN) {
            holding = true;
            nextTrialAtMillis = clock.millis() + trialSpacingMillis;
        }
    }

    /** Starts following the feed's verdicts; called once by the builder, after the constructor. */
    void follow() {
        source.onVerdict(this::onStatus);
        onStatus(source.snapshot());
    }

    /**
     * Starts building a guard over a {@link VerdictFeed}. Most hosts never call this: a
     * {@code CharacterAiStatus} builds one, offered by {@code status.guard()}.
     *
     * <pre>{@code
     * Guard guard = Guard.builder()
     *         .feed(myFeed)
     *         .circuitBreakerRegistry(myRegistry)   // share the host's registry and metrics
     *         .build();
     * }</pre>
     *
     * @return a builder
     */
    public static GuardBuilder builder() {
        return new GuardBuilder();
    }

    /**
     * Prepares one guarded call. The returned object is meant to be used at once and thrown away:
     * add fallbacks, then {@link GuardedCall#get()}.
     *
     * <pre>{@code
     * String reply = guard.call(() -> cai.send(msg)).fallback(ctx -> "Back soon").get();
     * }</pre>
     *
     * @param call the call to Character.AI
     * @param <T>  the result type
     * @return the call, ready for fallbacks
     */
    public <T> GuardedCall<T> call(Supplier<? extends T> call) {
        return new GuardedCall<>(this, call);
    }

    /**
     * Prepares one guarded asynchronous call: a call returning a {@link CompletionStage}. Fallbacks may be
     * synchronous or asynchronous; {@link GuardedAsyncCall#timeout(Duration)} bounds the wait.
     *
     * <pre>{@code
     * CompletionStage<String> reply = guard.callAsync(() -> cai.sendAsync(msg))
     *         .timeout(Duration.ofSeconds(20))
     *         .fallbackAsync(ctx -> other.sendAsync(msg))
     *         .getAsync();
     * }</pre>
     *
     * @param call the call to Character.AI
     * @param <T>  the result type
     * @return the call, ready for fallbacks
     */
    public <T> GuardedAsyncCall<T> callAsync(Supplier<? extends CompletionStage<? extends T>> call) {
        return new GuardedAsyncCall<>(this, call);
    }

    /**
     * Wraps a function once, so that every later {@code apply} is guarded: the way to guard a client.
     * The result is immutable; each {@code fallback(...)} returns a new function.
     *
     * <pre>{@code
     * Function<String, String> chat = guard.decorate(cai::send)
     *         .fallback((message, ctx) -> other.send(message))
     *         .fallback(Fallbacks.cannedReply());
     * String reply = chat.apply("hello");
     * }</pre>
     *
     * @param function the call to Character.AI
     * @param <I>      the input type
     * @param <O>      the result type
     * @return the guarded function, without fallbacks yet
     */
    public <I, O> GuardedFunction<I, O> decorate(Function<? super I, ? extends O> function) {
        return new GuardedFunction<>(this, function);
    }

    /**
     * The circuit breaker behind this guard (also in the registry it came from).
     *
     * @return the breaker
     */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * How many calls were answered by fallbacks without asking the breaker, because the status verdict held
     * it open. Such calls are not in the breaker's {@code numberOfNotPermittedCalls}: asking a forced-open
     * resilience4j breaker builds an event object per refusal (with a clock read) even when nobody listens,
     * and a forced-open breaker's metrics are discarded when it closes anyway. Every call is thus counted
     * exactly once, as a success, a failure, a refusal by the breaker, or here.
     *
     * @return the count since the guard was built
     */
    public long shortCircuitedCalls() {
        return shortCircuited.sum();
    }

    /**
     * Every guarded call since the guard was built, counted exactly once by the guard itself (see the class
     * comment for why the breaker's metrics cannot say this).
     *
     * <pre>{@code
     * CallCounts c = guard.callCounts();
     * log.info("{} calls, {} answered by Character.AI", c.total(), c.successful());
     * }</pre>
     *
     * @return the counts; each sum is read on its own, so counts taken while calls run may be a few calls apart
     */
    public CallCounts callCounts() {
        return new CallCounts(successful.sum(), failed.sum(), refusedCalls.sum(), shortCircuited.sum(),
                released.sum(), trials.sum());
    }

    /**
     * Whether outcomes are recorded with measured durations (and a clock is read per call).
     *
     * @return true if call timing is on
     */
    public boolean isCallTimingOn() {
        return timed;
    }

    /**
     * Stops following the status verdict, and stops the timer and fallback threads, if they were started, once the
     * timed asynchronous calls still in flight have their answer (each is bounded by its timeout). Calls still
     * work afterwards (through the breaker as it is), except asynchronous calls with a timeout.
     */
    @Override
    public void close() {
        ScheduledExecutorService t;
        ThreadPoolExecutor f;
        synchronized (lock) {
            closed = true;
            t = timer;
            timer = null;
            f = ownFallbackThreads;
            ownFallbackThreads = null;
        }
        if (t != null) {
            t.shutdown(); // timeouts already scheduled still fire, so no call in flight is left pending; then it ends
        }
        if (f != null) {
            f.shutdown(); // fallbacks already handed over still answer; idle threads end at once
        }
    }

    // ---- the hot path: small methods, inlined into the callers' get()/apply() ----

    long start() {
        return timed ? breaker.getCurrentTimestamp() : 0L;
    }

    private long elapsed(long start) {
        return timed ? breaker.getCurrentTimestamp() - start : 0L;
    }

    <T> boolean isFailure(T result, Predicate<? super T> failWhen) {
        return (result != null && configResultIsFailure.test(result)) || (failWhen != null && failWhen.test(result));
    }

    void succeeded(long start) {
        breaker.onSuccess(elapsed(start), unit);
        successful.increment();
        watchState();
    }

    /** Notices breaker transitions (made by outcomes, by time or by the host) without an event consumer. */
    void watchState() {
        CircuitBreaker.State now = breaker.getState();
        if (now != seenState) {
            stateChanged(now);
        }
    }

    private void stateChanged(CircuitBreaker.State now) {
        synchronized (lock) {
            if (seenState == now) {
                return;
            }
            seenState = now;
            if (now == CircuitBreaker.State.OPEN) {
                openedAtMillis = clock.millis();
                if (forcedReason == null) {
                    nextTrialAtMillis = openedAtMillis + trialSpacingMillis;
                    trialArmed = false;
                }
            }
            holding = forcedReason != null || now == CircuitBreaker.State.OPEN;
            if (!holding) {
                trialArmed = false;
            }
        }
        if (!closed) {
            source.checkSoon();
        }
    }

    /**
     * Runs one guarded call: {@link GuardedCall#get()}'s body, which takes the call's parts as arguments so
     * that the {@link GuardedCall} itself never escapes its caller.
     */
    <T> T run(Supplier<? extends T> call, Predicate<? super T> failWhen,
              Object f0, Object f1, Object f2, Object[] more, int count) {
        if (holding) {
            FallbackContext held = heldRefusal();
            if (held == TRIAL) {
                return trial(call, failWhen, null, f0, f1, f2, more, count);
            }
            if (held != null) {
                return fallBack(held, null, f0, f1, f2, more, count);
            }
        }
        if (permit()) {
            long start = start();
            T result;
            boolean failed;
            try {
                result = call.get();
                failed = isFailure(result, failWhen); // a predicate that throws judges the call failed
            } catch (Throwable t) {
                return fallBack(failedCall(t, start), null, f0, f1, f2, more, count);
            }
            if (failed) {
                return fallBack(failedResult(result, start), null, f0, f1, f2, more, count);
            }
            succeeded(start);
            return result;
        }
        return fallBack(refused(), null, f0, f1, f2, more, count);
    }

    /**
     * Asks the breaker for a permit. resilience4j's open state moves itself to half-open inside this call, and
     * throws {@link IllegalStateTransitionException} when another transition (the verdict closing it, a trial
     * sending it half-open) won the race; the state that won is then asked. Never lets that reach the host.
     */
    boolean permit() {
        for (int attempt = 0; ; attempt++) {
            try {
                return breaker.tryAcquirePermission();
            } catch (IllegalStateTransitionException raced) {
                if (attempt == 2) {
                    return false; // still racing: refused, and counted as such by the guard
                }
            }
        }
    }

    // ---- trials while the breaker is held open ----

    /**
     * Runs one call as a trial: made without a permit from the held breaker, its outcome recorded as usual,
     * the trial ended as soon as the outcome is known (before any fallback runs).
     */
    <T> T trial(Supplier<? extends T> call, Predicate<? super T> failWhen, Object input,
                Object f0, Object f1, Object f2, Object[] more, int count) {
        long start = start();
        T result;
        boolean failedResult;
        try {
            result = call.get();
            failedResult = isFailure(result, failWhen);
        } catch (Throwable t) {
            FallbackContext context;
            try {
                context = failedCall(t, start);
            } finally {
                trialEnded(false);
            }
            return fallBack(context, input, f0, f1, f2, more, count);
        }
        if (failedResult) {
            FallbackContext context = failedResult(result, start);
            trialEnded(false);
            return fallBack(context, input, f0, f1, f2, more, count);
        }
        succeeded(start);
        trialEnded(true);
        return result;
    }

    /**
     * Takes the armed trial, if a verdict armed one and none runs: no clock read, one volatile read when none is
     * armed.
     */
    private boolean startTrial() {
        if (!trialArmed || !trialRunning.compareAndSet(false, true)) {
            return false;
        }
        trialArmed = false;
        trials.increment();
        return true;
    }

    /** On a verdict (the monitor's thread): arms a trial while the breaker is held and one is due. */
    private void armTrial() {
        if (!holding) {
            trialArmed = false;
        } else if (!trialRunning.get() && clock.millis() >= nextTrialAtMillis) {
            trialArmed = true;
        }
    }

    /**
     * Ends the running trial. A success is evidence that the service is back: the status checks afresh at once,
     * and a breaker open by its own failures goes half-open.
     */
    void trialEnded(boolean success) {
        nextTrialAtMillis = clock.millis() + trialSpacingMillis;
        trialRunning.set(false);
        if (!success) {
            return;
        }
        try {
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                breaker.transitionToHalfOpenState();
            }
        } catch (RuntimeException e) {
            // moved by someone else meanwhile (an illegal transition now): its state speaks for itself
        }
        watchState();
        if (!closed) {
            source.checkAfresh();
        }
    }

    // ---- the fallback path ----

    /**
     * For a call made while the breaker is held open: {@link #TRIAL} if it may go through as a trial, the
     * context of its refusal while the verdict forces the breaker open, or null to ask the breaker as usual
     * (it is open by its own failures and refuses, or counts, the call itself; or it is no longer held).
     */
    FallbackContext heldRefusal() {
        FallbackReason reason = forcedReason;
        CircuitBreaker.State state = breaker.getState();
        boolean forced = reason != null && state == CircuitBreaker.State.FORCED_OPEN;
        if (!forced && state != CircuitBreaker.State.OPEN) {
            watchState();
            return null;
        }
        if (startTrial()) {
            return TRIAL;
        }
        if (!forced) {
            return null;
        }
        shortCircuited.increment();
        StatusSnapshot snapshot = source.snapshot();
        FallbackContext last = lastRefusal;
        if (last != null && last.snapshot() == snapshot && last.reason() == reason) {
            return last;
        }
        FallbackContext context = new FallbackContext(this, reason, snapshot, null);
        lastRefusal = context;
        return context;
    }

    /** The context for a call the breaker refused; reused while the snapshot and the reason stay the same. */
    FallbackContext refused() {
        refusedCalls.increment();
        watchState();
        StatusSnapshot snapshot = source.snapshot();
        FallbackReason reason = refusalReason(snapshot);
        FallbackContext last = lastRefusal;
        if (last != null && last.snapshot() == snapshot && last.reason() == reason) {
            return last;
        }
        FallbackContext context = new FallbackContext(this, reason, snapshot, null);
        lastRefusal = context;
        return context;
    }

    private FallbackReason refusalReason(StatusSnapshot snapshot) {
        FallbackReason forced = forcedReason;
        if (forced != null && breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            return forced;
        }
        return snapshot.cause() == Cause.OVERLOADED ? FallbackReason.WAITING_ROOM : FallbackReason.BREAKER_OPEN;
    }

    /**
     * Records a call that threw, on the caller's thread, and says why. An interrupted call is released
     * (not recorded) and ends the guarded call; an {@link Error} is released and rethrown.
     */
    FallbackContext failedCall(Throwable error, long start) {
        if (isInterruption(error, true)) {
            released();
            Thread.currentThread().interrupt();
            throw new CharacterAiUnavailableException(
                    new FallbackContext(this, FallbackReason.CALL_FAILED, source.snapshot(), error), error, true);
        }
        if (error instanceof Error) {
            breaker.releasePermission();
            released.increment();
            throw (Error) error;
        }
        return recordError(error, start);
    }

    /** Releases the permit of a call that ended without an outcome (interrupted, cancelled): not counted. */
    void released() {
        breaker.releasePermission();
        released.increment();
        watchState();
    }

    /**
     * Records a call whose stage failed, on whatever thread completed it. Returns null, after releasing
     * the permit, for an interruption or an {@link Error}: not Character.AI's fault.
     */
    FallbackContext failedStage(Throwable error, long start) {
        if (error instanceof Error || isInterruption(error, false)) {
            released();
            return null;
        }
        return recordError(error, start);
    }

    FallbackContext failedResult(Object result, long start) {
        return recordError(new FailedResultException(result), start);
    }

    FallbackContext timedOut(TimeoutException error, long start) {
        breaker.onError(elapsed(start), unit, error);
        failed.increment();
        watchState();
        return new FallbackContext(this, FallbackReason.CALL_TIMED_OUT, source.snapshot(), error);
    }

    private FallbackContext recordError(Throwable error, long start) {
        breaker.onError(elapsed(start), unit, error);
        failed.increment();
        watchState();
        StatusSnapshot snapshot = source.snapshot();
        return new FallbackContext(this, failureReason(error, snapshot), snapshot, error);
    }

    private static FallbackReason failureReason(Throwable error, StatusSnapshot snapshot) {
        if (isTimeout(error)) {
            return FallbackReason.CALL_TIMED_OUT;
        }
        return snapshot.cause() == Cause.OVERLOADED ? FallbackReason.WAITING_ROOM : FallbackReason.CALL_FAILED;
    }

    /**
     * Tries the fallbacks in order (the first three in fields, the rest in {@code more}: no array for the
     * common case). Takes the handlers as arguments, not the call object, so that object never escapes.
     */
    @SuppressWarnings("unchecked")
    static <T> T fallBack(FallbackContext context, Object input,
                          Object f0, Object f1, Object f2, Object[] more, int count) {
        Throwable[] failures = null;
        int failed = 0;
        for (int i = 0; i < count; i++) {
            Object handler = i == 0 ? f0 : i == 1 ? f1 : i == 2 ? f2 : more[i - 3];
            try {
                if (handler instanceof InputFallback) {
                    return ((InputFallback<Object, T>) handler).apply(input, context);
                }
                return ((Fallback<T>) handler).apply(context);
            } catch (Throwable t) {
                if (t instanceof Error) {
                    throw (Error) t;
                }
                if (failures == null) {
                    failures = new Throwable[count];
                }
                failures[failed++] = t;
                if (isInterruption(t, true)) {
                    Thread.currentThread().interrupt();
                    throw unavailable(context, failures, failed, true);
                }
            }
        }
        throw unavailable(context, failures, failed, false);
    }

    static CharacterAiUnavailableException unavailable(FallbackContext context, Throwable[] failures, int failed,
                                                       boolean interrupted) {
        CharacterAiUnavailableException e =
                new CharacterAiUnavailableException(context, context.exception().orElse(null), interrupted);
        for (int i = 0; i < failed; i++) {
            e.addSuppressed(failures[i]);
        }
        return e;
    }

    static boolean isInterruption(Throwable error, boolean onCallerThread) {
        if (onCallerThread && Thread.currentThread().isInterrupted()) {
            return true;
        }
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    static boolean isTimeout(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    // ---- async support ----

    /** Where fallbacks after a timeout run: the host's executor, or the guard's own bounded daemon pool. */
    Executor asyncExecutor() {
        if (hostExecutor != null) {
            return hostExecutor;
        }
        synchronized (lock) {
            if (ownFallbackThreads == null) {
                if (closed) {
                    throw new RejectedExecutionException("the guard is closed");
                }
                ThreadPoolExecutor pool = new ThreadPoolExecutor(FALLBACK_THREADS, FALLBACK_THREADS, 30,
                        TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        new DaemonThreads("cai-status-guard-fallback", true));
                pool.allowCoreThreadTimeOut(true);
                ownFallbackThreads = pool;
            }
            return ownFallbackThreads;
        }
    }

    boolean isClosed() {
        return closed;
    }

    ScheduledFuture<?> schedule(Runnable task, Duration after) {
        ScheduledExecutorService t;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the guard is closed: no timeouts can be scheduled");
            }
            if (timer == null) {
                ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread thread = new Thread(r, "cai-status-guard-timeout");
                    thread.setDaemon(true);
                    return thread;
                });
                executor.setRemoveOnCancelPolicy(true);
                timer = executor;
            }
            t = timer;
        }
        return t.schedule(task, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---- following the status verdict ----

    private void onStatus(StatusSnapshot current) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Health health = current.health();
            // A verdict reached on our own calls' evidence alone must not force the breaker: it is already open
            // by itself, and forcing it would stop the half-open trials that let it (and the verdict) recover.
            // Once forced, it stays forced until the verdict is usable again.
            if (!health.isUsable() && (forcedReason != null || downOnOtherEvidence(current))) {
                if (forcedReason == null) { // the hold begins: no trial on the verdict that starts it
                    nextTrialAtMillis = clock.millis() + trialSpacingMillis;
                    trialArmed = false;
                }
                forcedReason = health == Health.MAINTENANCE ? FallbackReason.MAINTENANCE : FallbackReason.STATUS_DOWN;
                if (breaker.getState() != CircuitBreaker.State.FORCED_OPEN) {
                    breaker.transitionToForcedOpenState();
                }
                seenState = breaker.getState();
            } else if (forcedReason != null) {
                forcedReason = null;
                if (breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
                    breaker.transitionToClosedState();
                }
                seenState = breaker.getState();
            }
            holding = forcedReason != null || seenState == CircuitBreaker.State.OPEN;
            armTrial();
        }
    }

    /**
     * Whether an unusable verdict rests on more than our own calls: some source other than the passive probe
     * says the service is unusable. A snapshot without signals (built by hand) is judged by its cause.
     */
    static boolean downOnOtherEvidence(StatusSnapshot snapshot) {
        if (snapshot.signals().isEmpty()) {
            return snapshot.cause() != Cause.CALL_FAILURES;
        }
        for (Signal s : snapshot.signals()) {
            if (s.role() != io.github.caistatus.api.ProbeRole.OWN_CALLS && !s.health().isUsable()) {
                return true;
            }
        }
        return false;
    }

    // ---- when to retry ----

    /** The best wait hint for a context, computed when asked: contexts may be reused for a while. */
    WaitHint waitHint(FallbackReason reason, StatusSnapshot snapshot) {
        Instant now = clock.instant();
        if (reason == FallbackReason.MAINTENANCE || snapshot.health() == Health.MAINTENANCE) {
            Optional<Instant> end = maintenanceEnd(snapshot, now);
            if (end.isPresent()) {
                return new WaitHint(Duration.between(now, end.get()), WaitHint.Basis.MAINTENANCE_END);
            }
        }
        if (snapshot.retryAfter().isPresent()) {
            return new WaitHint(snapshot.retryAfter().get(), WaitHint.Basis.RETRY_AFTER);
        }
        if ((reason == FallbackReason.BREAKER_OPEN || reason == FallbackReason.WAITING_ROOM)
                && breaker.getState() == CircuitBreaker.State.OPEN) {
            Duration wait = breakerWait();
            if (wait != null) {
                return new WaitHint(wait, WaitHint.Basis.BREAKER);
            }
        }
        Health kind = switch (reason) {
            case STATUS_DOWN -> Health.MAJOR_OUTAGE;
            case MAINTENANCE -> Health.MAINTENANCE;
            default -> snapshot.health().isImpaired() ? snapshot.health() : null;
        };
        if (kind != null) {
            Duration typical = typicalDuration(kind);
            if (typical != null) {
                return new WaitHint(typical, WaitHint.Basis.TYPICAL);
            }
        }
        return null;
    }

    private static Optional<Instant> maintenanceEnd(StatusSnapshot snapshot, Instant now) {
        for (Incident incident : snapshot.incidents()) {
            if ((incident.scheduled() || incident.health() == Health.MAINTENANCE) && isRunningAt(incident, now)) {
                return incident.end();
            }
        }
        return snapshot.nextMaintenance().filter(m -> isRunningAt(m, now)).flatMap(Incident::end);
    }

    private static boolean isRunningAt(Incident incident, Instant now) {
        return !incident.start().isAfter(now) && incident.end().isPresent() && incident.end().get().isAfter(now);
    }

    private Duration breakerWait() {
        try {
            Long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
            if (waitMillis == null) {
                return null;
            }
            long opened = openedAtMillis;
            long remaining = opened < 0 ? waitMillis : waitMillis - (clock.millis() - opened);
            return Duration.ofMillis(Math.max(0, remaining));
        } catch (RuntimeException e) {
            return null; // a host's interval function we cannot ask: no hint rather than a failed fallback
        }
    }

    private Duration typicalDuration(Health kind) {
        try {
            return source.incidents().typicalDuration(kind).map(OutageDurations::median).orElse(null);
        } catch (RuntimeException e) {
            return null; // the history is a nicety for the message; never let it fail a fallback
        }
    }

    StatusSnapshot latest() {
        return source.snapshot();
    }
}
