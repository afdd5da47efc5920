package io.github.caistatus.testkit;

/**
 * How the simulated official status page behaves: as the source article says, the official channels do not
 * always tell.
 */
public enum OfficialPage {
    /** Describes every mode truthfully, and announces maintenance before it starts. */
    HONEST,
    /** Always "All Systems Operational", whatever happens: the page that lags or stays silent. */
    SILENT,
    /** Answers {@code 401 Your page is inactive}, like status.character.ai since June 2026. */
    INACTIVE
}
