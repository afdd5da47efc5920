package io.github.caistatus.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long past outages of one kind lasted: a prior for "usually back within ~N minutes".
 *
 * @param kind   the health the outages reached
 * @param count  how many outages of known duration were measured
 * @param median their median duration
 * @param p90    their 90th percentile duration
 */
public record OutageDurations(Health kind, int count, Duration median, Duration p90) {

    /** Validates the components: at least one outage, and {@code median <= p90}. */
    public OutageDurations {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p90, "p90");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        if (median.compareTo(p90) > 0) {
            throw new IllegalArgumentException("median " + median + " exceeds p90 " + p90);
        }
    }
}
