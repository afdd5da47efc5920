package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top of the command line: what a user sees before choosing a command. */
class CaiStatusCliTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CaiStatusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(CaiStatusCli.commandLine().getSubcommands().keySet())
                .containsExactlyInAnyOrder("help", "history", "status", "demo", "chat", "web")
                .allSatisfy(name -> assertThat(r.out()).containsPattern("(?m)^  " + name + " "));
    }

    @Test
    void noCommandPrintsTheUsageWithEveryCommandOnStderrAndExitCode2() {
        Run r = run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(CaiStatusCli.commandLine().getSubcommands().keySet())
                .allSatisfy(name -> assertThat(r.err()).containsPattern("(?m)^  " + name + " "));
    }
}
