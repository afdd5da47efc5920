package io.github.caistatus.spring.boot;

import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusSnapshot;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code characterAi} health component says, apart from Spring Boot's types (whose package differs
 * between Boot 3 and 4): a status code and the details.
 *
 * <p>Codes: {@code UP} when operational; {@code DEGRADED}, {@code PARTIAL_OUTAGE}, {@code OUTAGE},
 * {@code MAINTENANCE} and {@code UNKNOWN} otherwise. Boot's default aggregation leaves out every code not in
 * {@code management.endpoint.health.status.order} (DOWN, OUT_OF_SERVICE, UP, UNKNOWN) and ranks UNKNOWN below UP,
 * so an outage of Character.AI leaves the application {@code UP}, its fallbacks serving, and the component's own
 * page answers HTTP 200. With {@code cai.status.health.affects-application=true} an outage and a maintenance
 * are {@code DOWN} instead (HTTP 503, the application {@code DOWN}).
 */
public final class CharacterAiHealth {

    /** The component's status while Character.AI has a major outage. */
    public static final String OUTAGE = "OUTAGE";

    private CharacterAiHealth() {
    }

    /**
     * The status code for a verdict.
     *
     * <pre>{@code
     * String code = CharacterAiHealth.code(status.snapshot(), false);   // "OUTAGE" during an outage
     * }</pre>
     *
     * @param snapshot           the verdict
     * @param affectsApplication whether an outage or maintenance is {@code DOWN}
     * @return the code
     */
    public static String code(StatusSnapshot snapshot, boolean affectsApplication) {
        switch (snapshot.health()) {
            case OPERATIONAL:
                return "UP";
            case DEGRADED:
                return "DEGRADED";
            case PARTIAL_OUTAGE:
                return "PARTIAL_OUTAGE";
            case MAJOR_OUTAGE:
                return affectsApplication ? "DOWN" : OUTAGE;
            case MAINTENANCE:
                return affectsApplication ? "DOWN" : "MAINTENANCE";
            default:
                return "UNKNOWN";
        }
    }

    /**
     * The details: verdict, cause, summary, confidence, when, the breaker's state and each signal.
     *
     * @param snapshot the verdict
     * @param breaker  the guard's breaker
     * @return the details, in a stable order
     */
    public static Map<String, Object> details(StatusSnapshot snapshot, CircuitBreaker breaker) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("verdict", snapshot.health().name());
        d.put("cause", snapshot.cause().name());
        d.put("summary", snapshot.summary());
        d.put("confidence", snapshot.confidence());
        d.put("observedAt", snapshot.observedAt().toString());
        d.put("breaker", breaker.getState().name());
        snapshot.retryAfter().ifPresent(w -> d.put("retryAfter", w.toString()));
        snapshot.nextMaintenance().ifPresent(m -> d.put("nextMaintenance", m.start().toString()));
        d.put("activeIncidents", snapshot.incidents().size());
        Map<String, Object> signals = new LinkedHashMap<>();
        for (Signal s : snapshot.signals()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("role", s.role().name());
            one.put("health", s.health().name());
            one.put("cause", s.cause().name());
            one.put("latencyMs", s.latency().toMillis());
            one.put("detail", s.detail());
            one.put("observedAt", s.observedAt().toString());
            signals.put(s.probe(), one);
        }
        d.put("signals", signals);
        return d;
    }
}
