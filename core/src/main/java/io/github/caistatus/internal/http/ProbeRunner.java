package io.github.caistatus.internal.http;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * What every HTTP probe does around its own classification: carries a {@code Retry-After} in the signal (the
 * monitor paces its checks by it, within its own cap; a probe asked directly always asks, so that a replay is
 * never passed off as a fresh observation), sends conditional requests and re-classifies the
 * remembered answer on a 304, measures latency on a monotonic clock, and never throws. Safe for concurrent
 * use; the monitor keeps one call in flight per probe anyway. Internal: not part of the public API.
 */
public final class ProbeRunner {

    /** Turns what one exchange gave into a signal; the probe's own rules. Must not throw. */
    public interface Classifier {

        /**
         * Classifies an HTTP answer.
         *
         * @param answer  the answer (after redirects)
         * @param latency how long the exchange took
         * @param at      when it completed
         * @return the signal
         */
        Signal answer(FetchResult.Answer answer, Duration latency, Instant at);

        /**
         * Classifies a failure to get an answer.
         *
         * @param failure what went wrong
         * @param latency how long the attempt took
         * @param at      when it ended
         * @return the signal
         */
        Signal failure(FetchResult.Failure failure, Duration latency, Instant at);
    }

    /** What a probe remembers between observations; replaced as a whole, so readers never see half an update. */
    private record State(Signal last, FetchResult.Answer lastOk, String etag, String lastModified) {
        static final State EMPTY = new State(null, null, null, null);
    }

    private final String name;
    private final URI uri;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Fetcher fetcher;
    private final Map<String, String> baseHeaders;
    private final boolean followRedirects;
    private final boolean readBody;
    private final Classifier classifier;
    private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);

    /**
     * Creates a runner.
     *
     * @param name            the probe's name, for signals made here
     * @param uri             the address probed
     * @param client          the HTTP client
     * @param config          timeouts, cap and rules
     * @param clock           the time source for timestamps and Retry-After dates
     * @param nanoTime        the monotonic source for latency
     * @param resolver        resolves hosts for the redirect rules
     * @param accept          the Accept header to send
     * @param followRedirects whether redirects are followed
     * @param readBody        whether the body is read
     * @param classifier      the probe's rules
     */
    public ProbeRunner(String name, URI uri, HttpClient client, HttpProbeConfig config, Clock clock,
                       LongSupplier nanoTime, HostResolver resolver, String accept, boolean followRedirects,
                       boolean readBody, Classifier classifier) {
        this.name = Objects.requireNonNull(name, "name");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.fetcher = new Fetcher(client, config, resolver);
        this.baseHeaders = Map.of("Accept", accept);
        this.followRedirects = followRedirects;
        this.readBody = readBody;
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /**
     * Checks that a probe's address and client can work under the rules; called by the probes' constructors so
     * a wrong setup fails where it is made, not on every observation.
     *
     * @param uri    the address
     * @param client the client
     * @param config the rules
     * @throws IllegalArgumentException if the scheme is refused or the client follows redirects itself
     */
    public static void validate(URI uri, HttpClient client, HttpProbeConfig config) {
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new IllegalArgumentException("probe address needs a scheme and a host: " + uri);
        }
        if (!Addresses.schemeAllowed(uri, config.allowInsecureHttp())) {
            throw new IllegalArgumentException("probe address must use https (plain http only to loopback, or with "
                    + "HttpProbeConfig.withAllowInsecureHttp(true)): " + uri);
        }
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must not follow redirects itself (build it with "
                    + "HttpClient.Redirect.NEVER, or use HttpProbeConfig.newHttpClient()): probes follow them "
                    + "under their own rules");
        }
    }

    /**
     * Makes one observation. Never throws; an interrupt is kept (the flag re-set) and answered with UNKNOWN.
     *
     * @return the signal
     */
    public Signal probe() {
        try {
            return observe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Signal.of(name, Health.UNKNOWN, Cause.OTHER, Duration.ZERO, now(), "interrupted before an answer");
        } catch (RuntimeException e) {
            return Signal.of(name, Health.UNKNOWN, Cause.OTHER, Duration.ZERO, now(),
                    "probe failed: " + e.getClass().getSimpleName());
        }
    }

    private Signal observe() throws InterruptedException {
        State s = state.get();
        Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
        if (s.lastOk != null && s.etag != null) {
            headers.put("If-None-Match", s.etag);
        }
        if (s.lastOk != null && s.lastModified != null) {
            headers.put("If-Modified-Since", s.lastModified);
        }
        long t0 = nanoTime.getAsLong();
        FetchResult result = fetcher.fetch(uri, headers, followRedirects, readBody);
        Duration latency = Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - t0));
        Instant at = clock.instant();

        Signal signal;
        State next;
        if (result instanceof FetchResult.Failure) {
            signal = classifier.failure((FetchResult.Failure) result, latency, at);
            next = new State(signal, s.lastOk, s.etag, s.lastModified);
        } else {
            FetchResult.Answer a = (FetchResult.Answer) result;
            if (a.status() == 304 && s.lastOk != null) {
                Signal again = classifier.answer(s.lastOk, latency, at);
                signal = withDetail(again, again.detail() + " (HTTP 304, not modified)");
                next = new State(signal, s.lastOk, s.etag, s.lastModified);
            } else {
                signal = classifier.answer(a, latency, at);
                if (a.status() / 100 == 2) {
                    next = new State(signal, a, a.header("ETag").orElse(null),
                            a.header("Last-Modified").orElse(null));
                } else {
                    next = new State(signal, s.lastOk, s.etag, s.lastModified);
                }
                if (a.status() == 429 || a.status() == 503) {
                    Optional<Duration> wait = a.header("Retry-After").flatMap(v -> RetryAfter.parse(v, at));
                    if (wait.isPresent()) {
                        signal = withDetail(signal, signal.detail() + ", retry after " + Durations.human(wait.get()))
                                .withRetryAfter(wait.get());
                    }
                }
            }
        }
        state.set(next);
        return signal;
    }

    private static Signal withDetail(Signal s, String detail) {
        return new Signal(s.probe(), s.health(), s.cause(), s.latency(), s.observedAt(), detail, s.retryAfter(),
                s.official(), s.role());
    }

    private Instant now() {
        try {
            return clock.instant();
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }
}
