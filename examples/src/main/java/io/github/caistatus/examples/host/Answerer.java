package io.github.caistatus.examples.host;

/** Who answered a message in the example host apps. */
public enum Answerer {
    /** Character.AI (or the simulator standing in for it). */
    PRIMARY,
    /** The alternative provider, a fallback. */
    ALTERNATIVE,
    /** The canned reply, the last fallback: it always answers. */
    CANNED;

    /**
     * The name used in output and JSON.
     *
     * @return e.g. {@code "primary"}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
