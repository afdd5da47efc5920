package io.github.caistatus.examples.cli;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.StatusSnapshot;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
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
        CharacterAiStatus.Builder builder = CharacterAiStatus.builder()
                .endpoint(endpoint)
                .statusPage(statusPage)
                .timeout(timeout)
                .thresholds(1, 1) // one check: report what is seen now
                .background(false)
                .noPassiveProbe() // this command makes no chat calls: its breaker would have nothing to say
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

    private void requireHttp(URI uri, String option) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': '" + uri + "' is not an http(s) URL");
        }
    }
}
