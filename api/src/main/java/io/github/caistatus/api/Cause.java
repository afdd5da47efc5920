package io.github.caistatus.api;

/**
 * Why a {@link Health} was given: what the evidence points at.
 */
public enum Cause {
    /** Nothing is wrong. */
    NONE,
    /** Too many users: a Cloudflare waiting room, or HTTP 429. */
    OVERLOADED,
    /** The service answered with a server error (HTTP 5xx, Cloudflare 520-526). */
    SERVER_ERROR,
    /** The service answered 200 but the body carries an application error. */
    APPLICATION_ERROR,
    /** The service answered, but slower than the configured threshold. */
    SLOW,
    /** Planned maintenance. */
    MAINTENANCE,
    /** The service could not be reached: timeout, refused, reset, DNS failure. */
    NETWORK,
    /** Our client is blocked (challenge page, 403, Cloudflare 1020): a problem on our side, not an outage. */
    BLOCKED,
    /** The official status page reports an incident. */
    OFFICIAL_INCIDENT,
    /** Our own network is down, so nothing can be said about the service. */
    LOCAL_NETWORK,
    /** The host application's own calls are failing. */
    CALL_FAILURES,
    /** A source of evidence is switched off or answers nothing usable (e.g. an inactive status page). */
    SOURCE_UNAVAILABLE,
    /** A source answered something we could not read (malformed JSON, HTML, oversized body). */
    INVALID_RESPONSE,
    /** No check has completed yet. */
    NOT_CHECKED,
    /** Anything else; the detail or summary says more. */
    OTHER
}
