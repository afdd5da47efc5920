package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.FetchResult;
import io.github.caistatus.internal.http.HostResolver;
import io.github.caistatus.internal.http.HttpProbeConfig;
import io.github.caistatus.internal.http.ProbeRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Probe "control": any HTTP answer from an independent host, proving our own network works, so that "we are
 * offline" is never reported as "Character.AI is down".
 *
 * <p>Any status at all (even 401, 404 or 500) is {@code OPERATIONAL / NONE} ("our network works: HTTP 401");
 * only a failure to get an answer (timeout, refused, reset, DNS, TLS) is {@code UNKNOWN / LOCAL_NETWORK}. The
 * body is drained but not kept and redirects are not followed: a status line is all the proof needed. Never throws; every
 * observation is bounded by {@link HttpProbeConfig#timeout()}.
 *
 * <pre>{@code
 * StatusProbe control = new ControlProbe(URI.create("https://www.example.com/"), client, cfg, Clock.systemUTC());
 * }</pre>
 */
public final class ControlProbe extends HttpProbe {

    /** The probe's name in signals and summaries. */
    public static final String NAME = "control";
    /** The default address probed. */
    public static final URI DEFAULT_URI = URI.create("https://status.character.ai/api/v2/status.json");

    /**
     * Creates the probe.
     *
     * @param uri    the address to probe
     * @param client the HTTP client to use; it must not follow redirects itself, e.g.
     *               {@link HttpProbeConfig#newHttpClient()}
     * @param config timeouts, body cap and transport rules
     * @param clock  the time source for observation timestamps
     * @throws IllegalArgumentException if the address is plain HTTP to a non-loopback host without
     *                                  {@link HttpProbeConfig#allowInsecureHttp()}, or the client follows redirects
     */
    public ControlProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock) {
        this(uri, client, config, clock, System::nanoTime, HostResolver.SYSTEM);
    }

    /** For tests: an injected monotonic time source and resolver. */
    ControlProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock, LongSupplier nanoTime,
                 HostResolver resolver) {
        super(NAME, uri, client, config, clock, nanoTime, resolver, "*/*", false, false, new Rules());
    }

    @Override
    public String toString() {
        return "ControlProbe[" + uri() + "]";
    }

    private static final class Rules implements ProbeRunner.Classifier {

        @Override
        public Signal answer(FetchResult.Answer a, Duration latency, Instant at) {
            return Signal.of(NAME, Health.OPERATIONAL, Cause.NONE, latency, at,
                    "our network works: HTTP " + a.status() + " in " + latency.toMillis() + " ms");
        }

        @Override
        public Signal failure(FetchResult.Failure f, Duration latency, Instant at) {
            if (f.kind() == FetchResult.Kind.TOO_LARGE) {
                // more bytes than the cap arrived: that is proof enough that the network works
                return Signal.of(NAME, Health.OPERATIONAL, Cause.NONE, latency, at,
                        "our network works: an answer arrived (" + f.detail() + ")");
            }
            if (f.kind().isNetwork()) {
                return Signal.of(NAME, Health.UNKNOWN, Cause.LOCAL_NETWORK, latency, at,
                        "our network may be down: " + f.detail());
            }
            // our own rules or client failed: that proves nothing about the network either way
            return Signal.of(NAME, Health.UNKNOWN, Cause.OTHER, latency, at, f.detail());
        }
    }
}
