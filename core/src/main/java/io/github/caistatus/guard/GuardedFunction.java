package io.github.caistatus.guard;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A function guarded once, for good: every {@link #apply} goes through the guard's breaker and, when
 * Character.AI cannot answer, through the fallbacks in order. Immutable and thread-safe; each
 * {@code fallback}/{@code failWhen} returns a new function. Build it once: {@code apply} itself
 * allocates nothing.
 *
 * <pre>{@code
 * GuardedFunction<String, String> chat = guard.decorate(cai::send)
 *         .fallback((message, ctx) -> other.send(message))    // another provider, given the message
 *         .fallback(Fallbacks.cannedReply());                 // then a polite canned reply
 * String reply = chat.apply("Hello!");
 * }</pre>
 *
 * @param <I> the input type
 * @param <O> the result type
 */
public final class GuardedFunction<I, O> implements Function<I, O> {

    private final Guard guard;
    private final Function<? super I, ? extends O> function;
    private final Predicate<? super O> failWhen;
    private final Patience patience;
    private final Object f0;
    private final Object f1;
    private final Object f2;
    private final Object[] more;
    private final int count;

    GuardedFunction(Guard guard, Function<? super I, ? extends O> function) {
        this(guard, Objects.requireNonNull(function, "function"), null, null, new Object[0]);
    }

    private GuardedFunction(Guard guard, Function<? super I, ? extends O> function, Predicate<? super O> failWhen,
                            Patience patience, Object[] handlers) {
        this.guard = guard;
        this.function = function;
        this.failWhen = failWhen;
        this.patience = patience;
        this.count = handlers.length;
        this.f0 = count > 0 ? handlers[0] : null;
        this.f1 = count > 1 ? handlers[1] : null;
        this.f2 = count > 2 ? handlers[2] : null;
        this.more = count > 3 ? Arrays.copyOfRange(handlers, 3, count) : null;
    }

    private Object[] handlers() {
        Object[] all = new Object[count];
        for (int i = 0; i < count; i++) {
            all[i] = i == 0 ? f0 : i == 1 ? f1 : i == 2 ? f2 : more[i - 3];
        }
        return all;
    }

    private GuardedFunction<I, O> with(Object handler) {
        Object[] all = Arrays.copyOf(handlers(), count + 1);
        all[count] = Objects.requireNonNull(handler, "handler");
        return new GuardedFunction<>(guard, function, failWhen, patience, all);
    }

    /**
     * This function with one more fallback, which is told the input.
     *
     * <pre>{@code
     * chat = chat.fallback((message, ctx) -> other.send(message));
     * }</pre>
     *
     * @param handler the fallback
     * @return a new guarded function
     */
    public GuardedFunction<I, O> fallback(InputFallback<? super I, ? extends O> handler) {
        return with(handler);
    }

    /**
     * This function with one more fallback, which needs only the context (a canned reply, say).
     *
     * <pre>{@code
     * chat = chat.fallback(Fallbacks.cannedReply());
     * }</pre>
     *
     * @param handler the fallback
     * @return a new guarded function
     */
    public GuardedFunction<I, O> fallback(Fallback<? extends O> handler) {
        return with(handler);
    }

    /**
     * This function, counting a normal result as a failure when the predicate says so.
     *
     * <pre>{@code
     * chat = chat.failWhen(String::isBlank);
     * }</pre>
     *
     * @param isFailure judges a result; called on every result, so keep it cheap
     * @return a new guarded function
     */
    public GuardedFunction<I, O> failWhen(Predicate<? super O> isFailure) {
        return new GuardedFunction<>(guard, function, Objects.requireNonNull(isFailure, "isFailure"), patience,
                handlers());
    }

    /**
     * This function, retrying a call that was made and failed by this policy before the fallbacks answer; see
     * {@link GuardedCall#patience(Patience)} for when it retries (never past an open breaker or an unusable
     * verdict; every attempt recorded in the breaker).
     *
     * <pre>{@code
     * GuardedFunction<String, String> chat = guard.decorate(cai::send)
     *         .patience(Patience.of(2, Duration.ofMillis(500)))
     *         .fallback(Fallbacks.cannedReply());
     * }</pre>
     *
     * @param policy attempts, backoff and sleeper
     * @return a new guarded function
     */
    public GuardedFunction<I, O> patience(Patience policy) {
        return new GuardedFunction<>(guard, function, failWhen, Objects.requireNonNull(policy, "policy"),
                handlers());
    }

    /**
     * Calls the function through the guard: the same run path as {@link GuardedCall#get()}, allocating nothing of
     * its own on the healthy path and on the refused path.
     *
     * <pre>{@code
     * String reply = chat.apply("Hello!");
     * }</pre>
     *
     * @param input the input
     * @return the function's result, or the first fallback answer
     * @throws CharacterAiUnavailableException when no fallback answered, or the call was interrupted
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public O apply(I input) {
        return (O) guard.run((Function) function, input, (Predicate) failWhen, patience, false, f0, f1, f2, more,
                count);
    }

    /**
     * Calls the function like {@link #apply}, and says who answered and why.
     *
     * <pre>{@code
     * Answer<String> a = chat.answer("Hello!");
     * if (!a.fromCharacterAi()) log.info("fallback #{} answered: {}", a.fallbackIndex(), a.reason().orElseThrow());
     * }</pre>
     *
     * @param input the input
     * @return the answer
     * @throws CharacterAiUnavailableException when no fallback answered, or the call was interrupted
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Answer<O> answer(I input) {
        return (Answer<O>) guard.run((Function) function, input, (Predicate) failWhen, patience, true, f0, f1, f2,
                more, count);
    }
}
