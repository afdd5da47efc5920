package io.github.caistatus.guard;

/**
 * A {@link Fallback} for a {@link GuardedFunction}, which also receives the input the function was
 * given (the user's message, typically).
 *
 * <pre>{@code
 * GuardedFunction<String, String> chat = guard.decorate(cai::send)
 *         .fallback((message, ctx) -> other.send(message));
 * }</pre>
 *
 * @param <I> the input type
 * @param <O> the answer type
 */
@FunctionalInterface
public interface InputFallback<I, O> {

    /**
     * Produces an answer for {@code input}.
     *
     * @param input   what the guarded function was called with
     * @param context why the fallback is asked
     * @return the answer
     * @throws Exception to pass the turn to the next fallback
     */
    O apply(I input, FallbackContext context) throws Exception;
}
