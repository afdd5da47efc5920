package io.github.caistatus.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code cai.status.*} properties: what the starter's {@code CharacterAiStatus} probes and how it paces
 * itself, its health component and its meters. Unset values keep the library's defaults.
 *
 * <pre>{@code
 * cai.status.endpoint=https://neo.character.ai/health
 * cai.status.intervals.healthy=60s
 * cai.status.health.affects-application=false
 * }</pre>
 *
 * @param endpoint         the health route probed (default Character.AI's); {@code none} turns the probe off
 * @param statusPage       the official status page's {@code summary.json}; {@code none} turns the probe off
 * @param control          an independent host that proves our own network works; {@code none} turns it off
 * @param timeout          each probe's total timeout
 * @param intervals        how often to check, when healthy and when not
 * @param downAfter        failed checks in a row before the verdict goes down
 * @param upAfter          good checks in a row before the verdict comes back up
 * @param journal          a file that keeps observed incidents across restarts (one JSON line per event); none
 *                         by default
 * @param firstVerdictWait how long the first status read waits for the first check
 * @param background       whether the monitor checks on its own schedule (false: only when asked)
 * @param breakerName      the guard's circuit breaker's name (in the app's {@code CircuitBreakerRegistry}, if
 *                         it has one)
 * @param health           the {@code characterAi} health component
 * @param metrics          the {@code cai.status.*} meters
 */
@ConfigurationProperties("cai.status")
public record CaiStatusProperties(
        String endpoint,
        String statusPage,
        String control,
        Duration timeout,
        @DefaultValue Intervals intervals,
        Integer downAfter,
        Integer upAfter,
        Path journal,
        Duration firstVerdictWait,
        @DefaultValue("true") boolean background,
        @DefaultValue("character.ai") String breakerName,
        @DefaultValue Health health,
        @DefaultValue Metrics metrics) {

    /**
     * How often the monitor checks; both or neither.
     *
     * @param healthy   between checks while Character.AI is operational
     * @param unhealthy between checks while it is not
     */
    public record Intervals(Duration healthy, Duration unhealthy) {
    }

    /**
     * The {@code characterAi} health component.
     *
     * @param affectsApplication whether a major outage or a maintenance of Character.AI reports the component
     *                           {@code DOWN}, and so the application's own health (for apps that cannot work
     *                           without it); by default it reports {@code OUTAGE} / {@code MAINTENANCE}, statuses
     *                           that do not count in the application's aggregate, which stays {@code UP}
     */
    public record Health(@DefaultValue("false") boolean affectsApplication) {
    }

    /**
     * The {@code cai.status.*} meters, bound when the app has a {@code MeterRegistry}.
     *
     * @param enabled        whether to bind them
     * @param circuitBreaker whether to bind the guard's breaker's resilience4j meters too (needs
     *                       resilience4j-micrometer); by default yes, unless the app has its own
     *                       {@code CircuitBreakerRegistry} bean (which resilience4j's starter binds itself)
     */
    public record Metrics(@DefaultValue("true") boolean enabled, Boolean circuitBreaker) {
    }
}
