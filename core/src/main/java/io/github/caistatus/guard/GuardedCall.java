package io.github.caistatus.guard;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One guarded call with its ordered fallbacks: made by {@link Guard#call(Supplier)}, configured, then run
 * once with {@link #get()} (the value) or {@link #answer()} (the value, who gave it and why). Not thread-safe and not meant to be kept; to guard the same call many times,
 * use {@link Guard#decorate}.
 *
 * <pre>{@code
 * String reply = guard.call(() -> cai.send(msg))
 *         .failWhen(String::isBlank)                          // an empty answer is a failure too
 *         .fallback(ctx -> other.send(msg))
 *         .fallback(ctx -> "resting: " + ctx.reason())
 *         .get();
 * }</pre>
 *
 * @param <T> the result type
 */
public final class GuardedCall<T> {

    // Small and flat on purpose: the first three fallbacks live in fields, so a call built and run in one
    // expression can be scalar-replaced by the JIT (no array, no list, no iterator).
    private final Guard guard;
    private final Supplier<? extends T> call;
    private Predicate<? super T> failWhen;
    private Patience patience;
    private Fallback<? extends T> f0;
    private Fallback<? extends T> f1;
    private Fallback<? extends T> f2;
    private Object[] more;
    private int count;

    GuardedCall(Guard guard, Supplier<? extends T> call) {
        this.guard = guard;
        this.call = Objects.requireNonNull(call, "call");
    }

    /**
     * Adds a fallback, tried after those added before it.
     *
     * <pre>{@code
     * guard.call(() -> cai.send(msg)).fallback(ctx -> other.send(msg)).fallback(Fallbacks.cannedReply()).get();
     * }</pre>
     *
     * @param handler the fallback
     * @return this call
     */
    public GuardedCall<T> fallback(Fallback<? extends T> handler) {
        Objects.requireNonNull(handler, "handler");
        switch (count) {
            case 0 -> f0 = handler;
            case 1 -> f1 = handler;
            case 2 -> f2 = handler;
            default -> {
                int i = count - 3;
                more = more == null ? new Object[4] : i < more.length ? more : Arrays.copyOf(more, more.length * 2);
                more[i] = handler;
            }
        }
        count++;
        return this;
    }

    /**
     * Counts a normal result as a failure when the predicate says so: it is recorded in the breaker as one,
     * and the fallbacks answer instead (their context carries a {@link FailedResultException}).
     *
     * <pre>{@code
     * guard.call(() -> cai.send(msg)).failWhen(String::isBlank).fallback(ctx -> "...").get();
     * }</pre>
     *
     * @param isFailure judges a result; called on every result, so keep it cheap
     * @return this call
     */
    public GuardedCall<T> failWhen(Predicate<? super T> isFailure) {
        this.failWhen = Objects.requireNonNull(isFailure, "isFailure");
        return this;
    }

    /**
     * Retries the call, when it was made and failed, by this policy before the fallbacks are asked. Each attempt
     * asks the breaker for a permit and is recorded in it like any call. There is no retry while the breaker is
     * open or held open by the verdict, while the verdict is unusable, or sooner than the failure itself asked
     * (a wait read by {@link GuardBuilder#waitFrom}); a failure that asks for longer than the policy's
     * {@linkplain Patience#maxBackoff() longest wait} ends the retries. A refused call is never retried.
     *
     * <pre>{@code
     * String reply = guard.call(() -> cai.send(msg))
     *         .patience(Patience.of(2, Duration.ofMillis(500)))   // two more tries, after 0.5 s and 1 s
     *         .fallback(Fallbacks.cannedReply())
     *         .get();
     * }</pre>
     *
     * @param policy attempts, backoff and sleeper
     * @return this call
     */
    public GuardedCall<T> patience(Patience policy) {
        this.patience = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Runs the call through the breaker, or the fallbacks when it is refused or fails. Allocates nothing of its
     * own on the healthy path and on the refused path.
     *
     * <pre>{@code
     * String reply = guard.call(() -> cai.send(msg)).fallback(ctx -> "Back soon").get();
     * }</pre>
     *
     * @return the call's result, or the first fallback answer
     * @throws CharacterAiUnavailableException when no fallback answered, or the call was interrupted
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public T get() {
        // Only the fields' values go to the guard, never this object, and this method compiles to a few
        // loads and one call, so the JIT inlines it at every hot call site whatever the size of the guard's
        // own compiled code: a call built and run in one expression is then scalar-replaced and allocates
        // nothing. With the whole body here, a get() already compiled on its own can be too big to inline
        // (-XX:InlineSmallCode), and a get() not inlined allocates this object on every call (48 bytes,
        // measured with -XX:CompileCommand=dontinline in bench/RESULTS.md).
        return (T) guard.run(Guard.GET, call, (Predicate) failWhen, patience, false, f0, f1, f2, more, count);
    }

    /**
     * Runs the call like {@link #get()}, and says who answered and why: Character.AI, or which fallback with what
     * context. Allocates the {@link Answer}.
     *
     * <pre>{@code
     * Answer<String> a = guard.call(() -> cai.send(msg)).fallback(Fallbacks.cannedReply()).answer();
     * log.info("answered by {}", a.fromCharacterAi() ? "Character.AI" : "fallback " + a.fallbackIndex());
     * }</pre>
     *
     * @return the answer
     * @throws CharacterAiUnavailableException when no fallback answered, or the call was interrupted
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Answer<T> answer() {
        return (Answer<T>) guard.run(Guard.GET, call, (Predicate) failWhen, patience, true, f0, f1, f2, more, count);
    }
}
