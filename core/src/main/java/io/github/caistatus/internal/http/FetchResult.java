package io.github.caistatus.internal.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What one bounded exchange gave: an HTTP answer, or a failure to get one. Internal: not part of the public API.
 */
public sealed interface FetchResult {

    /**
     * An HTTP answer, after any redirects were followed.
     *
     * @param status  the status code
     * @param headers the response headers
     * @param body    the body bytes, at most the cap (empty when the body was not wanted)
     * @param uri     the address that gave this answer
     */
    record Answer(int status, HttpHeaders headers, byte[] body, URI uri) implements FetchResult {

        /**
         * The body decoded as UTF-8 (malformed bytes replaced, never thrown).
         *
         * @return the text
         */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * A header's first value.
         *
         * @param name the header name, any case
         * @return the value, if present
         */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /**
         * The media type of the body, lower case, without parameters; empty string when absent.
         *
         * @return e.g. {@code application/json}
         */
        public String mediaType() {
            String ct = header("Content-Type").orElse("");
            int semi = ct.indexOf(';');
            return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * No usable answer.
     *
     * @param kind   what went wrong
     * @param detail a short human detail, e.g. {@code "connection refused"}
     */
    record Failure(Kind kind, String detail) implements FetchResult {
    }

    /** What kind of failure it was, so a probe can tell the network from a bad answer or a refusal of ours. */
    enum Kind {
        /** The whole exchange, or the connect, took longer than allowed. */
        TIMEOUT,
        /** The host refused the connection. */
        REFUSED,
        /** The host name does not resolve. */
        DNS,
        /** The connection was reset or closed early, or the answer was not HTTP: a transport fault. */
        TRANSPORT,
        /** The TLS handshake failed. */
        TLS,
        /** The body grew past the cap. */
        TOO_LARGE,
        /** We refused to go on: plain HTTP, a redirect loop, too many hops, a redirect to a private address. */
        REFUSED_BY_RULES,
        /** Something in our own client failed (a bug, a rejected task), not the exchange. */
        INTERNAL;

        /**
         * Whether this failure is about reaching the host (the network), as opposed to the answer or our rules.
         *
         * @return true for timeout, refused, DNS, transport and TLS faults
         */
        public boolean isNetwork() {
            return this == TIMEOUT || this == REFUSED || this == DNS || this == TRANSPORT || this == TLS;
        }
    }
}
