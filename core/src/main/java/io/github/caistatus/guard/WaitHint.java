package io.github.caistatus.guard;

import java.time.Duration;

/**
 * How long until Character.AI is expected back, and what that guess rests on (for the wording).
 *
 * @param delay the expected wait, never negative
 * @param basis where it comes from
 */
record WaitHint(Duration delay, Basis basis) {

    WaitHint {
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
    }

    enum Basis {
        /** The end of the running maintenance window. */
        MAINTENANCE_END,
        /** A wait the call's own failure gave, read by the host's {@code waitFrom} (a 429's {@code Retry-After}). */
        CALL_RETRY_AFTER,
        /** A {@code Retry-After} the service sent to the status probes. */
        RETRY_AFTER,
        /** The breaker's remaining open time. */
        BREAKER,
        /** The median length of past outages of the same kind. */
        TYPICAL,
        /** Given by whoever built the context by hand. */
        GIVEN
    }

    /** "~45 minutes", "~2 hours", "a moment": rounded, since these are guesses. */
    static String humanize(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        if (seconds < 1) {
            return "a moment";
        }
        if (seconds < 90) {
            return "~" + plural(seconds, "second");
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 90) {
            return "~" + plural(minutes, "minute");
        }
        long hours = Math.round(minutes / 60.0);
        if (hours < 48) {
            return "~" + plural(hours, "hour");
        }
        return "~" + plural(Math.round(hours / 24.0), "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** The wait as the second half of a sentence, e.g. "usually back within ~45 minutes". */
    String phrase() {
        String w = humanize(delay);
        return switch (basis) {
            case MAINTENANCE_END -> delay.isZero() ? "expected back any moment" : "expected back in " + w;
            case CALL_RETRY_AFTER, RETRY_AFTER -> "asked to retry in " + w;
            case BREAKER -> delay.isZero() ? "trying again any moment" : "trying again in " + w;
            case TYPICAL -> "usually back within " + w;
            case GIVEN -> "try again in " + w;
        };
    }
}
