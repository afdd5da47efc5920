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
    private final Object f0;
    private final Object f1;
    private final Object f2;
    private final Object[] more;
    private final int count;

    GuardedFunction(Guard guard, Function<? super I, ? extends O> function) {
        this(guard, Objects.requireNonNull(function, "function"), null, new Object[0]);
    }

    private GuardedFunction(Guard guard, Function<? super I, ? extends O> function, Predicate<? super O> failWhen,
                            Object[] handlers) {
        this.guard = guard;
        this.function = function;
        this.failWhen = failWhen;
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
        return new GuardedFunction<>(guard, function, failWhen, all);
    }

    /**
     * This function with one more fallback, which is told the input.
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
     * @param handler the fallback
     * @return a new guarded function
     */
    public GuardedFunction<I, O> fallback(Fallback<? extends O> handler) {
        return with(handler);
    }

    /**
     * This function, counting a normal result as a failure when the predicate says so.
     *
     * @param isFailure judges a result; called on every result, so keep it cheap
     * @return a new guarded function
     */
    public GuardedFunction<I, O> failWhen(Predicate<? super O> isFailure) {
        return new GuardedFunction<>(guard, function, Objects.requireNonNull(isFailure, "isFailure"), handlers());
    }

    /**
     * Calls the function through the guard.
     *
     * @param input the input
     * @return the function's result, or the first fallback answer
     * @throws CharacterAiUnavailableException when no fallback answered, or the call was interrupted
     */
    @Override
    public O apply(I input) {
        Guard g = guard;
        if (g.holding) {
            FallbackContext held = g.heldRefusal();
            if (held == Guard.TRIAL) {
                return g.trial(() -> function.apply(input), failWhen, input, f0, f1, f2, more, count);
            }
            if (held != null) {
                return Guard.fallBack(held, input, f0, f1, f2, more, count);
            }
        }
        if (g.permit()) {
            long start = g.start();
            O result;
            boolean failed;
            try {
                result = function.apply(input);
                failed = g.isFailure(result, failWhen); // a predicate that throws judges the call failed
            } catch (Throwable t) {
                return Guard.fallBack(g.failedCall(t, start), input, f0, f1, f2, more, count);
            }
            if (failed) {
                return Guard.fallBack(g.failedResult(result, start), input, f0, f1, f2, more, count);
            }
            g.succeeded(start);
            return result;
        }
        return Guard.fallBack(g.refused(), input, f0, f1, f2, more, count);
    }
}
