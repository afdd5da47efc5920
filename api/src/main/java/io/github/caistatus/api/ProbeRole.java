package io.github.caistatus.api;

/**
 * What a probe's signal is evidence of, given by how the probe was added, never by its name: the verdict trusts
 * each role in its own way (the official page's and the host's own calls' bad news at once, the control host only
 * for our own network), so a probe of one's own cannot borrow that trust by calling itself {@code "official"}.
 *
 * <pre>{@code
 * if (signal.role() == ProbeRole.OFFICIAL_PAGE) showOfficialWording(signal.detail());
 * }</pre>
 */
public enum ProbeRole {
    /** The service's own health route ({@code CharacterAiStatus.builder().endpoint(uri)}). */
    ENDPOINT,
    /** The official status page ({@code statusPage(uri)}): its bad news is believed at once. */
    OFFICIAL_PAGE,
    /** An independent host that proves our own network works ({@code control(uri)}); no opinion on the service. */
    CONTROL,
    /** The outcomes of the host's own guarded calls (the guard's circuit breaker): bad news believed at once. */
    OWN_CALLS,
    /** A probe of the host's own ({@code probe(StatusProbe)}), whatever its name: weighed like the endpoint. */
    CUSTOM,
    /**
     * What the other instances of a fleet saw ({@code fleet(Fleet)}): the shared verdict of the host's instances.
     * Its bad news is believed at once, like the host's own calls; {@link Health#UNKNOWN} (no opinion) while the
     * fleet's store cannot be reached.
     */
    FLEET
}
