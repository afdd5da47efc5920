package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.examples.client.ChatClient;
import io.github.caistatus.examples.host.EchoBot;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.examples.web.WebApp;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The status page in a real browser (Debian's headless Chromium, driven by WebDriver), served by the web example on
 * loopback, with the testkit's simulator behind it. Screenshots and the measured numbers go to
 * {@code target/status-page/}.
 */
class StatusPageBrowserTest {

    private static final Path OUT = Path.of("target", "status-page");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path profile;

    private static CharacterAiSimulator sim;
    private static ChatClient cai;
    private static CharacterAiStatus status;
    private static WebApp app;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve("metrics.txt"));
        sim = CharacterAiSimulator.start();
        cai = new ChatClient(sim.chatUri(), Duration.ofSeconds(2));
        // as the web command runs it: background checks every 2 s (1 s while unhealthy), the default hysteresis
        status = CharacterAiStatus.builder()
                .endpoint(sim.healthUri()).statusPage(sim.statusPageUri()).control(sim.controlUri())
                .timeout(Duration.ofSeconds(1))
                .intervals(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .build();
        app = WebApp.start(new InetSocketAddress("127.0.0.1", 0), status,
                new GuardedChat(status.guard(), cai::send, EchoBot.unlimited()), StatusReport::json, Optional.of(sim));
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            if (status != null) {
                status.close();
            }
            if (cai != null) {
                cai.close();
            }
            if (sim != null) {
                sim.close();
            }
        }
    }

    @BeforeEach
    void characterAiIsUp() {
        sim.setMode(Mode.UP);
        status.refresh();
        await().atMost(Duration.ofSeconds(15)).until(() -> status.snapshot().health() == Health.OPERATIONAL);
        Chromium.colourScheme(browser, "light");
        browser.manage().logs().get(LogType.BROWSER); // drain what earlier tests logged
    }

    private static void open(String url) {
        browser.get(url);
        // the first server-sent event marks the page live
        await().atMost(Duration.ofSeconds(10)).until(() -> "OPERATIONAL".equals(
                browser.findElement(By.tagName("html")).getAttribute("data-health")));
    }

    /** The banner is replaced with each live update: read it in one script, never through a held element. */
    private static String bannerAttribute(String name) {
        return (String) browser.executeScript(
                "var b = document.querySelector('#banner .banner'); return b && b.getAttribute(arguments[0]);", name);
    }

    private static String bannerText() {
        return (String) browser.executeScript(
                "var b = document.querySelector('#banner .banner'); return b ? b.innerText : '';");
    }

    private static void screenshot(String name) throws IOException {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, OUT.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void note(String line) throws IOException {
        Files.writeString(OUT.resolve("metrics.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("status page: " + line);
    }

    private static List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return errors;
    }

    /** The history command's JSON for an inclusive range of days. */
    private static JSONObject history(Object... args) {
        List<String> argv = new ArrayList<>(List.of("history"));
        for (Object a : args) {
            argv.add(a.toString());
        }
        argv.add("--json");
        StringWriter out = new StringWriter();
        var cl = CaiStatusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(argv.toArray(String[]::new))).isZero();
        return new JSONObject(out.toString());
    }

    private static String downtimeOn(LocalDate day) {
        return minutes(history("--from", day, "--to", day).getJSONObject("availability").getDouble("downtimeMinutes"));
    }

    /** Minutes as the page writes them (and the history command's table): whole numbers without a fraction. */
    private static String minutes(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String text(WebElement e) {
        return e.getAttribute("textContent").replaceAll("\\s+", " ").trim();
    }

    // ---- the tests ---------------------------------------------------------------------------------------

    @Test
    void thePageLoadsWithoutConsoleErrorsSaysUsableAndIsSmallAndSelfContained() throws Exception {
        HttpResponse<byte[]> raw = HTTP.send(HttpRequest.newBuilder(app.uri()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String html = new String(raw.body(), StandardCharsets.UTF_8);
        // nothing fetched from anywhere else: no CDN, no web font, no external script or style sheet
        assertThat(html).doesNotContain("<link").doesNotContain("@import").doesNotContain("@font-face")
                .doesNotContain("<script src");

        open(app.uri().toString());

        assertThat(bannerAttribute("data-usable")).isEqualTo("true");
        assertThat(bannerText()).contains("Character.AI is working.").contains("Last check:");
        assertThat(browser.findElements(By.cssSelector("#signal-list tr[data-probe]"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#days .bars.big li"))).hasSize(90);
        assertThat(browser.findElement(By.id("updated")).getText()).startsWith("Last updated");
        for (String region : List.of("now", "signals", "maintenance", "days", "months", "history", "cope")) {
            WebElement section = browser.findElement(By.id(region));
            String label = section.getAttribute("aria-labelledby");
            assertThat(browser.findElement(By.id(label)).getText()).isNotBlank();
        }
        assertThat(browser.findElements(By.cssSelector("#cope ol.cope > li"))).hasSize(3);
        assertThat(consoleErrors()).isEmpty();
        screenshot("light-up");
        Chromium.colourScheme(browser, "dark");
        screenshot("dark-up");
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
                .isNotEqualTo("rgba(255, 255, 255, 1)");
        note("page size: " + raw.body().length + " bytes (GET / of the web example, one document: HTML, CSS and JS)");
    }

    @Test
    void anOutageChangesTheBannerWithoutAReload() throws Exception {
        open(app.uri().toString());
        browser.executeScript("window.notReloaded = true;");
        assertThat(bannerAttribute("data-health")).isEqualTo("OPERATIONAL");

        // the outage starts and nobody tells the monitor: it finds out on its own schedule (every 2 s while well)
        long start = System.nanoTime();
        sim.setMode(Mode.ERROR_500);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> "MAJOR_OUTAGE".equals(bannerAttribute("data-health")));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(bannerText()).contains("Character.AI is down.").contains("Chats will fail for now.")
                .contains("HTTP 500").contains("usually last about");
        assertThat(bannerAttribute("data-usable")).isEqualTo("false");
        // today's bar follows too: the outage observed live is on it
        await().atMost(Duration.ofSeconds(5)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElements(By.cssSelector("#days .bars.big li"))
                .get(89).getAttribute("class").contains("ma"));
        note("outage start (simulator switched to ERROR_500, no check asked for) to banner changed, no reload: "
                + millis + " ms");
        assertThat(consoleErrors()).isEmpty();
        screenshot("light-down");
        Chromium.colourScheme(browser, "dark");
        screenshot("dark-down");
    }

    @Test
    void monthsBarsAndIncidentsAgreeWithTheHistoryCommand() {
        open(app.uri().toString());

        // a month of the status page archive, day by day: minutes in the month's row, a bar per day
        for (YearMonth m : List.of(YearMonth.of(2023, 12), YearMonth.of(2024, 1), YearMonth.of(2024, 6))) {
            String expected = minutes(history("--from", m.atDay(1), "--to", m.atEndOfMonth())
                    .getJSONObject("availability").getDouble("downtimeMinutes"));
            WebElement row = browser.findElement(By.id("m-" + m));
            assertThat(row.getAttribute("data-minutes")).as("minutes of %s", m).isEqualTo(expected);
            assertThat(text(row.findElement(By.cssSelector(".down")))).isEqualTo(expected);
            assertThat(row.findElements(By.cssSelector(".bars.mini li"))).hasSize(m.lengthOfMonth());
        }
        List<WebElement> january = browser.findElements(By.cssSelector("#m-2024-01 .bars.mini li"));
        for (int d = 1; d <= 31; d++) {
            LocalDate day = LocalDate.of(2024, 1, d);
            String minutes = downtimeOn(day);
            String bar = january.get(d - 1).getAttribute("class");
            if (minutes.equals("0")) {
                assertThat(bar).as("bar of %s", day).doesNotContainPattern("\\b(ma|pa|mt)\\b");
            } else {
                assertThat(bar).as("bar of %s", day).containsPattern("\\b(ma|pa)\\b");
                assertThat(text(browser.findElement(By.cssSelector("#m-2024-01 .daylist li[data-day='" + day + "']"))))
                        .contains("(" + minutes + " min in all)");
            }
        }

        // the archive's incidents with their dated stages, and their lengths
        JSONArray archive = history("--from", "2023-10-19", "--to", "2024-08-31").getJSONArray("incidents");
        int checked = 0;
        for (int k = 0; k < archive.length(); k += 7) {
            JSONObject i = archive.getJSONObject(k);
            WebElement shown = browser.findElement(By.cssSelector("details.inc[data-id='" + i.getString("id") + "']"));
            assertThat(shown.findElements(By.cssSelector(".stages li"))).hasSize(i.getJSONArray("updates").length());
            JSONObject first = i.getJSONArray("updates").getJSONObject(0);
            assertThat(shown.findElement(By.cssSelector(".stages li time")).getAttribute("datetime"))
                    .isEqualTo(first.getString("at"));
            if (i.getBoolean("durationKnown")) {
                assertThat(shown.findElement(By.cssSelector(".mins")).getAttribute("data-minutes"))
                        .isEqualTo(minutes(i.getDouble("durationMinutes")));
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);

        // the 2023 article: every dated report, the maintenance of 4 May with its 60 minutes
        JSONObject y2023 = history("--year", "2023");
        Set<String> reported = new HashSet<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#reports tr[data-day]"))) {
            reported.add(tr.getAttribute("data-day"));
        }
        Set<String> expectedDays = new HashSet<>();
        JSONArray reports = y2023.getJSONArray("reports");
        for (int k = 0; k < reports.length(); k++) {
            expectedDays.add(reports.getJSONObject(k).getString("date"));
        }
        assertThat(reported).isEqualTo(expectedDays);
        assertThat(browser.findElements(By.cssSelector("#reports tr[data-day]"))).hasSize(reports.length());
        LocalDate maintenance = LocalDate.of(2023, 5, 4);
        assertThat(downtimeOn(maintenance)).isEqualTo("60");
        assertThat(text(browser.findElement(By.cssSelector("#m-2023-05 .daylist li[data-day='2023-05-04']"))))
                .contains("60 min of maintenance").contains("(60 min in all)");
        // days known only from the article carry "unknown length", never minutes
        assertThat(text(browser.findElement(By.cssSelector("#m-2023-05 .daylist li[data-day='2023-05-08']"))))
                .contains("an outage of unknown length").doesNotContain("min in all");
    }

    @Test
    void theSavedPageHas90DailyBarsOfTheArchiveMatchingTheHistoryCommand() throws Exception {
        Path file = OUT.resolve("history.html");
        StringWriter out = new StringWriter();
        var cl = CaiStatusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("history", "--to", "2024-08-31", "--html", file.toString())).isZero();

        browser.get(file.toAbsolutePath().toUri().toString());

        List<WebElement> bars = browser.findElements(By.cssSelector("#days .bars.big li"));
        assertThat(bars).hasSize(90);
        assertThat(bars.get(89).getAttribute("data-day")).isEqualTo("2024-08-31");
        LocalDate first = LocalDate.parse(bars.get(0).getAttribute("data-day"));
        assertThat(first).isEqualTo(LocalDate.of(2024, 6, 3));
        JSONObject window = history("--from", first, "--to", "2024-08-31");
        assertThat(text(browser.findElement(By.cssSelector("#days .avail .down"))))
                .isEqualTo(minutes(window.getJSONObject("availability").getDouble("downtimeMinutes")));
        for (int k : new int[] {0, 20, 45, 70, 89}) {
            LocalDate day = LocalDate.parse(bars.get(k).getAttribute("data-day"));
            assertThat(bars.get(k).getAttribute("data-minutes")).as("minutes of %s", day).isEqualTo(downtimeOn(day));
        }
        assertThat(bannerText()).contains("history only");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void keyboardFocusReachesEveryControlAndABarSaysWhatItShows() {
        open(app.uri().toString());
        @SuppressWarnings("unchecked")
        List<String> controls = (List<String>) browser.executeScript(
                "var all = document.querySelectorAll('a[href], summary, button, input, [tabindex]');"
                        + "var out = [];"
                        + "for (var k = 0; k < all.length; k++) {"
                        + "  var e = all[k]; if (e.tabIndex < 0 || !e.checkVisibility()) continue;"
                        + "  e.setAttribute('data-focus-id', 'f' + k); out.push('f' + k); }"
                        + "return out;");
        assertThat(controls).hasSizeGreaterThan(90 + 40); // the bars, the incidents, the months, the links

        Set<String> reached = new HashSet<>();
        browser.executeScript("if (document.activeElement) { document.activeElement.blur(); }");
        for (int k = 0; k < controls.size() + 10 && !reached.containsAll(controls); k++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            Object id = browser.executeScript("return document.activeElement.getAttribute('data-focus-id');");
            if (id != null) {
                reached.add(id.toString());
            }
        }
        assertThat(controls.stream().filter(c -> !reached.contains(c)).collect(Collectors.toList()))
                .as("controls never focused").isEmpty();

        // a focused bar shows its day in words, so colour is never the only carrier
        WebElement bar = browser.findElements(By.cssSelector("#days .bars.big li")).get(89);
        browser.executeScript("arguments[0].focus();", bar);
        WebElement tip = bar.findElement(By.cssSelector(".tip"));
        assertThat(tip.getSize().getWidth()).isGreaterThan(50);
        assertThat(tip.getText()).matches(".*\\d{4}: .+");
    }

    @Test
    void withoutJavaScriptThePageStillShowsTheVerdictAndTheHistory() {
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        try {
            browser.get(app.uri().toString());
            assertThat(bannerText()).contains("Character.AI is working.");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("data-health")).isNull();
            assertThat(browser.findElements(By.cssSelector("#days .bars.big li"))).hasSize(90);
            assertThat(browser.findElements(By.cssSelector("details.inc"))).hasSizeGreaterThan(40);
        } finally {
            browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", false));
        }
    }

    @Test
    void whenTheServerGoesAwayThePageSaysItLostContact() {
        try (WebApp second = WebApp.start(new InetSocketAddress("127.0.0.1", 0), status,
                new GuardedChat(status.guard(), cai::send, EchoBot.unlimited()), StatusReport::json)) {
            open(second.uri().toString());
            assertThat(browser.findElement(By.id("updated")).getAttribute("class")).doesNotContain("lost");
            second.close();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    browser.findElement(By.id("updated")).getAttribute("class").contains("lost"));
            assertThat(browser.findElement(By.id("updated")).getText()).contains("Lost contact");
            assertThat(bannerAttribute("class")).contains("stale");
        }
    }
}
