package io.github.caistatus.redis;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The fleet's shared state as stored in Redis (one small JSON value), and observations shared under the probe
 * lease. Reading never throws: a value that cannot be read is no state at all.
 *
 * @param down   true while an outage is shared, false after a recovery
 * @param health what the outage's evidence said (operational after a recovery)
 * @param cause  why
 * @param detail a short human detail
 * @param since  when the outage (or the recovery) began: the outage's start names its incident
 * @param by     the instance that reported it
 */
record SharedState(boolean down, Health health, Cause cause, String detail, Instant since, String by) {

    String toJson() {
        return new JSONObject().put("s", down ? "down" : "up").put("health", health.name()).put("cause", cause.name())
                .put("detail", detail).put("since", since.toEpochMilli()).put("by", by).toString();
    }

    static Optional<SharedState> parse(String json) {
        if (json == null || json.isEmpty()) {
            return Optional.empty();
        }
        try {
            JSONObject o = new JSONObject(json);
            return Optional.of(new SharedState("down".equals(o.getString("s")), Health.valueOf(o.getString("health")),
                    Cause.valueOf(o.getString("cause")), o.optString("detail", ""),
                    Instant.ofEpochMilli(o.getLong("since")), o.optString("by", "?")));
        } catch (JSONException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A signal for the wire: what a probe observed, without the official page's content. */
    static String encode(Signal s) {
        JSONObject o = new JSONObject().put("probe", s.probe()).put("health", s.health().name())
                .put("cause", s.cause().name()).put("latency", s.latency().toMillis())
                .put("at", s.observedAt().toEpochMilli()).put("detail", s.detail());
        s.retryAfter().ifPresent(r -> o.put("retryAfter", r.toMillis()));
        return o.toString();
    }

    static Optional<Signal> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Optional.empty();
        }
        try {
            JSONObject o = new JSONObject(json);
            Signal s = Signal.of(o.getString("probe"), Health.valueOf(o.getString("health")),
                    Cause.valueOf(o.getString("cause")), Duration.ofMillis(o.getLong("latency")),
                    Instant.ofEpochMilli(o.getLong("at")), o.optString("detail", ""));
            if (o.has("retryAfter")) {
                s = s.withRetryAfter(Duration.ofMillis(o.getLong("retryAfter")));
            }
            return Optional.of(s);
        } catch (JSONException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
