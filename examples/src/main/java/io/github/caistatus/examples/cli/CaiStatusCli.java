package io.github.caistatus.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cai-status} command line: {@code java -jar examples/target/cai-status.jar <command>}.
 */
@Command(name = "cai-status",
        mixinStandardHelpOptions = true,
        versionProvider = CaiStatusCli.Version.class,
        description = "Is Character.AI usable right now, and how has it fared?",
        subcommands = {CommandLine.HelpCommand.class, HistoryCommand.class, StatusCommand.class,
                DemoCommand.class, ChatCommand.class, WebCommand.class})
public final class CaiStatusCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private CaiStatusCli() {
    }

    /**
     * Without a command: the usage, with every command, on stderr, and exit code 2 (a usage error).
     *
     * @return 2
     */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getErr());
        cl.getErr().flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Runs the command line and exits with the command's exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, for tests and embedding: errors are one line on stderr, never a stack trace.
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CaiStatusCli());
        // bad input: one clear line and exit code 2, not a page of usage
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see --help)");
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("cai-status: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 3;
        });
        return cl;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CaiStatusCli.class.getPackage().getImplementationVersion();
            return new String[] {"cai-status " + (v == null ? "development build" : v)};
        }
    }
}
