package io.github.caistatus.internal.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every HTTP probe keeps: timeouts, a body cap, when a 2xx counts as slow, and whether plain HTTP
 * to a non-loopback host is allowed.
 *
 * <pre>{@code
 * HttpProbeConfig cfg = HttpProbeConfig.defaults().withTimeout(Duration.ofSeconds(2));
 * }</pre>
 *
 * @param connectTimeout     the longest wait for a TCP/TLS connection
 * @param timeout            the longest wait for a whole observation, redirects and body included
 * @param maxBodyBytes       the most body bytes read; more makes the answer invalid (enforced while streaming)
 * @param slowThreshold      a 2xx slower than this is {@code DEGRADED / SLOW}
 * @param allowInsecureHttp  whether {@code http://} is allowed to hosts other than loopback
 * @param maxRedirects       the most redirect hops followed (HTTPS only, never from public to private addresses)
 * @param userAgent          the {@code User-Agent} sent, by default {@code cai-status/<version>}
 * @param redirectHosts      the hosts a redirect may lead to besides the probed address's own host: exact names
 *                           ({@code status.example.com}) or {@code *.}-prefixed domains ({@code *.example.com},
 *                           any subdomain); by default {@link #DEFAULT_REDIRECT_HOSTS}. A redirect elsewhere is
 *                           refused, so no redirect can lead to a host nobody chose; and wherever it leads, its
 *                           address is checked first (never from a public host to a private one; a target whose
 *                           address cannot be looked up is refused)
 */
public record HttpProbeConfig(
        Duration connectTimeout,
        Duration timeout,
        long maxBodyBytes,
        Duration slowThreshold,
        boolean allowInsecureHttp,
        int maxRedirects,
        String userAgent,
        Set<String> redirectHosts) {

    /** Default connect timeout: 2 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default total timeout: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Default body cap: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
    /** Default slow threshold: 3 seconds. */
    public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(3);
    /** Default redirect limit: 3 hops. */
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    /**
     * The hosts a redirect may lead to by default besides the probed host: the status page provider's
     * ({@code statuspage.io} and its subdomains), where a hosted status page's addresses redirect.
     */
    public static final Set<String> DEFAULT_REDIRECT_HOSTS = Set.of("statuspage.io", "*.statuspage.io");
    private static final Pattern HOST_RULE = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?"
            + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** Validates the components: positive durations and cap, non-negative redirects, a one-line user agent. */
    public HttpProbeConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("userAgent must be one non-blank line: " + userAgent);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(timeout, "timeout");
        requirePositive(slowThreshold, "slowThreshold");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
        Objects.requireNonNull(redirectHosts, "redirectHosts");
        Set<String> hosts = new LinkedHashSet<>();
        for (String h : redirectHosts) {
            String rule = h == null ? "" : h.trim().toLowerCase(Locale.ROOT);
            if (!HOST_RULE.matcher(rule).matches()) {
                throw new IllegalArgumentException("redirectHosts entries are host names or *.domain: " + h);
            }
            hosts.add(rule);
        }
        redirectHosts = Collections.unmodifiableSet(hosts);
    }

    /**
     * The configuration with the default redirect hosts.
     *
     * @param connectTimeout    the longest wait for a TCP/TLS connection
     * @param timeout           the longest wait for a whole observation
     * @param maxBodyBytes      the most body bytes read
     * @param slowThreshold     a 2xx slower than this is degraded
     * @param allowInsecureHttp whether plain HTTP is allowed to hosts other than loopback
     * @param maxRedirects      the most redirect hops followed
     * @param userAgent         the {@code User-Agent} sent
     */
    public HttpProbeConfig(Duration connectTimeout, Duration timeout, long maxBodyBytes, Duration slowThreshold,
                           boolean allowInsecureHttp, int maxRedirects, String userAgent) {
        this(connectTimeout, timeout, maxBodyBytes, slowThreshold, allowInsecureHttp, maxRedirects, userAgent,
                DEFAULT_REDIRECT_HOSTS);
    }

    /**
     * The configuration with the default user agent ({@code cai-status/<version>}).
     *
     * @param connectTimeout    the longest wait for a TCP/TLS connection
     * @param timeout           the longest wait for a whole observation
     * @param maxBodyBytes      the most body bytes read
     * @param slowThreshold     a 2xx slower than this is degraded
     * @param allowInsecureHttp whether plain HTTP is allowed to hosts other than loopback
     * @param maxRedirects      the most redirect hops followed
     */
    public HttpProbeConfig(Duration connectTimeout, Duration timeout, long maxBodyBytes, Duration slowThreshold,
                           boolean allowInsecureHttp, int maxRedirects) {
        this(connectTimeout, timeout, maxBodyBytes, slowThreshold, allowInsecureHttp, maxRedirects, UserAgent.DEFAULT);
    }

    /**
     * The defaults: 2 s connect, 5 s total, 1 MiB, slow past 3 s, HTTPS only, 3 redirects.
     *
     * @return the default configuration
     */
    public static HttpProbeConfig defaults() {
        return new HttpProbeConfig(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_SLOW_THRESHOLD, false, DEFAULT_MAX_REDIRECTS);
    }

    /**
     * A copy with another total timeout (the connect timeout is capped to it).
     *
     * @param value the total timeout
     * @return the copy
     */
    public HttpProbeConfig withTimeout(Duration value) {
        Duration connect = connectTimeout.compareTo(value) > 0 ? value : connectTimeout;
        return new HttpProbeConfig(connect, value, maxBodyBytes, slowThreshold, allowInsecureHttp,
                maxRedirects, userAgent, redirectHosts);
    }

    /**
     * A copy with another connect timeout.
     *
     * @param value the connect timeout
     * @return the copy
     */
    public HttpProbeConfig withConnectTimeout(Duration value) {
        return new HttpProbeConfig(value, timeout, maxBodyBytes, slowThreshold, allowInsecureHttp,
                maxRedirects, userAgent, redirectHosts);
    }

    /**
     * A copy with another body cap.
     *
     * @param value the most bytes read
     * @return the copy
     */
    public HttpProbeConfig withMaxBodyBytes(long value) {
        return new HttpProbeConfig(connectTimeout, timeout, value, slowThreshold, allowInsecureHttp,
                maxRedirects, userAgent, redirectHosts);
    }

    /**
     * A copy with another slow threshold.
     *
     * @param value a 2xx slower than this is degraded
     * @return the copy
     */
    public HttpProbeConfig withSlowThreshold(Duration value) {
        return new HttpProbeConfig(connectTimeout, timeout, maxBodyBytes, value, allowInsecureHttp,
                maxRedirects, userAgent, redirectHosts);
    }

    /**
     * A copy allowing or forbidding plain HTTP to non-loopback hosts.
     *
     * @param value true to allow
     * @return the copy
     */
    public HttpProbeConfig withAllowInsecureHttp(boolean value) {
        return new HttpProbeConfig(connectTimeout, timeout, maxBodyBytes, slowThreshold, value,
                maxRedirects, userAgent, redirectHosts);
    }

    /**
     * A copy with another redirect limit.
     *
     * @param value the most hops followed
     * @return the copy
     */
    public HttpProbeConfig withMaxRedirects(int value) {
        return new HttpProbeConfig(connectTimeout, timeout, maxBodyBytes, slowThreshold, allowInsecureHttp,
                value, userAgent, redirectHosts);
    }

    /**
     * A copy with another {@code User-Agent}.
     *
     * @param value the user agent, one line
     * @return the copy
     */
    public HttpProbeConfig withUserAgent(String value) {
        return new HttpProbeConfig(connectTimeout, timeout, maxBodyBytes, slowThreshold, allowInsecureHttp,
                maxRedirects, value, redirectHosts);
    }

    /**
     * A copy with other hosts a redirect may lead to besides the probed host (replacing the default, so name
     * the provider's hosts too if you still want them).
     *
     * <pre>{@code
     * cfg.withRedirectHosts(Set.of("*.statuspage.io", "status.example.com"));
     * }</pre>
     *
     * @param value exact host names or {@code *.domain} rules; empty: redirects only within the probed host
     * @return the copy
     * @throws IllegalArgumentException if an entry is not a host name or {@code *.domain}
     */
    public HttpProbeConfig withRedirectHosts(Set<String> value) {
        return new HttpProbeConfig(connectTimeout, timeout, maxBodyBytes, slowThreshold, allowInsecureHttp,
                maxRedirects, userAgent, value);
    }

    /**
     * Whether a redirect may lead to {@code host} by the host rules: it is one of {@link #redirectHosts()} or
     * under one of its {@code *.} domains.
     *
     * @param host the target host
     * @return true if listed
     */
    public boolean redirectHostAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String rule : redirectHosts) {
            if (rule.startsWith("*.") ? h.endsWith(rule.substring(1)) : h.equals(rule)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new HTTP client fit for the probes: this configuration's connect timeout, redirects left to the probes.
     * A client of your own works too if it does not follow redirects; its own connect timeout then applies, and
     * the total {@link #timeout()} bounds every observation either way.
     *
     * <pre>{@code
     * HttpProbeConfig cfg = HttpProbeConfig.defaults();
     * StatusProbe p = new EndpointProbe(EndpointProbe.DEFAULT_URI, cfg.newHttpClient(), cfg, Clock.systemUTC());
     * }</pre>
     *
     * @return a client that never follows redirects by itself
     */
    public HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
