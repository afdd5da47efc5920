package io.github.caistatus.examples.cli;

import java.lang.management.ManagementFactory;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
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

    /** When this process was launched; set by {@link #main}, else null. */
    private static volatile Instant launchedAt;
    /** Counted down when the start-up warm-up is done; null unless {@link #main} started one. */
    private static volatile CountDownLatch warmedUp;

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
     * When the running process was launched, if the command line was started by {@link #main}.
     *
     * @return the launch instant, or null when the commands run inside another program
     */
    static Instant launchedAt() {
        return launchedAt;
    }

    /**
     * Waits, at most {@code max}, for the start-up warm-up {@link #main} began (the JVM's start time, TLS); returns
     * at once when there is none.
     *
     * @param max the longest wait
     */
    static void awaitWarmUp(Duration max) {
        CountDownLatch latch = warmedUp;
        if (latch == null) {
            return;
        }
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the command line and exits with the command's exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        launchedAt = Instant.now(); // until the JVM says when it started, a little later (see warmUp)
        warmedUp = new CountDownLatch(1);
        // the HTTP client's TLS set-up is the slowest step of start-up: done here while the command line is parsed
        // and the probes are prepared, it is ready when the first probe needs it
        Thread warm = new Thread(CaiStatusCli::warmUp, "cai-status-warmup");
        warm.setDaemon(true);
        warm.start();
        System.exit(commandLine().execute(args));
    }

    private static void warmUp() {
        try {
            // the JVM's own start, to the millisecond (the operating system's process start is only to the second)
            launchedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        } catch (RuntimeException | LinkageError e) {
            // the start of main stands in
        }
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // the client reports it when it needs TLS; a warm-up has nothing to say
        } finally {
            warmedUp.countDown();
        }
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
