package io.github.caistatus.guard;

import java.util.Objects;

/**
 * Thrown by a guarded call when neither Character.AI nor any fallback answered: the one exception a host
 * has to expect from the guard.
 *
 * <p>Its {@linkplain #getCause() cause} is the primary call's failure (absent when the breaker refused the
 * call); each fallback's failure is attached, in order, as a {@linkplain #getSuppressed() suppressed}
 * exception. It is also thrown, without trying the fallbacks, when the call or a fallback was interrupted:
 * then {@link #isInterrupted()} is true and the thread's interrupt flag is set.
 *
 * <pre>{@code
 * try {
 *     reply = guard.call(() -> cai.send(msg)).fallback(ctx -> other.send(msg)).get();
 * } catch (CharacterAiUnavailableException e) {
 *     reply = "Sorry, " + e.context().describe();
 * }
 * }</pre>
 */
public final class CharacterAiUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FallbackContext context;
    private final boolean interrupted;

    /**
     * Creates the exception.
     *
     * @param context     why the guard fell back
     * @param cause       the primary call's failure, or null if it was never made
     * @param interrupted whether the call or a fallback was interrupted
     */
    public CharacterAiUnavailableException(FallbackContext context, Throwable cause, boolean interrupted) {
        super(message(Objects.requireNonNull(context, "context"), interrupted), cause);
        this.context = context;
        this.interrupted = interrupted;
    }

    private static String message(FallbackContext context, boolean interrupted) {
        return context.describe() + (interrupted ? " (interrupted)" : " (no fallback answered)");
    }

    /**
     * Why the guard fell back, the status at that moment and the expected wait.
     *
     * @return the context given to the fallbacks
     */
    public FallbackContext context() {
        return context;
    }

    /**
     * Whether the call or a fallback was interrupted, rather than every fallback failing.
     *
     * @return true if the guard stopped because of an interrupt
     */
    public boolean isInterrupted() {
        return interrupted;
    }
}
