package io.github.caistatus.api;

/**
 * One source of evidence about the service: an HTTP check, the official page, the host's own calls.
 *
 * <p>Implementations must bound every observation by their own timeout and must never throw: a failure
 * to observe is itself an observation ({@link Health#UNKNOWN} with a cause and a detail).
 *
 * <pre>{@code
 * StatusProbe myProbe = new StatusProbe() {
 *     public String name() { return "queue-depth"; }
 *     public Signal probe() { ... }
 * };
 * }</pre>
 */
public interface StatusProbe {

    /**
     * A short stable name, used in signals and summaries ("endpoint", "official", "control").
     *
     * @return the name
     */
    String name();

    /**
     * Makes one observation now, blocking at most the probe's own timeout.
     *
     * @return the observation; never null, never thrown
     */
    Signal probe();
}
