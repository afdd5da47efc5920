/**
 * The model of cai-status: health, causes, signals, snapshots, incidents, and the interfaces a host implements
 * or reads ({@code StatusProbe}, {@code IncidentLog}, {@code StatusListener}, {@code VerdictFeed}).
 */
module io.github.caistatus.api {
    exports io.github.caistatus.api;
}
