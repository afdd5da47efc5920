package io.github.caistatus.guard;

/**
 * Recorded in the circuit breaker, and shown to fallbacks as {@link FallbackContext#exception()}, when a
 * call returned normally but its result was judged a failure (by {@link GuardedCall#failWhen} or by the
 * breaker configuration's {@code recordResult} predicate).
 *
 * <p>Its message never contains the result, which may be chat content; {@link #result()} has it.
 */
public final class FailedResultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object result;

    /**
     * Creates the exception.
     *
     * @param result the result judged a failure; may be null
     */
    public FailedResultException(Object result) {
        super("the call returned a result judged a failure", null, false, false);
        this.result = result;
    }

    /**
     * The result that was judged a failure.
     *
     * @return the result; may be null
     */
    public Object result() {
        return result;
    }
}
