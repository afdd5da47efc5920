package io.github.caistatus.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cai-status} command line: {@code java -jar examples/target/cai-status.jar <command>}.
 */
@Command(name = "cai-status",
        mixinStandardHelpOptions = true,
        versionProvider = CaiStatusCli.Version.class,
        description = "Is Character.AI usable right now, and how has it fared?",
        subcommands = {CommandLine.HelpCommand.class, StatusCommand.class, DemoCommand.class,
                ChatCommand.class, WebCommand.class})
public final class CaiStatusCli {

    private CaiStatusCli() {
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
        // usage errors are one line too, with exit code 3 ("unknown"): 1 and 2 mean degraded and down for `status`
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(ex.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + ex.getMessage() + " (see --help)");
            return 3;
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
