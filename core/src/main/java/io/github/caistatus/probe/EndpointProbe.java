package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.caistatus.internal.http.Durations;
import io.github.caistatus.internal.http.FetchResult;
import io.github.caistatus.internal.http.HostResolver;
import io.github.caistatus.internal.http.HttpProbeConfig;
import io.github.caistatus.internal.http.ProbeRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Probe "endpoint": the chat backend's own health route, classified by status, body and latency.
 *
 * <table>
 * <caption>Classification</caption>
 * <tr><th>answer</th><th>health / cause</th></tr>
 * <tr><td>2xx with one JSON object reporting nothing down; 204</td><td>OPERATIONAL / NONE</td></tr>
 * <tr><td>2xx whose JSON says {@code "status":"DOWN"} (Spring style) at its top</td><td>MAJOR_OUTAGE / SERVER_ERROR</td></tr>
 * <tr><td>2xx whose JSON has another field {@code DOWN} or {@code OUT_OF_SERVICE}, e.g.
 *     {@code {"redis":"DOWN"}}: a dependency is down</td><td>PARTIAL_OUTAGE / APPLICATION_ERROR</td></tr>
 * <tr><td>2xx that is not one JSON object (a captive portal's login page, a CDN or proxy page, an empty
 *     body, trailing garbage): no evidence either way</td><td>UNKNOWN / INVALID_RESPONSE</td></tr>
 * <tr><td>2xx slower than {@link HttpProbeConfig#slowThreshold()}</td><td>DEGRADED / SLOW</td></tr>
 * <tr><td>Cloudflare Waiting Room page (200, 202, 429)</td><td>DEGRADED / OVERLOADED</td></tr>
 * <tr><td>429 (with its {@code Retry-After})</td><td>DEGRADED / OVERLOADED</td></tr>
 * <tr><td>2xx carrying {@code "command":"neo_error"}</td><td>PARTIAL_OUTAGE / APPLICATION_ERROR</td></tr>
 * <tr><td>5xx; Cloudflare 520-526</td><td>MAJOR_OUTAGE / SERVER_ERROR</td></tr>
 * <tr><td>challenge page, {@code cf-mitigated: challenge}, 403, error 1020</td><td>UNKNOWN / BLOCKED</td></tr>
 * <tr><td>other 4xx, 1xx, unfollowed 3xx</td><td>UNKNOWN / OTHER</td></tr>
 * <tr><td>timeout, refused, reset, DNS, TLS, empty or malformed answer</td><td>MAJOR_OUTAGE / NETWORK</td></tr>
 * <tr><td>body over the cap, refused redirect or scheme</td><td>UNKNOWN / INVALID_RESPONSE</td></tr>
 * </table>
 *
 * <p>A network failure is reported as {@code MAJOR_OUTAGE / NETWORK}; the verdict turns it into
 * {@code UNKNOWN / LOCAL_NETWORK} when the {@link ControlProbe} fails too. Never throws; every observation is
 * bounded by {@link HttpProbeConfig#timeout()}, redirects and body included.
 *
 * <pre>{@code
 * HttpProbeConfig cfg = HttpProbeConfig.defaults();
 * StatusProbe endpoint = new EndpointProbe(EndpointProbe.DEFAULT_URI, cfg.newHttpClient(), cfg, Clock.systemUTC());
 * Signal s = endpoint.probe();   // e.g. OPERATIONAL / NONE "HTTP 200 in 84 ms"
 * }</pre>
 */
public final class EndpointProbe extends HttpProbe {

    /** The probe's name in signals and summaries. */
    public static final String NAME = "endpoint";
    /** The default address probed. */
    public static final URI DEFAULT_URI = URI.create("https://neo.character.ai/health");

    /** Only the start of a body is searched for page markers: pages put their title and error code early. */
    private static final int SCAN_CHARS = 64 * 1024;

    private final HttpClient client;
    private final HttpProbeConfig config;
    private final Clock clock;

    /**
     * Creates the probe.
     *
     * @param uri    the address to probe
     * @param client the HTTP client to use; it must not follow redirects itself (the probe follows them under its
     *               own rules), e.g. {@link HttpProbeConfig#newHttpClient()}
     * @param config timeouts, body cap and transport rules
     * @param clock  the time source for observation timestamps
     * @throws IllegalArgumentException if the address is plain HTTP to a non-loopback host without
     *                                  {@link HttpProbeConfig#allowInsecureHttp()}, or the client follows redirects
     */
    public EndpointProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock) {
        this(uri, client, config, clock, System::nanoTime, HostResolver.SYSTEM);
    }

    /** For tests: an injected monotonic time source and resolver. */
    EndpointProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock, LongSupplier nanoTime,
                  HostResolver resolver) {
        super(NAME, uri, client, config, clock, nanoTime, resolver, "application/json, */*;q=0.5", true, true,
                new Rules(Objects.requireNonNull(config, "config").slowThreshold()));
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String toString() {
        return "EndpointProbe[" + uri() + ", timeout " + Durations.human(config.timeout()) + ", clock " + clock
                + ", client " + client.getClass().getSimpleName() + "]";
    }

    /** The classification table above. */
    private static final class Rules implements ProbeRunner.Classifier {

        private final Duration slowThreshold;

        Rules(Duration slowThreshold) {
            this.slowThreshold = slowThreshold;
        }

        @Override
        public Signal answer(FetchResult.Answer a, Duration latency, Instant at) {
            int status = a.status();
            String head = a.text();
            head = head.length() > SCAN_CHARS ? head.substring(0, SCAN_CHARS) : head;
            String title = CloudflarePages.title(head).toLowerCase(Locale.ROOT);
            String http = "HTTP " + status;

            if ((status == 200 || status == 202 || status == 429) && CloudflarePages.isWaitingRoom(title)) {
                return signal(Health.DEGRADED, Cause.OVERLOADED, latency, at,
                        "Cloudflare waiting room (" + http + "): too many users, queued");
            }
            if (CloudflarePages.isChallenge(a, title)) {
                return signal(Health.UNKNOWN, Cause.BLOCKED, latency, at, "Cloudflare challenge page (" + http
                        + "): this client is being checked for bots, not an outage");
            }
            if (CloudflarePages.isError1020(head)) {
                return signal(Health.UNKNOWN, Cause.BLOCKED, latency, at, "Cloudflare error 1020, access denied ("
                        + http + "): this client is blocked, not an outage");
            }
            if (status == 403) {
                return signal(Health.UNKNOWN, Cause.BLOCKED, latency, at,
                        http + " forbidden: this client is refused, not an outage");
            }
            if (status == 429) {
                return signal(Health.DEGRADED, Cause.OVERLOADED, latency, at, http + " too many requests");
            }
            if (status / 100 == 2) {
                if (isNeoError(head)) {
                    // the whole stack answered, so the service is up, but its application layer reports an error:
                    // some calls fail, not all (a dead backend gives 5xx or no answer at all)
                    return signal(Health.PARTIAL_OUTAGE, Cause.APPLICATION_ERROR, latency, at,
                            http + " carrying an application error (neo_error)");
                }
                if (status != 204) {
                    // only the route's own JSON is evidence of health: a captive portal or a CDN answers 200 too
                    JSONObject json;
                    try {
                        json = PageText.oneObject(a.text());
                    } catch (JSONException e) {
                        return signal(Health.UNKNOWN, Cause.INVALID_RESPONSE, latency, at, http + " with "
                                + notJson(a, head, title) + " where the health route's JSON was expected: no "
                                + "evidence either way (a captive portal, proxy or CDN page?)");
                    }
                    Signal down = reportedDown(json, http, latency, at);
                    if (down != null) {
                        return down;
                    }
                }
                String timing = http + " in " + latency.toMillis() + " ms";
                if (latency.compareTo(slowThreshold) > 0) {
                    return signal(Health.DEGRADED, Cause.SLOW, latency, at,
                            timing + ", slower than " + Durations.human(slowThreshold));
                }
                return signal(Health.OPERATIONAL, Cause.NONE, latency, at, timing);
            }
            if (status >= 520 && status <= 526) {
                return signal(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, latency, at,
                        "Cloudflare " + status + ": " + CloudflarePages.originError(status) + " (" + http + ")");
            }
            if (status / 100 == 5) {
                return signal(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, latency, at, http + serverReason(status));
            }
            if (status / 100 == 4) {
                return signal(Health.UNKNOWN, Cause.OTHER, latency, at,
                        http + " from the health route: check the probe's address");
            }
            return signal(Health.UNKNOWN, Cause.INVALID_RESPONSE, latency, at, "unexpected " + http);
        }

        @Override
        public Signal failure(FetchResult.Failure f, Duration latency, Instant at) {
            if (f.kind().isNetwork()) {
                return signal(Health.MAJOR_OUTAGE, Cause.NETWORK, latency, at, f.detail());
            }
            if (f.kind() == FetchResult.Kind.INTERNAL) {
                return signal(Health.UNKNOWN, Cause.OTHER, latency, at, f.detail());
            }
            return signal(Health.UNKNOWN, Cause.INVALID_RESPONSE, latency, at, f.detail());
        }

        private static Signal signal(Health h, Cause c, Duration latency, Instant at, String detail) {
            return Signal.of(NAME, h, c, latency, at, detail);
        }

        private static boolean isNeoError(String body) {
            String t = body.trim();
            if (!t.startsWith("{") || !t.contains("neo_error")) {
                return false;
            }
            try {
                return "neo_error".equals(new JSONObject(t).optString("command", null));
            } catch (JSONException e) {
                return false;
            }
        }

        /** What a 2xx that is not one JSON object looks like, for the detail. */
        private static String notJson(FetchResult.Answer a, String head, String lowerTitle) {
            String t = head.trim();
            if (t.isEmpty()) {
                return "an empty body";
            }
            if (t.startsWith("<") || a.mediaType().contains("html")) {
                String title = PageText.clean(CloudflarePages.title(head));
                title = title.length() > 60 ? title.substring(0, 57) + "..." : title;
                return lowerTitle.isEmpty() ? "an HTML page" : "an HTML page titled \"" + title + "\"";
            }
            return t.startsWith("{") || t.startsWith("\uFEFF") ? "malformed JSON" : "a body that is not JSON";
        }

        /**
         * A health document reporting something {@code DOWN} (or Spring's {@code OUT_OF_SERVICE}): the service
         * itself ({@code "status":"DOWN"} at the top) is a major outage; a dependency
         * ({@code {"redis":"DOWN"}}) a partial one. Null when nothing is down.
         */
        private static Signal reportedDown(JSONObject json, String http, Duration latency, Instant at) {
            Object top = json.opt("status");
            if (top instanceof String && isDown((String) top)) {
                return signal(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, latency, at,
                        http + " but the health route reports status " + PageText.clean((String) top));
            }
            List<String> down = new ArrayList<>();
            collectDown(json, "", down, 0);
            if (down.isEmpty()) {
                return null;
            }
            String names = String.join(", ", down.subList(0, Math.min(3, down.size())))
                    + (down.size() > 3 ? " and " + (down.size() - 3) + " more" : "");
            return signal(Health.PARTIAL_OUTAGE, Cause.APPLICATION_ERROR, latency, at,
                    http + " but the health route reports " + names + " DOWN");
        }

        private static void collectDown(Object node, String path, List<String> out, int depth) {
            if (depth > 8 || out.size() > 16) {
                return;
            }
            if (node instanceof JSONObject) {
                JSONObject o = (JSONObject) node;
                for (String key : o.keySet()) {
                    Object v = o.opt(key);
                    String here = "status".equals(key) && !path.isEmpty() ? path
                            : path.isEmpty() ? PageText.clean(key) : path + "." + PageText.clean(key);
                    if (v instanceof String && isDown((String) v)) {
                        out.add(here.isEmpty() ? "status" : here);
                    } else {
                        collectDown(v, here, out, depth + 1);
                    }
                }
            } else if (node instanceof JSONArray) {
                JSONArray arr = (JSONArray) node;
                for (int i = 0; i < arr.length() && i < 64; i++) {
                    collectDown(arr.opt(i), path, out, depth + 1);
                }
            }
        }

        private static boolean isDown(String value) {
            String v = value.trim();
            return v.equalsIgnoreCase("DOWN") || v.equalsIgnoreCase("OUT_OF_SERVICE");
        }

        private static String serverReason(int status) {
            switch (status) {
                case 500: return " internal server error";
                case 502: return " bad gateway";
                case 503: return " service unavailable";
                case 504: return " gateway timeout";
                default: return " server error";
            }
        }
    }
}
