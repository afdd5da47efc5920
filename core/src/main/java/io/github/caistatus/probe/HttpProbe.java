package io.github.caistatus.probe;

import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import io.github.caistatus.internal.http.HostResolver;
import io.github.caistatus.internal.http.HttpProbeConfig;
import io.github.caistatus.internal.http.ProbeRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What the HTTP probes share: a name, an address checked against the transport rules where the probe is made,
 * and one {@link ProbeRunner} that makes every observation under the probe's own rules. A probe adds only how it
 * asks and how it classifies what comes back.
 */
abstract class HttpProbe implements StatusProbe {

    private final String name;
    private final URI uri;
    private final ProbeRunner runner;

    /**
     * @param name            the probe's name in signals
     * @param uri             the address to probe
     * @param client          the HTTP client; it must not follow redirects itself
     * @param config          timeouts, body cap and transport rules
     * @param clock           the time source for observation timestamps
     * @param nanoTime        the monotonic source for latency
     * @param resolver        resolves hosts for the redirect rules
     * @param accept          the Accept header to send
     * @param followRedirects whether redirects are followed
     * @param readBody        whether the body is read
     * @param rules           the probe's classification
     * @throws IllegalArgumentException if the address or the client cannot work under the rules
     */
    HttpProbe(String name, URI uri, HttpClient client, HttpProbeConfig config, Clock clock, LongSupplier nanoTime,
              HostResolver resolver, String accept, boolean followRedirects, boolean readBody,
              ProbeRunner.Classifier rules) {
        this.name = name;
        this.uri = Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        ProbeRunner.validate(uri, client, config);
        this.runner = new ProbeRunner(name, uri, client, config, clock, nanoTime, resolver, accept, followRedirects,
                readBody, rules);
    }

    /**
     * The probe's name, as it appears in signals and summaries.
     *
     * @return the name
     */
    @Override
    public final String name() {
        return name;
    }

    /**
     * Makes one observation and classifies it under this probe's rules (see the class description). Never throws;
     * bounded by the total timeout, redirects and body included.
     *
     * @return the signal
     */
    @Override
    public final Signal probe() {
        return runner.probe();
    }

    /**
     * The address probed.
     *
     * @return the URI
     */
    public final URI uri() {
        return uri;
    }
}
