package io.github.caistatus.examples.cli;

import io.github.caistatus.examples.demo.Demo;
import io.github.caistatus.examples.demo.DemoReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: a simulated day of Character.AI outages, compressed into seconds, while a host app keeps
 * chatting through the guard. Offline; exit code 0 when every message was answered, 1 otherwise.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a simulated day of Character.AI (up, waiting room, 500s, announced maintenance, recovery) in about"
                    + " 15 seconds, on loopback only, while a host app sends a message every 75 ms through the"
                    + " guard with two fallbacks; prints who answered each message, and a summary.",
            "Exit code: 0 when every message was answered, 1 otherwise."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print only the summary, as one JSON object.")
    boolean json;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Length of each of the day's five parts, 1s to 5s (default: ${DEFAULT-VALUE}).",
            defaultValue = "3s")
    Duration step;

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Pause between two messages, 10ms to 1s (default: ${DEFAULT-VALUE}).",
            defaultValue = "75ms")
    Duration every;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DemoReport report = Demo.run(new Demo.Options(step, every),
                json ? new PrintWriter(Writer.nullWriter()) : out);
        if (json) {
            out.println(report.toJson());
        }
        out.flush();
        return report.failed() == 0 ? 0 : 1;
    }
}
