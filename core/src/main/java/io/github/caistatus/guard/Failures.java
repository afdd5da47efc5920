package io.github.caistatus.guard;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.StatusSnapshot;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.TimeoutException;

/** What a failure of a guarded call means: an interruption (not Character.AI's fault), a timeout, or a failure. */
final class Failures {

    /** How deep a cause chain is searched: deep enough for wrapped client exceptions, bounded against cycles. */
    static final int MAX_CAUSE_DEPTH = 16;

    private Failures() {
    }

    /**
     * Whether a call ended because its thread was interrupted: it threw {@link InterruptedException},
     * {@link InterruptedIOException} (but not a socket timeout) or {@link ClosedByInterruptException} somewhere in
     * its causes, or, on the caller's thread, anything while the interrupt flag is set.
     */
    static boolean isInterruption(Throwable error, boolean onCallerThread) {
        if (onCallerThread && Thread.currentThread().isInterrupted()) {
            return true;
        }
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failure is a timeout, anywhere in its causes. */
    static boolean isTimeout(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Why the fallbacks answer a call that was made and failed. */
    static FallbackReason reason(Throwable error, StatusSnapshot snapshot) {
        if (isTimeout(error)) {
            return FallbackReason.CALL_TIMED_OUT;
        }
        return snapshot.cause() == Cause.OVERLOADED ? FallbackReason.WAITING_ROOM : FallbackReason.CALL_FAILED;
    }
}
