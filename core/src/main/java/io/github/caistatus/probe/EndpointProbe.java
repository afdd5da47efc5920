package io.github.caistatus.probe;

import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * Probe "endpoint": the chat backend's own health route, classified by status, body and latency.
 *
 * <p>Never throws; every observation is bounded by {@link HttpProbeConfig#timeout()}.
 */
public final class EndpointProbe implements StatusProbe {

    /** The probe's name in signals and summaries. */
    public static final String NAME = "endpoint";
    /** The default address probed. */
    public static final URI DEFAULT_URI = URI.create("https://neo.character.ai/health");

    private final URI uri;
    private final HttpClient client;
    private final HttpProbeConfig config;
    private final Clock clock;

    /**
     * Creates the probe.
     *
     * @param uri    the address to probe
     * @param client the HTTP client to use (its redirect policy is ignored: redirects are followed by the probe)
     * @param config timeouts, body cap and transport rules
     * @param clock  the time source for observation timestamps
     */
    public EndpointProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Signal probe() {
        throw new UnsupportedOperationException("TODO(probes): not built yet");
    }
}
