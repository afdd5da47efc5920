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
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Probe "official": the official Statuspage v2 summary; a dead or inactive page gives no opinion.
 *
 * <p>A readable summary gives the worst of its indicator ({@code none, minor, major, critical, maintenance} →
 * OPERATIONAL, DEGRADED, PARTIAL_OUTAGE, MAJOR_OUTAGE, MAINTENANCE), its components, the impact of its unresolved
 * incidents, and MAINTENANCE while a scheduled maintenance is in progress or verifying; cause
 * {@code OFFICIAL_INCIDENT}, {@code MAINTENANCE} or {@code NONE}. What the page said is attached as
 * {@link Signal#official()}. Anything else is {@code UNKNOWN}: HTTP 401 ("page inactive") and other 4xx/5xx are
 * {@code SOURCE_UNAVAILABLE}, and so is a redirect to the provider's {@code /page-deleted} page (the page was
 * deleted); HTML, malformed JSON, JSON followed by more data or an oversized body {@code INVALID_RESPONSE}, no
 * answer {@code NETWORK}. A malformed entry in a readable page is skipped, the rest kept; which components
 * carry chat decides the scope of a component's trouble (see {@link #DEFAULT_CHAT_COMPONENTS}). The probe keeps asking, so a reactivated page is believed again at its next answer. Never
 * throws; every observation is bounded by {@link HttpProbeConfig#timeout()}, redirects and body included.
 *
 * <pre>{@code
 * StatusProbe official = new OfficialPageProbe(OfficialPageProbe.DEFAULT_URI, cfg.newHttpClient(), cfg, clock);
 * official.probe().official().ifPresent(page -> System.out.println(page.description()));
 * }</pre>
 */
public final class OfficialPageProbe extends HttpProbe {

    /** The probe's name in signals and summaries. */
    public static final String NAME = "official";
    /** The default address probed. */
    public static final URI DEFAULT_URI = URI.create("https://status.character.ai/api/v2/summary.json");

    /**
     * The components that carry chat by default, matched case-insensitively against a component's name or its
     * group's name: {@code Chat}, {@code API}, {@code Character.AI}. Trouble of any other component (a region,
     * image generation, the website's extras) belongs to that component: at most a partial outage of the
     * service, never a maintenance or a major outage of it.
     */
    public static final Set<String> DEFAULT_CHAT_COMPONENTS = Set.of("Chat", "API", "Character.AI");

    private final Set<String> chatComponents;

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
    public OfficialPageProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock) {
        this(uri, client, config, clock, DEFAULT_CHAT_COMPONENTS);
    }

    /**
     * Creates the probe with the components that carry chat on this page.
     *
     * <pre>{@code
     * new OfficialPageProbe(uri, cfg.newHttpClient(), cfg, clock, Set.of("Chat", "Voice"));
     * }</pre>
     *
     * @param uri            the address to probe
     * @param client         the HTTP client to use; it must not follow redirects itself
     * @param config         timeouts, body cap and transport rules
     * @param clock          the time source for observation timestamps
     * @param chatComponents names of the components (or groups) that carry chat, any case; not empty
     * @throws IllegalArgumentException as {@link #OfficialPageProbe(URI, HttpClient, HttpProbeConfig, Clock)}, or
     *                                  if {@code chatComponents} is empty or has a blank name
     */
    public OfficialPageProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock,
                             Set<String> chatComponents) {
        this(uri, client, config, clock, System::nanoTime, HostResolver.SYSTEM, chatComponents);
    }

    /** For tests: an injected monotonic time source and resolver. */
    OfficialPageProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock, LongSupplier nanoTime,
                      HostResolver resolver) {
        this(uri, client, config, clock, nanoTime, resolver, DEFAULT_CHAT_COMPONENTS);
    }

    private OfficialPageProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock, LongSupplier nanoTime,
                              HostResolver resolver, Set<String> chatComponents) {
        this(uri, client, config, clock, nanoTime, resolver, new Rules(lowerCase(chatComponents)));
    }

    private OfficialPageProbe(URI uri, HttpClient client, HttpProbeConfig config, Clock clock, LongSupplier nanoTime,
                              HostResolver resolver, Rules rules) {
        super(NAME, uri, client, config, clock, nanoTime, resolver, "application/json", true, true, rules);
        this.chatComponents = rules.chatComponents;
    }

    private static Set<String> lowerCase(Set<String> names) {
        Objects.requireNonNull(names, "chatComponents");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("chatComponents must name at least one component");
        }
        Set<String> out = new HashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("chatComponents has a blank name: " + names);
            }
            out.add(n.trim().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /**
     * The names of the components that carry chat, lower case.
     *
     * @return the names, never empty
     */
    public Set<String> chatComponents() {
        return chatComponents;
    }

    @Override
    public String toString() {
        return "OfficialPageProbe[" + uri() + "]";
    }

    private static final class Rules implements ProbeRunner.Classifier {

        private final Set<String> chatComponents;

        Rules(Set<String> chatComponents) {
            this.chatComponents = chatComponents;
        }

        @Override
        public Signal answer(FetchResult.Answer a, Duration latency, Instant at) {
            int status = a.status();
            if (isDeletedPage(a)) {
                // Statuspage sends a deleted page's addresses to its own "page deleted" page (200 HTML): the
                // source is gone, which says nothing about Character.AI; asked again, a page that returns is read
                return unknown(Cause.SOURCE_UNAVAILABLE, latency, at, "status page deleted: redirected to "
                        + PageText.clean(a.uri().getHost()) + "/page-deleted (HTTP " + status + ")");
            }
            if (status == 401) {
                return unknown(Cause.SOURCE_UNAVAILABLE, latency, at, "status page inactive (HTTP 401)");
            }
            if (status / 100 != 2) {
                return unknown(Cause.SOURCE_UNAVAILABLE, latency, at,
                        "status page unavailable (HTTP " + status + ")");
            }
            String text = a.text().trim();
            String bare = text.startsWith("\uFEFF") ? text.substring(1).trim() : text;
            if (!bare.startsWith("{")) {
                String what = bare.startsWith("<") || a.mediaType().contains("html") ? "HTML"
                        : bare.isEmpty() ? "an empty body" : "something else";
                return unknown(Cause.INVALID_RESPONSE, latency, at,
                        "status page answered " + what + " where JSON was expected (HTTP " + status + ")");
            }
            JSONObject root;
            try {
                root = PageText.oneObject(text);
            } catch (JSONException e) {
                boolean trailing = String.valueOf(e.getMessage()).startsWith("more after");
                return unknown(Cause.INVALID_RESPONSE, latency, at, trailing
                        ? "status page answered JSON followed by more data (not one document)"
                        : "status page answered malformed JSON");
            }
            Optional<StatuspageSummary.Reading> reading = StatuspageSummary.read(root, at, chatComponents);
            if (reading.isEmpty()) {
                return unknown(Cause.INVALID_RESPONSE, latency, at,
                        "status page answered JSON that is not a Statuspage summary (no status.indicator)");
            }
            StatuspageSummary.Reading r = reading.get();
            return Signal.of(NAME, r.health(), r.cause(), latency, at, r.detail()).withOfficial(r.status());
        }

        /** The provider's "page deleted" page, reached by the redirect a deleted page's addresses give. */
        private static boolean isDeletedPage(FetchResult.Answer a) {
            String path = a.uri().getPath() == null ? "" : a.uri().getPath().toLowerCase(Locale.ROOT);
            return path.equals("/page-deleted") || path.endsWith("/page-deleted")
                    || path.endsWith("/page-deleted/");
        }

        @Override
        public Signal failure(FetchResult.Failure f, Duration latency, Instant at) {
            if (f.kind().isNetwork()) {
                return unknown(Cause.NETWORK, latency, at, "status page unreachable: " + f.detail());
            }
            if (f.kind() == FetchResult.Kind.INTERNAL) {
                return unknown(Cause.OTHER, latency, at, f.detail());
            }
            return unknown(Cause.INVALID_RESPONSE, latency, at, "status page: " + f.detail());
        }

        private static Signal unknown(Cause cause, Duration latency, Instant at, String detail) {
            return Signal.of(NAME, Health.UNKNOWN, cause, latency, at, detail);
        }
    }
}
