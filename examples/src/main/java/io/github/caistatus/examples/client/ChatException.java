package io.github.caistatus.examples.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A chat call that did not give a reply: what went wrong, the HTTP status if one came, and how long the service
 * asked us to wait if it did. Messages never quote chat content.
 */
public final class ChatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The service answered with a status other than 2xx. */
        HTTP_STATUS,
        /** No whole answer within the call's timeout. */
        TIMEOUT,
        /** No answer at all: refused, reset, unreachable. */
        NETWORK,
        /** A 2xx whose body is not a chat reply (e.g. a waiting room page served with 200), or is too long. */
        BAD_REPLY,
        /** The calling thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;
    private final transient Optional<Duration> retryAfter;

    /**
     * Creates the exception.
     *
     * @param kind       what went wrong
     * @param status     the HTTP status, or 0 when none came
     * @param retryAfter how long the service asked callers to wait
     * @param message    one line, without chat content
     * @param cause      the underlying exception, or null
     */
    public ChatException(Kind kind, int status, Optional<Duration> retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * What went wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The HTTP status, if the service answered.
     *
     * @return the status, or empty
     */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * How long the service asked callers to wait ({@code Retry-After} in seconds), if it did.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }
}
