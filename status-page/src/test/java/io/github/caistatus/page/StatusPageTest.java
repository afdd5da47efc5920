package io.github.caistatus.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.history.BundledHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the rendered page says, without a browser: the banner's words, the days' bars, escaping, maintenance. */
class StatusPageTest {

    private static final Instant NOW = Instant.parse("2026-11-30T18:00:00Z");

    private static StatusSnapshot snapshot(Health health, String summary, Signal... signals) {
        return new StatusSnapshot(health, health == Health.OPERATIONAL ? Cause.NONE : Cause.SERVER_ERROR, summary, 1.0,
                NOW, List.of(signals), List.of(), List.of(), Optional.empty(), Optional.empty());
    }

    private static Signal signal(String probe, Health h, String detail) {
        return Signal.of(probe, h, h == Health.OPERATIONAL ? Cause.NONE : Cause.SERVER_ERROR, Duration.ofMillis(42),
                NOW, detail);
    }

    /** The class attribute of a day's bar in the 90-day chart. */
    private static String bar(String html, LocalDate day) {
        Matcher m = Pattern.compile("<li class=\"([^\"]+)\" tabindex=\"0\" data-day=\"" + day + "\"").matcher(html);
        assertThat(m.find()).as("a bar for %s", day).isTrue();
        return m.group(1);
    }

    @Test
    void anOutageBannerSaysDownWhySinceWhenHowLongItUsuallyLastsAndWhenWeLastChecked() {
        String html = StatusPage.builder()
                .snapshot(snapshot(Health.MAJOR_OUTAGE, "health endpoint HTTP 503",
                        signal("endpoint", Health.MAJOR_OUTAGE, "HTTP 503 service unavailable"),
                        Signal.of("official", Health.UNKNOWN, Cause.SOURCE_UNAVAILABLE, Duration.ofMillis(9), NOW,
                                "HTTP 401: the page is inactive"),
                        signal("control", Health.OPERATIONAL, "our network works")))
                .since(NOW.minus(Duration.ofMinutes(7)))
                .streaks(Map.of("endpoint", 3))
                .now(NOW)
                .render();

        assertThat(html).contains("Character.AI is down.").contains("Chats will fail for now.")
                .contains("Character.AI&#39;s health route: HTTP 503 service unavailable &mdash; for at least 3 checks")
                .contains("Official status page: HTTP 401: the page is inactive (no opinion)")
                .contains("(7 min)")
                .contains("Outages like this usually last about")
                .contains("Last check: <time datetime=\"2026-11-30T18:00:00Z\">2026-11-30 18:00:00 UTC</time>");
        // a signal that disagrees is in the table, not in the "why"
        assertThat(html.substring(html.indexOf("class=\"why\""), html.indexOf("</ul>", html.indexOf("class=\"why\""))))
                .doesNotContain("our network works");
        assertThat(html).contains("<tr data-probe=\"control\">");
    }

    @Test
    void withoutASnapshotThePageIsHistoryOnlyWithoutScript() {
        String html = StatusPage.builder().now(NOW).lastDay(LocalDate.of(2024, 8, 31)).render();

        assertThat(html).contains("This saved page shows history only.").contains("It does not update itself.")
                .doesNotContain("<script").doesNotContain("data-events");
    }

    @Test
    void daysAreMeasuredReportedUnknownOrWithoutData() {
        String html = StatusPage.builder().now(NOW).lastDay(LocalDate.of(2023, 5, 30)).render();

        // 4 May 2023: the announced hour of maintenance
        assertThat(bar(html, LocalDate.of(2023, 5, 4))).isEqualTo("d mt l2");
        // 8 May 2023: the 40-hour outage, known only by its dates
        assertThat(bar(html, LocalDate.of(2023, 5, 8))).isEqualTo("d uk l1 q");
        // 20 May 2023: nothing known at all
        assertThat(bar(html, LocalDate.of(2023, 5, 20))).isEqualTo("d nd l1");
        // 30 May 2023: a short outage reported, length unknown
        assertThat(bar(html, LocalDate.of(2023, 5, 30))).contains("uk");
    }

    @Test
    void anIncidentObservedLiveCountsOnItsDayAndIsListedWithItsStagesEscaped() {
        IncidentLog log = BundledHistory.get().newLog();
        Instant start = NOW.minus(Duration.ofMinutes(90));
        log.append(new Incident("observed-1", "character.ai", start, Optional.of(NOW.minus(Duration.ofMinutes(45))),
                Health.MAJOR_OUTAGE, Cause.SERVER_ERROR, "HTTP 500 <everywhere>", Source.OBSERVED, false,
                List.of(new IncidentUpdate(Stage.INVESTIGATING, start, "health route <b>500</b>")), Optional.empty()));

        String html = StatusPage.builder().incidents(log).now(NOW).watchingSince(NOW.minus(Duration.ofDays(2)))
                .render();

        assertThat(bar(html, LocalDate.of(2026, 11, 30))).isEqualTo("d ma l2");
        assertThat(bar(html, LocalDate.of(2026, 11, 29))).isEqualTo("d ok l1");
        assertThat(bar(html, LocalDate.of(2026, 11, 27))).isEqualTo("d nd l1");
        assertThat(html).contains("45 min of major outage (45 min in all)")
                .contains("HTTP 500 &lt;everywhere&gt;").contains("health route &lt;b&gt;500&lt;/b&gt;")
                .doesNotContain("<everywhere>").doesNotContain("<b>500</b>");
        assertThat(html.substring(html.indexOf("id=\"h-seen\""), html.indexOf("id=\"h-official\"")))
                .contains("data-id=\"observed-1\"").contains("Investigating");
    }

    @Test
    void announcedMaintenanceIsListedWithItsWindow() {
        Instant from = NOW.plus(Duration.ofHours(3));
        Incident planned = new Incident("m-1", "character.ai", from, Optional.of(from.plus(Duration.ofHours(1))),
                Health.MAINTENANCE, Cause.MAINTENANCE, "Database upgrade", Source.OFFICIAL, true,
                List.of(new IncidentUpdate(Stage.SCHEDULED, NOW, "planned")), Optional.empty());
        StatusSnapshot s = new StatusSnapshot(Health.OPERATIONAL, Cause.NONE, "fine", 1.0, NOW, List.of(), List.of(),
                List.of(), Optional.of(planned), Optional.empty());

        String html = StatusPage.builder().snapshot(s).now(NOW).render();

        assertThat(html).contains("<strong>Announced:</strong> Database upgrade, from <time datetime=\"" + from
                + "\">2026-11-30 21:00 UTC</time> to");
    }
}
