package io.github.caistatus.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP-date. Internal: not part of the public API.
 */
public final class RetryAfter {

    /**
     * The longest wait we honour: a bogus or hostile value must not switch a probe off for days. A probe waits
     * at most this long before it asks again.
     */
    public static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /**
     * Parses the header value.
     *
     * @param value the header value, e.g. {@code "120"} or {@code "Wed, 21 Oct 2015 07:28:00 GMT"}
     * @param now   the current instant, for HTTP-dates
     * @return the wait, capped to {@link #MAX}; empty when unreadable or not in the future
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        Duration wait;
        if (v.matches("\\d{1,12}")) {
            wait = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isZero() || wait.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
    }
}
