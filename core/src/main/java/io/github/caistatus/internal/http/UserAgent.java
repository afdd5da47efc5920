package io.github.caistatus.internal.http;

/**
 * The {@code User-Agent} every probe sends. Internal: not part of the public API.
 */
public final class UserAgent {

    /** {@code cai-status/<version>}, the version read from the core jar's manifest, {@code dev} when run from classes. */
    public static final String DEFAULT = "cai-status/" + version();

    private UserAgent() {
    }

    private static String version() {
        Package p = UserAgent.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v.trim();
    }
}
