package io.github.caistatus.api;

/**
 * Where an {@link Incident} comes from.
 */
public enum Source {
    /** The history bundled with the library (the 2023 article table and the official archive). */
    BUNDLED,
    /** The official status page, read live. */
    OFFICIAL,
    /** Observed live by this library's own probes and guarded calls. */
    OBSERVED
}
