package io.github.caistatus.guard;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous {@link Fallback}, for {@link GuardedAsyncCall}: its stage completing exceptionally
 * passes the turn to the next fallback.
 *
 * <pre>{@code
 * guard.callAsync(() -> cai.sendAsync(msg))
 *      .fallbackAsync(ctx -> other.sendAsync(msg))
 *      .getAsync();
 * }</pre>
 *
 * @param <T> the type of the answer
 */
@FunctionalInterface
public interface AsyncFallback<T> {

    /**
     * Starts producing an answer.
     *
     * @param context why the fallback is asked
     * @return a stage with the answer; never null
     * @throws Exception to pass the turn to the next fallback at once
     */
    CompletionStage<T> apply(FallbackContext context) throws Exception;
}
