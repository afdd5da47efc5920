package io.github.caistatus.guard;

/**
 * Answers in place of Character.AI when a guarded call cannot. Tried in the order they were added; the
 * first that returns wins, one that throws passes the turn to the next.
 *
 * <pre>{@code
 * Fallback<String> polite = ctx -> "Character.AI is resting (" + ctx.reason() + ")";
 * }</pre>
 *
 * @param <T> the type of the answer
 */
@FunctionalInterface
public interface Fallback<T> {

    /**
     * Produces an answer.
     *
     * @param context why the fallback is asked, and when Character.AI may be back
     * @return the answer
     * @throws Exception to pass the turn to the next fallback
     */
    T apply(FallbackContext context) throws Exception;
}
