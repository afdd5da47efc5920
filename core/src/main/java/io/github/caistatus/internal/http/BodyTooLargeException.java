package io.github.caistatus.internal.http;

import java.io.IOException;

/**
 * A body grew past the configured cap while it was streaming in. Internal: not part of the public API.
 */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The cap that was exceeded, in bytes. */
    private final long cap;

    /**
     * Creates the exception.
     *
     * @param cap the cap that was exceeded
     */
    public BodyTooLargeException(long cap) {
        super("body larger than " + Durations.bytes(cap));
        this.cap = cap;
    }

    /**
     * The cap that was exceeded.
     *
     * @return bytes
     */
    public long cap() {
        return cap;
    }
}
