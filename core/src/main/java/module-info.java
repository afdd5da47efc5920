/**
 * cai-status: whether Character.AI is usable right now, and a guard for chat calls that follows it.
 *
 * <p>Exported: {@code io.github.caistatus} (the facade and its builder), {@code io.github.caistatus.guard} (guarded
 * calls, fallbacks) and {@code io.github.caistatus.history} (incident logs, the bundled history) and
 * {@code io.github.caistatus.fleet} (the fleet SPI, for modules such as cai-status-redis). The probes,
 * the verdict, the monitor and everything under {@code internal} are implementation, not API.
 */
module io.github.caistatus {
    requires transitive io.github.caistatus.api;
    requires transitive io.github.resilience4j.circuitbreaker;
    requires transitive io.github.resilience4j.core; // the breaker config's IntervalFunction
    requires java.net.http;
    requires org.json;
    requires org.slf4j;

    exports io.github.caistatus;
    exports io.github.caistatus.guard;
    exports io.github.caistatus.history;
    exports io.github.caistatus.fleet;
}
