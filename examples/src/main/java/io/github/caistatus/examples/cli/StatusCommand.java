package io.github.caistatus.examples.cli;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.CharacterAiStatusBuilder;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.history.InMemoryIncidentLog;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: checks Character.AI once, right now, and prints what it sees; the exit code follows the
 * monitoring-plugin convention (0 operational, 1 degraded or partial outage, 2 major outage or maintenance,
 * 3 unknown), so the command drops into Nagios-style checks and shell scripts.
 */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        // 1 and 2 mean degraded and down here: a usage error is "unknown"
        exitCodeOnInvalidInput = 3,
        description = {
            "Checks Character.AI once and prints what it sees now (no smoothing over several checks).",
            "Exit code: 0 operational, 1 degraded or partial outage, 2 major outage or maintenance, 3 unknown."})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Health route to probe (default: ${DEFAULT-VALUE}).",
            defaultValue = "https://neo.character.ai/health")
    URI endpoint;

    @Option(names = "--status-page", paramLabel = "URL",
            description = "Statuspage v2 summary.json to read (default: ${DEFAULT-VALUE}).",
            defaultValue = "https://status.character.ai/api/v2/summary.json")
    URI statusPage;

    @ArgGroup(exclusive = true)
    ControlChoice control;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for each probe, e.g. 2s, 500ms or PT2S (default: ${DEFAULT-VALUE}); "
                    + "the command answers within this plus one second.",
            defaultValue = "5s")
    Duration timeout;

    /** The command answers within its timeout plus this much of launch. */
    static final Duration PROMISED_EXTRA = Duration.ofSeconds(1);
    /** Kept back from the probes for the verdict, the print and the margins of the wait for them. */
    static final Duration PRINT_RESERVE = Duration.ofMillis(400);
    /** The shortest probe timeout the start-up can leave. */
    static final Duration MIN_PROBE_TIMEOUT = Duration.ofMillis(250);

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** Either another control host, or none. */
    static final class ControlChoice {
        @Option(names = "--control", paramLabel = "URL",
                description = "Independent host proving our own network works (default: the status page's host).")
        URI url;

        @Option(names = "--no-control", description = "Do not probe a control host.")
        boolean none;
    }

    /**
     * Checks once, prints the snapshot and returns the exit code.
     *
     * @return 0 operational, 1 degraded or partial outage, 2 major outage or maintenance, 3 unknown
     */
    @Override
    public Integer call() {
        requireHttp(endpoint, "--endpoint");
        requireHttp(statusPage, "--status-page");
        if (control != null && control.url != null) {
            requireHttp(control.url, "--control");
        }
        if (timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--timeout': at most 5 minutes");
        }
        // the TLS set-up began in main: once it is done, what is left of start-up is short and the budget exact
        CaiStatusCli.awaitWarmUp(timeout.plus(PROMISED_EXTRA));
        CharacterAiStatusBuilder builder = CharacterAiStatus.builder()
                .endpoint(endpoint)
                .statusPage(statusPage)
                .timeout(probeTimeout(timeout, sinceLaunch()))
                // one check shows no history: the bundled one is not even read
                .incidentLog(new InMemoryIncidentLog())
                .downAfter(1).upAfter(1) // one check: report what is seen now
                .background(false)
                .noOwnCallsProbe() // this command makes no chat calls: its breaker would have nothing to say
                .firstVerdictWait(Duration.ZERO);
        if (control != null && control.none) {
            builder.noControl();
        } else if (control != null && control.url != null) {
            builder.control(control.url);
        } else {
            builder.control(URI.create(statusPage.getScheme() + "://" + statusPage.getRawAuthority() + "/"));
        }
        StatusSnapshot now;
        try (CharacterAiStatus status = builder.build()) {
            now = status.refresh();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? StatusReport.json(now).toString(2) + System.lineSeparator() : StatusReport.text(now));
            out.flush();
        }
        return StatusReport.exitCode(now.health());
    }

    /**
     * The probes' timeout: the one asked for, shortened by however much of the promised extra second the
     * start-up of this process already took, so that the verdict is printed within {@code timeout + 1 s} of
     * launch. Never below {@link #MIN_PROBE_TIMEOUT}.
     */
    static Duration probeTimeout(Duration timeout, Duration sinceLaunch) {
        Duration left = timeout.plus(PROMISED_EXTRA).minus(sinceLaunch).minus(PRINT_RESERVE);
        Duration t = left.compareTo(timeout) < 0 ? left : timeout;
        return t.compareTo(MIN_PROBE_TIMEOUT) < 0 ? MIN_PROBE_TIMEOUT : t;
    }

    /**
     * How long ago this process was launched, when it was launched as the command line ({@code main}); zero
     * when the command runs inside another program (tests, embedding), whose start is none of its business.
     */
    private static Duration sinceLaunch() {
        Instant launched = CaiStatusCli.launchedAt();
        if (launched == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(launched, Instant.now());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void requireHttp(URI uri, String option) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': '" + uri + "' is not an http(s) URL");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535 || uri.getPort() < -1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': port " + uri.getPort() + " is out of range (1-65535)");
        }
        String unusable = unusableAddress(uri.getHost());
        if (unusable != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': " + uri.getHost() + " " + unusable);
        }
    }

    /** Why a literal address cannot be connected to (wildcard, multicast, broadcast, reserved), or null. */
    private static String unusableAddress(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && h.indexOf(':') < 0) {
            return null; // a name: it is looked up when probed, and a failed lookup is a network answer
        }
        if (h.matches("[0-9.]+")) {
            String[] parts = h.split("\\.", -1);
            boolean ok = parts.length == 4;
            for (String part : parts) {
                ok &= part.length() >= 1 && part.length() <= 3 && Integer.parseInt(part) <= 255;
            }
            if (!ok) {
                return "is not an IPv4 address"; // and never a name to look up
            }
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(h); // a literal: no DNS
        } catch (UnknownHostException e) {
            return "is not an IP address";
        }
        byte[] b = a.getAddress();
        if (a.isAnyLocalAddress()) {
            return "is the wildcard address, not a host to connect to";
        }
        if (a.isMulticastAddress()) {
            return "is a multicast address, not a host to connect to";
        }
        if (a instanceof Inet4Address && (b[0] & 0xff) >= 240) {
            return (b[0] & 0xff) == 255 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255
                    ? "is the broadcast address, not a host to connect to" : "is a reserved address (240.0.0.0/4)";
        }
        if (a instanceof Inet4Address && (b[0] & 0xff) == 0) {
            return "is in 0.0.0.0/8, not a host to connect to";
        }
        return null;
    }
}
