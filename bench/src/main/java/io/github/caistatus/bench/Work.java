package io.github.caistatus.bench;

/**
 * The work every benchmark guards: a constant reply, so that what is measured is the guard, not the call.
 */
final class Work {

    static final String REPLY = "hello from Character.AI";
    static final String FALLBACK = "hello from the fallback";

    private Work() {
    }

    /** The primary call. */
    static String reply() {
        return REPLY;
    }

    /** The fallback's own work. */
    static String fallback() {
        return FALLBACK;
    }
}
