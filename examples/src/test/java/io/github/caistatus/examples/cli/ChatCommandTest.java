package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code chat} command, driven through a scripted stdin against the offline simulator. */
class ChatCommandTest {

    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    private static String chat(String script, String... args) {
        System.setIn(new ByteArrayInputStream(script.getBytes(Charset.defaultCharset())));
        StringWriter out = new StringWriter();
        CommandLine cl = CaiStatusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        String[] all = new String[args.length + 1];
        all[0] = "chat";
        System.arraycopy(args, 0, all, 1, args.length);
        assertThat(cl.execute(all)).isZero();
        return out.toString();
    }

    @Test
    void answersFromCharacterAiThenFromTheBackupOnceItFailsAndStopsAtQuit() {
        String out = chat("hello\n/mode ERROR_500\nstill there?\n/quit\nnever read\n");

        assertThat(out).contains("[primary] You said \"hello\". Tell me more!");
        assertThat(out).contains("simulator: ERROR_500");
        assertThat(out).containsPattern("\\[alternative: (CALL_FAILED|STATUS_DOWN)] Good question");
        assertThat(out).doesNotContain("never read");
    }

    @Test
    void startingInMaintenanceNeverReachesThePrimary() {
        String out = chat("hi\n", "--mode", "MAINTENANCE");

        assertThat(out).containsPattern("\\[alternative: \\w+] Hello! I'm the backup bot");
        assertThat(out).doesNotContain("[primary]");
    }

    @Test
    void endsAtEndOfInputAndExplainsUnknownCommands() {
        String out = chat("/status\n/mode SIDEWAYS\n/frobnicate\n");

        assertThat(out).containsPattern("status: [A-Z_]+ \\([A-Z_]+\\) ");
        assertThat(out).contains("no mode SIDEWAYS");
        assertThat(out).contains("unknown command /frobnicate");
    }

    @Test
    void helpListsEveryCommandAndABadModeListsTheModes() {
        String out = chat("/help\n/mode SIDEWAYS\n");

        assertThat(out).contains("/status", "/mode NAME", "/help", "/quit");
        assertThat(out).contains("no mode SIDEWAYS; the modes are UP, SLOW, WAITING_ROOM, ERROR_500, CF_524,"
                + " MAINTENANCE, REFUSED");
    }
}
