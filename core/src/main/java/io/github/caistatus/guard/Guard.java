package io.github.caistatus.guard;

import io.github.caistatus.api.Health;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
 * force it: the breaker is then already open by itself and recovers through its own half-open trials. Every
 * breaker state change the guard sees asks the feed to check again soon, and a {@link PassiveProbe} over the
 * same breaker turns its state into a signal for the verdict.
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
 * <p><b>Answers and patience.</b> {@link GuardedCall#answer()} (and {@link GuardedFunction#answer(Object)},
 * {@link GuardedAsyncCall#answerAsync()}) says who answered and why, in an {@link Answer}. A {@link Patience}
 * policy ({@link GuardedCall#patience(Patience)}) retries a call that was made and failed: each attempt asks the
 * breaker for a permit and is recorded like any call; it never retries while the breaker is open or held open, or
 * the verdict is unusable; then the fallbacks answer.
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
     * The breaker configuration used when the host gives no configuration, with or without a registry: a count
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

    /**
     * At most this many threads in the guard's own pool for synchronous calls, when stall detection answers waiting
     * synchronous callers ({@link StallDetection#answerWaitingSyncCalls()}).
     */
    public static final int CALL_THREADS = 64;

    /** The default pause between trial calls while the breaker is held open: 15 seconds. */
    public static final Duration DEFAULT_TRIAL_INTERVAL = Duration.ofSeconds(15);

    /** Returned by {@link #heldRefusal()} when the call may go through as a trial; never handed to fallbacks. */
    static final FallbackContext TRIAL = new FallbackContext(null, FallbackReason.CALL_FAILED, null, null);

    /**
     * How a {@link GuardedCall} runs its supplier through {@link #run}, the one run path: the supplier is the
     * input, this constant (no capture, so no allocation) the function.
     */
    static final Function<Object, Object> GET = supplier -> ((Supplier<?>) supplier).get();

    final CircuitBreaker breaker;
    private final VerdictFeed feed;
    final VerdictFollower follower;
    final WaitEstimates waits;
    final CallRecorder recorder;
    private final AsyncExecutors executors;
    /** Stall detection, or null when it is off: then the hot path reads no clock for it. */
    final StallWatch stall;
    /** The last context handed out for a refused call, reused while nothing changed: no allocation. */
    private volatile FallbackContext lastRefusal;

    Guard(VerdictFeed feed, CircuitBreaker breaker, Clock clock, Boolean callTiming, Executor asyncExecutor,
          Duration trialInterval, Function<? super Throwable, Optional<Duration>> waitFrom,
          StallDetection stallDetection, LongSupplier nanoClock, boolean stallWatchdog, BooleanSupplier trialTurn,
          PassiveProbe ownCalls) {
        this.feed = feed;
        this.breaker = breaker;
        this.follower = new VerdictFollower(feed, breaker, clock, trialInterval, trialTurn);
        this.waits = new WaitEstimates(feed, breaker, clock, follower, waitFrom);
        this.recorder = new CallRecorder(breaker, feed, follower, waits, callTiming);
        this.executors = new AsyncExecutors(asyncExecutor);
        this.stall = stallDetection.enabled() ? new StallWatch(stallDetection, nanoClock, stallWatchdog, this, feed, ownCalls) : null;
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
     * add fallbacks, then {@link GuardedCall#get()} (or {@link GuardedCall#answer()}).
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
     * <pre>{@code
     * CircuitBreaker.State state = guard.circuitBreaker().getState();
     * }</pre>
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
     * <pre>{@code
     * long spared = guard.shortCircuitedCalls();   // calls that never waited on a dead service
     * }</pre>
     *
     * @return the count since the guard was built
     */
    public long shortCircuitedCalls() {
        return recorder.shortCircuited.sum();
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
        return recorder.counts();
    }

    /**
     * Which fallback answered the calls Character.AI did not, by reason and by the fallback's place in its
     * chain, and the calls no fallback answered. Counted on the fallback path only (one {@code LongAdder} each),
     * never when Character.AI answers.
     *
     * <pre>{@code
     * long canned = guard.fallbackCounts().answered(FallbackReason.STATUS_DOWN, 1);
     * }</pre>
     *
     * @return an immutable copy of the counts since the guard was built
     */
    public FallbackCounts fallbackCounts() {
        return waits.tally.counts();
    }

    /**
     * Whether outcomes are recorded with measured durations (and a clock is read per call).
     *
     * <pre>{@code
     * boolean timed = guard.isCallTimingOn();   // true when the breaker detects slow calls
     * }</pre>
     *
     * @return true if call timing is on
     */
    public boolean isCallTimingOn() {
        return recorder.timed;
    }

    /**
     * The stall detection settings of this guard ({@link StallDetection#off()} when it is off).
     *
     * <pre>{@code
     * boolean watching = guard.stallDetection().enabled();
     * }</pre>
     *
     * @return the settings
     */
    public StallDetection stallDetection() {
        return stall != null ? stall.config : StallDetection.off();
    }

    /**
     * Whether a stall is declared now: calls in flight ran past the stall threshold, so new calls go to the
     * fallbacks ({@link FallbackReason#CALL_STALLED}) but for one trial at a time. Always false when stall detection
     * is off.
     *
     * <pre>{@code
     * if (guard.isStalled()) banner("Character.AI is not answering; replies come from elsewhere for now");
     * }</pre>
     *
     * @return true while a stall holds
     */
    public boolean isStalled() {
        StallWatch watch = stall;
        return watch != null && watch.stalled;
    }

    /**
     * Stops following the status verdict, and stops the timer and fallback threads, if they were started, once the
     * timed asynchronous calls still in flight have their answer (each is bounded by its timeout). Calls still
     * work afterwards (through the breaker as it is), except asynchronous calls with a timeout.
     */
    @Override
    public void close() {
        follower.stop();
        executors.close();
    }

    // ---- the one run path: GuardedCall.get/answer and GuardedFunction.apply/answer all come here ----

    /**
     * Runs one guarded call: {@code fn.apply(input)} through the breaker, else the fallbacks. Takes the call's
     * parts as arguments so that the {@link GuardedCall} itself never escapes its caller; a guarded call passes
     * {@link #GET} and its supplier.
     *
     * @param answers whether to answer with an {@link Answer} rather than the value alone
     * @return the value, or an {@link Answer} when {@code answers}
     */
    Object run(Function<Object, ?> fn, Object input, Predicate<Object> failWhen, Patience patience,
               boolean answers, Object f0, Object f1, Object f2, Object[] more, int count) {
        CallRecorder rec = recorder;
        if (follower.holding) {
            FallbackContext held = heldRefusal();
            if (held == TRIAL) {
                return ExtraAttempts.trial(this, fn, input, failWhen, answers, f0, f1, f2, more, count);
            }
            if (held != null) {
                return FallbackChain.ask(held, FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
            }
        }
        StallWatch watch = stall;
        if (watch != null) {
            return WatchedCalls.run(this, watch, fn, input, failWhen, patience, answers, f0, f1, f2, more, count);
        }
        if (permit()) {
            long start = rec.start();
            Object result;
            boolean failedResult;
            try {
                result = fn.apply(input);
                failedResult = rec.isFailure(result, failWhen); // a predicate that throws judges the call failed
            } catch (Throwable t) {
                return ExtraAttempts.afterFailure(this, rec.failedCall(t, start), fn, input, failWhen, patience,
                        answers, f0, f1, f2, more, count);
            }
            if (failedResult) {
                return ExtraAttempts.afterFailure(this, rec.failedResult(result, start), fn, input, failWhen,
                        patience, answers, f0, f1, f2, more, count);
            }
            rec.succeeded(start);
            return answers ? Answer.ofCharacterAi(result) : result;
        }
        return FallbackChain.ask(refused(), FallbackChain.inputOf(fn, input), answers, f0, f1, f2, more, count);
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

    /**
     * For a call made while the breaker is held open: {@link #TRIAL} if it may go through as a trial, the
     * context of its refusal while the verdict forces the breaker open, or null to ask the breaker as usual
     * (it is open by its own failures and refuses, or counts, the call itself; or it is no longer held).
     */
    FallbackContext heldRefusal() {
        FallbackReason reason = follower.forcedReason;
        CircuitBreaker.State state = breaker.getState();
        boolean forced = reason != null && state == CircuitBreaker.State.FORCED_OPEN;
        if (!forced && state != CircuitBreaker.State.OPEN) {
            follower.watchState();
            return null;
        }
        if (follower.startTrial()) {
            recorder.trials.increment();
            return TRIAL;
        }
        if (!forced) {
            return null;
        }
        recorder.shortCircuited.increment();
        return refusal(reason, feed.snapshot());
    }

    /** The context for a call the breaker refused; reused while the snapshot and the reason stay the same. */
    FallbackContext refused() {
        recorder.refused();
        StatusSnapshot snapshot = feed.snapshot();
        return refusal(follower.refusalReason(snapshot), snapshot);
    }

    private FallbackContext refusal(FallbackReason reason, StatusSnapshot snapshot) {
        FallbackContext last = lastRefusal;
        if (last != null && last.snapshot() == snapshot && last.reason() == reason) {
            return last;
        }
        FallbackContext context = new FallbackContext(waits, reason, snapshot, null);
        lastRefusal = context;
        return context;
    }

    // ---- for the asynchronous call and the context ----

    Executor asyncExecutor() {
        return executors.fallbacks();
    }

    /** Where synchronous calls run when stall detection answers their waiting callers. */
    Executor callThreads() {
        return executors.calls();
    }

    boolean isClosed() {
        return executors.isClosed();
    }

    ScheduledFuture<?> schedule(Runnable task, Duration after) {
        return executors.schedule(task, after);
    }

    /** The verdict now. */
    StatusSnapshot latest() {
        return feed.snapshot();
    }
}
