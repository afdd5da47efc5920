package io.github.caistatus.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The {@code status} command end to end, against a local server standing in for Character.AI. */
class StatusCommandTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String GREEN = """
            {"page":{"id":"p1","name":"Character.AI","url":"https://status.character.ai",
              "time_zone":"Etc/UTC","updated_at":"2026-07-01T12:00:00.000Z"},
             "components":[{"id":"c1","name":"Chat","status":"operational","created_at":"2023-01-01T00:00:00.000Z",
              "updated_at":"2026-07-01T12:00:00.000Z","position":1,"description":null,"showcase":false,
              "start_date":null,"group_id":null,"page_id":"p1","group":false,"only_show_if_degraded":false}],
             "incidents":[],"scheduled_maintenances":[],
             "status":{"indicator":"none","description":"All Systems Operational"}}
            """;

    static final String WAITING_ROOM = "<!DOCTYPE html><html><head><title>Waiting Room powered by Cloudflare"
            + "</title></head><body><h1>You are now in line.</h1><p>Thank you for your patience.</p></body></html>";

    record Run(int exitCode, String out, String err, Duration took) {
        JSONObject json() {
            return new JSONObject(out);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CaiStatusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("status"));
        all.addAll(Arrays.asList(args));
        long t0 = System.nanoTime();
        int code = cl.execute(all.toArray(new String[0]));
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - t0));
    }

    private String url(String path) {
        return server.baseUrl() + path;
    }

    private Run check(String timeout, String... more) {
        List<String> args = new ArrayList<>(List.of("--endpoint", url("/health"),
                "--status-page", url("/api/v2/summary.json"), "--control", url("/control"),
                "--timeout", timeout, "--json"));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(new String[0]));
    }

    private void officialPage(int status, String body) {
        server.stubFor(get("/api/v2/summary.json").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", status == 200 ? "application/json" : "text/html").withBody(body)));
    }

    private void controlAnswers() {
        server.stubFor(get("/control").willReturn(aResponse().withStatus(401).withBody("Your page is inactive")));
    }

    private static void answersInTime(Run r, Duration timeout) {
        assertThat(r.took()).as("answered within timeout + 1 s").isLessThan(timeout.plusSeconds(1));
    }

    @Test
    void aHealthyEndpointIsOperationalWithExitCode0() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"redis\":\"UP\"}")));
        officialPage(200, GREEN);
        controlAnswers();

        Run r = check("2s");

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(0);
        JSONObject j = r.json();
        assertThat(j.getString("health")).isEqualTo("OPERATIONAL");
        assertThat(j.getDouble("confidence")).isEqualTo(1.0);
        assertThat(j.getJSONArray("signals").length()).isEqualTo(3);
        assertThat(j.getJSONArray("components").getJSONObject(0).getString("name")).isEqualTo("Chat");
        assertThat(j.isNull("nextMaintenance")).isTrue();
        answersInTime(r, Duration.ofSeconds(2));
    }

    @Test
    void anEndpointAnswering503IsAMajorOutageEvenWhenTheOfficialPageIsGreen() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        officialPage(200, GREEN);
        controlAnswers();

        Run r = check("2s");

        assertThat(r.exitCode()).isEqualTo(2);
        JSONObject j = r.json();
        assertThat(j.getString("health")).isEqualTo("MAJOR_OUTAGE");
        assertThat(j.getString("cause")).isEqualTo("SERVER_ERROR");
        assertThat(j.getString("summary")).contains("official page operational").contains("503");
        answersInTime(r, Duration.ofSeconds(2));
    }

    @Test
    void aWaitingRoomIsDegradedWithExitCode1() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8").withBody(WAITING_ROOM)));
        officialPage(200, GREEN);
        controlAnswers();

        Run r = check("2s");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().getString("health")).isEqualTo("DEGRADED");
        assertThat(r.json().getString("cause")).isEqualTo("OVERLOADED");
        answersInTime(r, Duration.ofSeconds(2));
    }

    @Test
    void anInactiveOfficialPageIsSilentAndTheEndpointDecides() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}")));
        officialPage(401, "Your page is inactive");
        controlAnswers();

        Run r = check("2s");

        assertThat(r.exitCode()).isEqualTo(0);
        JSONObject j = r.json();
        assertThat(j.getString("health")).isEqualTo("OPERATIONAL");
        assertThat(j.getString("summary")).contains("official page silent");
        JSONObject official = signal(j, "official");
        assertThat(official.getString("health")).isEqualTo("UNKNOWN");
        assertThat(j.getDouble("confidence")).isLessThan(1.0);
    }

    @Test
    void anInactiveOfficialPageAndA503IsAnOfficialSilentOutage() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(503)));
        officialPage(401, "Your page is inactive");
        controlAnswers();

        Run r = check("2s");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.json().getString("summary")).contains("official page silent").contains("503");
    }

    @Test
    void aRefusedEndpointWhileTheControlHostAnswersIsAnOutage() throws IOException {
        officialPage(401, "Your page is inactive");
        controlAnswers();

        Run r = run("--endpoint", "http://127.0.0.1:" + freePort() + "/health",
                "--status-page", url("/api/v2/summary.json"), "--control", url("/control"),
                "--timeout", "2s", "--json");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.json().getString("health")).isEqualTo("MAJOR_OUTAGE");
        assertThat(r.json().getString("cause")).isEqualTo("NETWORK");
        answersInTime(r, Duration.ofSeconds(2));
    }

    @Test
    void everythingRefusedIsOurOwnNetworkAndUnknownWithExitCode3() throws IOException {
        String dead = "http://127.0.0.1:" + freePort();

        Run r = run("--endpoint", dead + "/health", "--status-page", dead + "/api/v2/summary.json",
                "--control", dead + "/", "--timeout", "2s", "--json");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.json().getString("health")).isEqualTo("UNKNOWN");
        assertThat(r.json().getString("cause")).isEqualTo("LOCAL_NETWORK");
        answersInTime(r, Duration.ofSeconds(2));
    }

    @Test
    void aHangingEndpointIsAnsweredWithinTheTimeoutPlusOneSecond() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        officialPage(200, GREEN);
        controlAnswers();

        Run r = check("1s");

        answersInTime(r, Duration.ofSeconds(1));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(signal(r.json(), "endpoint").getString("cause")).isEqualTo("NETWORK");
    }

    @Test
    void itChecksOnceWithOneRequestPerProbe() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("{\"redis\":\"UP\"}")));
        officialPage(200, GREEN);
        controlAnswers();

        check("2s");

        server.verify(1, getRequestedFor(urlEqualTo("/health")));
        server.verify(1, getRequestedFor(urlEqualTo("/api/v2/summary.json")));
        server.verify(1, getRequestedFor(urlEqualTo("/control")));
    }

    @Test
    void theTextReportNamesTheHealthAndEverySignal() {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(503)));
        officialPage(200, GREEN);
        controlAnswers();

        Run r = run("--endpoint", url("/health"), "--status-page", url("/api/v2/summary.json"),
                "--no-control", "--timeout", "PT2S");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith("Character.AI: MAJOR OUTAGE (server error)")
                .contains("endpoint").contains("official").doesNotContain("control ");
        server.verify(0, getRequestedFor(urlEqualTo("/control")));
    }

    @Test
    void aBadTimeoutIsOneLineOnStderrAndExitCode3() {
        Run r = run("--timeout", "soon");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception")
                .contains("--timeout").contains("'soon' is not a duration");
    }

    @Test
    void controlAndNoControlTogetherAreAUsageError() {
        Run r = run("--control", url("/control"), "--no-control");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").contains("mutually exclusive");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        Run r = run("--endpoint", "ftp://example.com/health");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--endpoint").contains("not an http(s) URL");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:70000/health", "http://127.0.0.1:0/health", "http://0.0.0.0:8080/health",
        "http://[::]:8080/health", "http://255.255.255.255/health", "http://240.1.2.3/health", "http://224.0.0.1/health",
        "http://[ff02::1]/health", "http://999.1.1.1/health", "http://1.2.3/health"})
    void aPortOutOfRangeOrAnUnusableAddressIsAUsageError(String endpoint) {
        Run r = run("--endpoint", endpoint, "--no-control");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").contains("Invalid value for option '--endpoint'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theProbesGetWhatTheStartUpLeftOfTheTimeoutPlusOneSecond() {
        Duration two = Duration.ofSeconds(2);

        assertThat(StatusCommand.probeTimeout(two, Duration.ZERO)).isEqualTo(two);
        assertThat(StatusCommand.probeTimeout(two, Duration.ofMillis(600))).isEqualTo(two);
        assertThat(StatusCommand.probeTimeout(two, Duration.ofMillis(900))).isEqualTo(Duration.ofMillis(1700));
        assertThat(StatusCommand.probeTimeout(two, Duration.ofSeconds(9))).isEqualTo(StatusCommand.MIN_PROBE_TIMEOUT);
    }

    private static JSONObject signal(JSONObject j, String probe) {
        for (Object o : j.getJSONArray("signals")) {
            JSONObject s = (JSONObject) o;
            if (s.getString("probe").equals(probe)) {
                return s;
            }
        }
        throw new AssertionError("no signal " + probe + " in " + j);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
