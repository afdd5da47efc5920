package io.github.caistatus.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * One bounded GET: total deadline over every hop and the body, a body cap enforced while streaming, redirects
 * followed here under the transport rules (never by the client). Internal: not part of the public API.
 */
public final class Fetcher {

    private final HttpClient client;
    private final HttpProbeConfig config;
    private final HostResolver resolver;

    /**
     * Creates a fetcher.
     *
     * @param client   the client; must not follow redirects itself
     * @param config   timeouts, cap and rules
     * @param resolver resolves redirect targets for the private-address rule
     */
    public Fetcher(HttpClient client, HttpProbeConfig config, HostResolver resolver) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Fetches {@code uri}.
     *
     * @param uri             the first address
     * @param headers         extra request headers (Accept, conditional headers)
     * @param followRedirects whether 3xx answers with a Location are followed
     * @param readBody        whether the body is read (up to the cap) or ignored
     * @return the answer or the failure; never null
     * @throws InterruptedException if the calling thread is interrupted (the exchange is cancelled first)
     */
    public FetchResult fetch(URI uri, Map<String, String> headers, boolean followRedirects, boolean readBody)
            throws InterruptedException {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        if (!Addresses.schemeAllowed(uri, config.allowInsecureHttp())) {
            return refused("refusing " + uri.getScheme() + "://" + uri.getHost()
                    + ": only HTTPS, or plain HTTP to loopback or with allowInsecureHttp");
        }
        URI current = uri;
        Set<URI> visited = new HashSet<>();
        visited.add(current.normalize());
        int hops = 0;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return timedOut();
            }
            FetchResult result = once(current, headers, followRedirects, readBody, remaining);
            if (!(result instanceof FetchResult.Answer)) {
                return result;
            }
            FetchResult.Answer answer = (FetchResult.Answer) result;
            if (!followRedirects || !isRedirect(answer.status()) || answer.header("Location").isEmpty()) {
                return answer;
            }
            hops++;
            if (hops > config.maxRedirects()) {
                return refused("too many redirects (more than " + config.maxRedirects() + ")");
            }
            URI target;
            try {
                target = current.resolve(answer.header("Location").get().trim());
            } catch (IllegalArgumentException e) {
                return refused("redirect to an unreadable Location (HTTP " + answer.status() + ")");
            }
            if (target.getHost() == null) {
                return refused("redirect to an address without a host: " + target);
            }
            if (!visited.add(target.normalize())) {
                return refused("redirect loop: " + target.getHost() + target.getRawPath() + " again after "
                        + hops + " hop(s)");
            }
            String why = redirectRefusal(uri, current, target, deadline);
            if (why != null) {
                return refused(why);
            }
            current = target;
        }
    }

    /**
     * Why a redirect from {@code from} to {@code to} is refused, or null when it may be followed. Rules, in order:
     * HTTPS only; the target's address is looked up within the probe's deadline and a target that cannot be
     * looked up (no such name, or not in time) is refused, fail closed; never from a public host to a non-public
     * address; and only to the first address's own host or a configured redirect host
     * ({@link HttpProbeConfig#redirectHosts()}), unless both ends are local. The client looks the name up again
     * when it connects: keeping redirects to chosen hosts is what closes that gap for names nobody chose.
     */
    private String redirectRefusal(URI first, URI from, URI to, long deadline) throws InterruptedException {
        String toScheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        boolean downgrade = "https".equalsIgnoreCase(from.getScheme()) && toScheme.equals("http");
        if (!Addresses.schemeAllowed(to, config.allowInsecureHttp())
                || (downgrade && !config.allowInsecureHttp())) {
            return "redirect to plain " + toScheme + "://" + to.getHost() + " refused: HTTPS only";
        }
        String host = to.getHost();
        InetAddress[] target = null;
        if (!Addresses.isLoopbackHost(to) && Addresses.literal(host).isEmpty()) {
            try {
                target = BoundedLookup.resolve(resolver, host, deadline);
            } catch (TimeoutException e) {
                return "redirect to " + host + " refused: its address could not be checked within "
                        + Durations.human(config.timeout());
            } catch (UnknownHostException e) {
                return "redirect to " + host + " refused: its address could not be looked up";
            }
        }
        InetAddress[] known = target;
        HostResolver bounded = BoundedLookup.within(resolver, deadline);
        HostResolver lookups = h -> known != null && h.equals(host) ? known : bounded.resolve(h);
        boolean toLocal = Addresses.isNonPublicHost(to, lookups);
        boolean fromLocal = Addresses.isNonPublicHost(from, lookups);
        if (toLocal && !fromLocal) {
            return "redirect from public host " + from.getHost() + " to loopback/private address "
                    + to.getHost() + " refused";
        }
        boolean sameHost = first.getHost() != null && host.equalsIgnoreCase(first.getHost());
        if (!sameHost && !config.redirectHostAllowed(host) && !(toLocal && fromLocal)) {
            return "redirect from " + first.getHost() + " to another host " + host + " refused: only to the same "
                    + "host or a configured redirect host";
        }
        return null;
    }

    private FetchResult once(URI uri, Map<String, String> headers, boolean followRedirects, boolean readBody,
                             long remainingNanos) throws InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(remainingNanos))
                .header("User-Agent", config.userAgent());
        headers.forEach(rb::header);
        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            boolean skip = !readBody || (followRedirects && isRedirect(info.statusCode()));
            CappedBodySubscriber s = new CappedBodySubscriber(config.maxBodyBytes(), !skip);
            body.set(s);
            return s;
        };
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client.sendAsync(rb.build(), handler);
        } catch (RuntimeException e) {
            return internal(e);
        }
        try {
            HttpResponse<byte[]> r = future.get(remainingNanos, TimeUnit.NANOSECONDS);
            return new FetchResult.Answer(r.statusCode(), r.headers(), r.body(), uri);
        } catch (TimeoutException e) {
            cancel(future, body);
            return timedOut();
        } catch (InterruptedException e) {
            cancel(future, body);
            throw e;
        } catch (ExecutionException e) {
            cancel(future, body);
            CappedBodySubscriber s = body.get();
            if (s != null && s.overflowed()) {
                return new FetchResult.Failure(FetchResult.Kind.TOO_LARGE,
                        new BodyTooLargeException(config.maxBodyBytes()).getMessage());
            }
            return classify(e.getCause() == null ? e : e.getCause(), uri);
        } catch (RuntimeException e) {
            cancel(future, body);
            return internal(e);
        }
    }

    private static void cancel(CompletableFuture<?> future, AtomicReference<CappedBodySubscriber> body) {
        // cancelling the exchange's future aborts it (JDK 16+); aborting the body too closes a dribbling stream now
        future.cancel(true);
        CappedBodySubscriber s = body.get();
        if (s != null) {
            s.abort(new IOException("cancelled"));
        }
    }

    private FetchResult timedOut() {
        return new FetchResult.Failure(FetchResult.Kind.TIMEOUT, "timed out after " + Durations.human(config.timeout()));
    }

    private static FetchResult refused(String detail) {
        return new FetchResult.Failure(FetchResult.Kind.REFUSED_BY_RULES, detail);
    }

    private static FetchResult internal(Throwable e) {
        return new FetchResult.Failure(FetchResult.Kind.INTERNAL,
                "probe failed inside the HTTP client: " + e.getClass().getSimpleName() + message(e));
    }

    /** Names a transport failure from the whole cause chain: the JDK wraps the telling cause in generic ones. */
    private FetchResult classify(Throwable t, URI uri) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BodyTooLargeException) {
                return new FetchResult.Failure(FetchResult.Kind.TOO_LARGE, c.getMessage());
            }
            if (c instanceof HttpConnectTimeoutException) {
                return new FetchResult.Failure(FetchResult.Kind.TIMEOUT,
                        "connect timed out after " + Durations.human(config.connectTimeout()));
            }
            if (c instanceof HttpTimeoutException) {
                return timedOut();
            }
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return new FetchResult.Failure(FetchResult.Kind.DNS, "DNS: no such host " + uri.getHost());
            }
            if (c instanceof SSLException) {
                return new FetchResult.Failure(FetchResult.Kind.TLS, "TLS handshake failed" + message(c));
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException) {
                return new FetchResult.Failure(FetchResult.Kind.REFUSED, "connection refused by " + hostPort(uri));
            }
        }
        String all = allMessages(t).toLowerCase(Locale.ROOT);
        if (all.contains("reset")) {
            return new FetchResult.Failure(FetchResult.Kind.TRANSPORT, "connection reset");
        }
        // a peer that hangs up as we write our request shows as a broken pipe: the same early close, seen sooner
        if (all.contains("no bytes") || all.contains("eof") || all.contains("closed") || all.contains("broken pipe")) {
            return new FetchResult.Failure(FetchResult.Kind.TRANSPORT, "connection closed before a complete answer");
        }
        if (t instanceof IOException || t.getCause() instanceof IOException) {
            return new FetchResult.Failure(FetchResult.Kind.TRANSPORT, "malformed answer" + message(t));
        }
        return internal(t);
    }

    private static String hostPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getClass().getSimpleName()).append(' ').append(c.getMessage()).append(' ');
        }
        return sb.toString();
    }

    /** A short message suffix (": ..."), one line, at most 120 characters: details stay one short line. */
    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return "";
        }
        m = m.replaceAll("\\s+", " ").trim();
        return ": " + (m.length() > 120 ? m.substring(0, 117) + "..." : m);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
