package io.github.caistatus.page;

import static io.github.caistatus.page.Html.esc;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.history.BundledHistory;
import io.github.caistatus.history.DailyDowntime;
import io.github.caistatus.history.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.json.JSONObject;

/** Writes the page and its live fragments from what a {@link StatusPage.Builder} holds. */
final class PageWriter {

    /** How many daily bars the main chart shows. */
    static final int DAYS = 90;

    private static final String CSS = resource("page.css");
    private static final String JS = resource("page.js");

    private final StatusPage.Builder b;
    private final BundledHistory history;
    private final Instant now;
    private final LocalDate lastDay;
    private final IncidentLog log;
    private final List<Incident> incidents;
    private final DayLedger ledger;

    PageWriter(StatusPage.Builder b, BundledHistory history, Instant now, LocalDate lastDay) {
        this.b = b;
        this.history = history;
        this.now = now;
        this.lastDay = lastDay;
        this.log = b.incidents.orElseGet(history::newLog);
        Map<String, Incident> byId = new LinkedHashMap<>();
        history.incidents().forEach(i -> byId.put(i.id(), i));
        log.all().forEach(i -> byId.put(i.id(), i));
        this.incidents = new ArrayList<>(byId.values());
        this.incidents.sort(Comparator.comparing(Incident::start).reversed());
        this.ledger = new DayLedger(history, incidents, now, b.watchingSince);
    }

    private static String resource(String name) {
        try (InputStream in = PageWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the document --------------------------------------------------------------------------------------

    String page() {
        StringBuilder o = new StringBuilder(256 * 1024);
        o.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>Is Character.AI down? Live status and outage history</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body");
        b.live.ifPresent(url -> o.append(" data-events=\"").append(esc(url)).append('"'));
        o.append(">\n<a class=\"skip\" href=\"#main\">Skip to the status</a>\n<header>\n")
                .append("<h1>Is Character.AI working?</h1>\n")
                .append("<p id=\"updated\" class=\"updated\" role=\"status\" aria-live=\"polite\">")
                .append(updatedLine()).append("</p>\n</header>\n<main id=\"main\">\n");
        section(o, "now", "Right now", "<div id=\"banner\">" + banner() + "</div>");
        section(o, "signals", "What the checks say", "<div id=\"signal-list\">" + signals() + "</div>");
        section(o, "maintenance", "Maintenance", "<div id=\"maintenance-list\">" + maintenance() + "</div>");
        section(o, "days", "The last 90 days", "<div id=\"days-body\">" + ninetyDays() + "</div>");
        section(o, "months", "Month by month, back to " + firstMonth().getYear(), months());
        section(o, "history", "Incident history", incidentHistory());
        section(o, "cope", "What you can do while it is down", cope());
        o.append("</main>\n<footer>\n<p>Sources: checks made by this server; the official status page; its archive "
                + "of October 2023 to August 2024 (collected for the ICPE 2025 study of LLM service outages); and the "
                + "dated reports of a 2023 article on Character.AI outages, summarised in our own words. Days are "
                + "calendar days in US Pacific time; times are UTC.</p>\n<p>Page generated ")
                .append(time(now, Words.second(now))).append(".</p>\n</footer>\n");
        if (b.live.isPresent()) {
            o.append("<script>\n").append(JS).append("</script>\n");
        }
        o.append("</body>\n</html>\n");
        return o.toString();
    }

    private static void section(StringBuilder o, String id, String title, String body) {
        o.append("<section id=\"").append(id).append("\" aria-labelledby=\"").append(id).append("-h\">\n<h2 id=\"")
                .append(id).append("-h\">").append(esc(title)).append("</h2>\n").append(body).append("\n</section>\n");
    }

    private static String time(Instant i, String text) {
        return "<time datetime=\"" + i + "\">" + esc(text) + "</time>";
    }

    private static String time(LocalDate d) {
        return "<time datetime=\"" + d + "\">" + esc(Words.day(d)) + "</time>";
    }

    String updatedLine() {
        if (b.snapshot.isEmpty()) {
            return "A saved page, generated " + time(now, Words.second(now)) + ". It does not update itself.";
        }
        Instant at = b.snapshot.get().observedAt();
        return "Last updated " + time(at, Words.second(at))
                + (b.live.isPresent() ? ". <span class=\"live-state\">Updates arrive by themselves.</span>"
                        : ". Reload the page for a newer check.");
    }

    // ---- the banner ----------------------------------------------------------------------------------------

    String banner() {
        if (b.snapshot.isEmpty()) {
            return "<div class=\"banner b-unknown\" data-health=\"NONE\">\n<p class=\"headline\"><span class=\"icon\" "
                    + "aria-hidden=\"true\">?</span> <strong>This saved page shows history only.</strong></p>\n"
                    + "<p>It holds no live verdict. For whether Character.AI works right now, open a live status page "
                    + "or run <code>cai-status status</code>.</p>\n</div>";
        }
        StatusSnapshot s = b.snapshot.get();
        Health h = s.health();
        StringBuilder o = new StringBuilder();
        o.append("<div class=\"banner ").append(bannerClass(h)).append("\" data-health=\"").append(h.name())
                .append("\" data-usable=\"").append(h.isUsable()).append("\">\n<p class=\"headline\"><span class=\"icon\" "
                        + "aria-hidden=\"true\">").append(icon(h)).append("</span> <strong>")
                .append(esc(Words.headline(h))).append("</strong> <span class=\"usable\">")
                .append(h.isUsable() ? "Worth trying a chat." : "Chats will fail for now.").append("</span></p>\n")
                .append("<p class=\"summary\">").append(esc(s.summary())).append("</p>\n");
        List<String> why = why(s);
        if (!why.isEmpty()) {
            o.append("<p class=\"why-h\">Why we say so:</p>\n<ul class=\"why\">\n");
            why.forEach(w -> o.append("<li>").append(w).append("</li>\n"));
            o.append("</ul>\n");
        }
        b.since.ifPresent(since -> o.append("<p class=\"since\">Since ").append(time(since, Words.minute(since)))
                .append(" (").append(esc(Words.duration(Duration.between(since, now.isAfter(since) ? now : since))))
                .append(").</p>\n"));
        expectedWait(h).ifPresent(w -> o.append("<p class=\"wait\">").append(esc(w)).append("</p>\n"));
        o.append("<p class=\"checked\">Last check: ").append(time(s.observedAt(), Words.second(s.observedAt())))
                .append(".</p>\n</div>");
        return o.toString();
    }

    private static String bannerClass(Health h) {
        return switch (h) {
            case OPERATIONAL -> "b-up";
            case DEGRADED, PARTIAL_OUTAGE -> "b-part";
            case MAJOR_OUTAGE, MAINTENANCE -> "b-down";
            case UNKNOWN -> "b-unknown";
        };
    }

    private static String icon(Health h) {
        return switch (h) {
            case OPERATIONAL -> "&#10003;";
            case DEGRADED, PARTIAL_OUTAGE -> "!";
            case MAJOR_OUTAGE, MAINTENANCE -> "&#10007;";
            case UNKNOWN -> "?";
        };
    }

    /** The signals that agree with the verdict, and those that explain a missing source. */
    private List<String> why(StatusSnapshot s) {
        List<String> out = new ArrayList<>();
        for (Signal g : s.signals()) {
            boolean agrees = g.hasOpinion() && (g.health() == s.health()
                    || (s.health().isImpaired() && g.health().isImpaired()));
            boolean explains = !g.hasOpinion() && g.cause() != Cause.NOT_CHECKED;
            if (!agrees && !explains) {
                continue;
            }
            int streak = b.streaks.getOrDefault(g.probe(), 0);
            out.add(esc(Words.probe(g.probe())) + ": " + esc(g.detail())
                    + (g.hasOpinion() ? "" : " (no opinion)")
                    + (streak >= 2 ? " &mdash; for at least " + streak + " checks in a row" : ""));
        }
        return out;
    }

    private Optional<String> expectedWait(Health h) {
        if (h == Health.OPERATIONAL || h == Health.UNKNOWN) {
            return Optional.empty();
        }
        Optional<OutageDurations> d = log.typicalDuration(h);
        if (d.isEmpty()) {
            return Optional.of("The history holds no " + Words.kind(h) + " of known length to say how long this "
                    + "usually lasts.");
        }
        OutageDurations o = d.get();
        return Optional.of((h == Health.MAINTENANCE ? "Maintenance" : "Outages like this") + " usually last about "
                + Words.duration(o.median()) + " (the middle of " + o.count() + " in the history; 9 in 10 were over "
                + "within " + Words.duration(o.p90()) + ").");
    }

    // ---- the signals ---------------------------------------------------------------------------------------

    String signals() {
        if (b.snapshot.isEmpty() || b.snapshot.get().signals().isEmpty()) {
            return "<p>No check has reported yet.</p>";
        }
        StringBuilder o = new StringBuilder("<table class=\"signals\">\n<caption>Each check behind the verdict, "
                + "as last seen</caption>\n<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">Latency</th><th scope=\"col\">Detail</th><th scope=\"col\">Checked</th></tr>"
                + "</thead>\n<tbody>\n");
        for (Signal g : b.snapshot.get().signals()) {
            o.append("<tr data-probe=\"").append(esc(g.probe())).append("\"><th scope=\"row\">")
                    .append(esc(Words.probe(g.probe()))).append("</th><td><span class=\"st st-")
                    .append(bannerClass(g.health())).append("\">").append(esc(Words.state(g.health())))
                    .append("</span></td><td>").append(g.latency().toMillis()).append(" ms</td><td>")
                    .append(esc(g.detail()))
                    .append(g.retryAfter().map(r -> " (asks to retry after " + Words.duration(r) + ")").orElse(""))
                    .append("</td><td>").append(time(g.observedAt(), Words.second(g.observedAt())))
                    .append("</td></tr>\n");
        }
        return o.append("</tbody>\n</table>").toString();
    }

    // ---- maintenance ---------------------------------------------------------------------------------------

    String maintenance() {
        List<Incident> active = new ArrayList<>();
        List<Incident> upcoming = new ArrayList<>();
        List<Incident> candidates = new ArrayList<>(incidents);
        b.snapshot.ifPresent(s -> {
            candidates.addAll(s.incidents());
            s.nextMaintenance().ifPresent(candidates::add);
        });
        List<String> seen = new ArrayList<>();
        for (Incident i : candidates) {
            if (!(i.scheduled() || i.health() == Health.MAINTENANCE) || seen.contains(i.id())) {
                continue;
            }
            if (i.isActiveAt(now)) {
                active.add(i);
                seen.add(i.id());
            } else if (i.start().isAfter(now)) {
                upcoming.add(i);
                seen.add(i.id());
            }
        }
        if (active.isEmpty() && upcoming.isEmpty()) {
            return "<p>No maintenance is under way or announced.</p>";
        }
        StringBuilder o = new StringBuilder("<ul class=\"maint\">\n");
        for (Incident i : active) {
            o.append("<li><strong>Under way:</strong> ").append(esc(i.summary())).append(", since ")
                    .append(time(i.start(), Words.minute(i.start())))
                    .append(i.end().map(e -> ", planned to end " + time(e, Words.minute(e))).orElse(""))
                    .append(".</li>\n");
        }
        for (Incident i : upcoming) {
            o.append("<li><strong>Announced:</strong> ").append(esc(i.summary())).append(", from ")
                    .append(time(i.start(), Words.minute(i.start())))
                    .append(i.end().map(e -> " to " + time(e, Words.minute(e))).orElse(""))
                    .append(".</li>\n");
        }
        return o.append("</ul>").toString();
    }

    // ---- bars ----------------------------------------------------------------------------------------------

    String ninetyDays() {
        LocalDate first = lastDay.minusDays(DAYS - 1L);
        List<Day> days = ledger.days(first, lastDay);
        StringBuilder o = new StringBuilder();
        o.append("<p class=\"avail\">").append(availability(days, "these 90 days")).append("</p>\n");
        o.append("<ol class=\"bars big\" aria-label=\"One bar per day, ").append(esc(Words.day(first)))
                .append(" to ").append(esc(Words.day(lastDay))).append("\">\n");
        for (Day d : days) {
            o.append("<li class=\"d ").append(d.kind()).append(" l").append(d.level())
                    .append(d.unknownLength() ? " q" : "").append("\" tabindex=\"0\" data-day=\"").append(d.date())
                    .append("\" data-minutes=\"").append(Words.minutes(d.downtime())).append("\"><span class=\"tip\">")
                    .append(esc(dayText(d))).append("</span></li>\n");
        }
        o.append("</ol>\n<p class=\"axis\"><span>").append(esc(Words.day(first))).append("</span><span>")
                .append(esc(Words.day(lastDay))).append("</span></p>\n").append(legend());
        return o.toString();
    }

    private static String legend() {
        return "<ul class=\"legend\" aria-label=\"What the bars show\">\n"
                + "<li><span class=\"sw ok\" aria-hidden=\"true\"></span> no downtime</li>\n"
                + "<li><span class=\"sw dg\" aria-hidden=\"true\"></span> slow, no downtime</li>\n"
                + "<li><span class=\"sw pa l2\" aria-hidden=\"true\"></span> partial outage (stripes)</li>\n"
                + "<li><span class=\"sw ma l2\" aria-hidden=\"true\"></span> major outage (solid; darker is longer)</li>\n"
                + "<li><span class=\"sw mt\" aria-hidden=\"true\"></span> maintenance (dots)</li>\n"
                + "<li><span class=\"sw uk q\" aria-hidden=\"true\"></span> outage of unknown length (?)</li>\n"
                + "<li><span class=\"sw nd\" aria-hidden=\"true\"></span> no data (hollow)</li>\n</ul>";
    }

    /** A day in words: the same text for the tip, a title and the month's list. */
    static String dayText(Day d) {
        StringBuilder t = new StringBuilder(Words.day(d.date())).append(": ");
        List<String> parts = new ArrayList<>();
        if (!d.major().isZero()) {
            parts.add(Words.minutes(d.major()) + " min of major outage");
        }
        if (!d.partial().isZero()) {
            parts.add(Words.minutes(d.partial()) + " min of partial outage");
        }
        if (!d.maintenance().isZero()) {
            parts.add(Words.minutes(d.maintenance()) + " min of maintenance");
        }
        if (d.unknownLength()) {
            parts.add("an outage of unknown length");
        }
        if (parts.isEmpty()) {
            parts.add(switch (d.data()) {
                case MEASURED -> d.degraded() ? "slow at times, no downtime" : "no downtime";
                case REPORTED -> "reported as working";
                case NONE -> "no data";
            });
        }
        t.append(String.join(", ", parts));
        if (parts.size() > 1 || !d.downtime().isZero()) {
            t.append(" (").append(Words.minutes(d.downtime())).append(" min in all)");
        }
        if (!d.notes().isEmpty()) {
            t.append(". ").append(String.join(" ", d.notes()));
        }
        return t.toString();
    }

    /** "Availability over …: 99.871% (…)", over the days with data only. */
    private static String availability(List<Day> days, String window) {
        Tally t = new Tally(days);
        return "Availability over " + window + ": " + t.ratioText() + " (" + t.downtimeText() + ").";
    }

    /** The sums over some days, and how they read. */
    private static final class Tally {
        Duration down = Duration.ZERO;
        Duration major = Duration.ZERO;
        Duration partial = Duration.ZERO;
        Duration maint = Duration.ZERO;
        int measured;
        int withData;
        int unknown;
        final int days;

        Tally(List<Day> list) {
            days = list.size();
            for (Day d : list) {
                down = down.plus(d.downtime());
                major = major.plus(d.major());
                partial = partial.plus(d.partial());
                maint = maint.plus(d.maintenance());
                withData += d.hasData() ? 1 : 0;
                measured += d.data() == Day.Data.MEASURED ? 1 : 0;
                unknown += d.unknownLength() ? 1 : 0;
            }
        }

        /** The ratio over the measured days; "at most" when outages of unknown length are left out. */
        String ratioText() {
            if (measured == 0) {
                return withData == 0 ? "not known: no data" : "not measured: dated reports only";
            }
            double ratio = Math.max(0, 1 - (double) down.toMillis() / Duration.ofDays(measured).toMillis());
            return (unknown > 0 ? "at most " : "") + "<strong class=\"ratio\">" + Words.percent(ratio) + "</strong>";
        }

        String downtimeText() {
            StringBuilder t = new StringBuilder("<span class=\"down\">").append(Words.minutes(down))
                    .append("</span> min of downtime (").append(Words.minutes(major)).append(" major, ")
                    .append(Words.minutes(partial)).append(" partial, ").append(Words.minutes(maint))
                    .append(" maintenance); ").append(measured).append(" of ").append(days).append(" days measured");
            if (withData > measured) {
                t.append(", ").append(withData - measured).append(" known from reports only");
            }
            if (unknown > 0) {
                t.append("; ").append(unknown).append(unknown == 1 ? " day" : " days")
                        .append(" with an outage of unknown length");
            }
            return t.toString();
        }
    }

    // ---- months --------------------------------------------------------------------------------------------

    private YearMonth firstMonth() {
        LocalDate first = lastDay;
        for (Report r : history.reports()) {
            first = r.date().isBefore(first) ? r.date() : first;
        }
        for (DailyDowntime d : history.dailyDowntime()) {
            first = d.date().isBefore(first) ? d.date() : first;
        }
        for (Incident i : incidents) {
            LocalDate s = i.start().atZone(BundledHistory.ZONE).toLocalDate();
            first = s.isBefore(first) ? s : first;
        }
        return YearMonth.from(first);
    }

    private String months() {
        StringBuilder o = new StringBuilder("<table class=\"months\">\n<caption>Newest first. Availability counts only "
                + "the days with data; open a month for its days in words.</caption>\n<thead><tr>"
                + "<th scope=\"col\">Month</th><th scope=\"col\">Availability</th><th scope=\"col\">Downtime</th>"
                + "<th scope=\"col\">Days</th></tr>"
                + "</thead>\n<tbody>\n");
        YearMonth first = firstMonth();
        YearMonth emptyRunEnd = null;
        YearMonth emptyRunStart = null;
        for (YearMonth m = YearMonth.from(lastDay); !m.isBefore(first); m = m.minusMonths(1)) {
            LocalDate end = m.atEndOfMonth().isAfter(lastDay) ? lastDay : m.atEndOfMonth();
            List<Day> days = ledger.days(m.atDay(1), end);
            boolean any = days.stream().anyMatch(Day::hasData);
            if (!any) {
                emptyRunEnd = emptyRunEnd == null ? m : emptyRunEnd;
                emptyRunStart = m;
                continue;
            }
            if (emptyRunEnd != null) {
                noDataRow(o, emptyRunStart, emptyRunEnd);
                emptyRunEnd = null;
            }
            monthRow(o, m, days);
        }
        if (emptyRunEnd != null) {
            noDataRow(o, emptyRunStart, emptyRunEnd);
        }
        return o.append("</tbody>\n</table>\n").append(legend()).toString();
    }

    private static String monthName(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + m.getYear();
    }

    private static void noDataRow(StringBuilder o, YearMonth from, YearMonth to) {
        o.append("<tr class=\"nodata\"><th scope=\"row\">").append(monthName(from))
                .append(from.equals(to) ? "" : " &ndash; " + monthName(to))
                .append("</th><td colspan=\"3\">No data: nothing in the history and no checks by this server.</td></tr>\n");
    }

    private static void monthRow(StringBuilder o, YearMonth m, List<Day> days) {
        Tally t = new Tally(days);
        o.append("<tr id=\"m-").append(m).append("\" data-month=\"").append(m).append("\" data-minutes=\"")
                .append(Words.minutes(t.down)).append("\"><th scope=\"row\">").append(monthName(m)).append("</th><td>")
                .append(t.ratioText()).append("</td><td>").append(t.downtimeText()).append("</td><td>")
                .append("<ol class=\"bars mini\" aria-hidden=\"true\">");
        for (Day d : days) {
            o.append("<li class=\"d ").append(d.kind()).append(" l").append(d.level())
                    .append(d.unknownLength() ? " q" : "").append("\"></li>");
        }
        o.append("</ol>\n<details><summary>").append(monthName(m)).append(", day by day</summary>\n<ul class=\"daylist\">\n");
        Predicate<Day> notable = d -> !d.downtime().isZero() || d.unknownLength() || d.degraded()
                || d.data() == Day.Data.REPORTED;
        int listed = 0;
        for (Day d : days) {
            if (notable.test(d)) {
                o.append("<li data-day=\"").append(d.date()).append("\">").append(esc(dayText(d))).append("</li>\n");
                listed++;
            }
        }
        if (listed == 0) {
            o.append("<li>No downtime on any day with data.</li>\n");
        }
        o.append("</ul>\n</details></td></tr>\n");
    }

    // ---- incident history ----------------------------------------------------------------------------------

    private String incidentHistory() {
        StringBuilder o = new StringBuilder();
        group(o, "seen", "Seen by this server", i -> i.source() == Source.OBSERVED,
                b.watchingSince.map(w -> "None since this server began checking, " + Words.minute(w) + ".")
                        .orElse("None."));
        group(o, "official", "Announced on the official status page", i -> i.source() == Source.OFFICIAL,
                "None known: the official page has announced nothing that this server has seen.");
        group(o, "archive", "The official status page's archive, October 2023 to August 2024",
                i -> i.source() == Source.BUNDLED && i.link().isPresent(), "None.");
        group(o, "article", "Reported in a 2023 article, March to August 2023",
                i -> i.source() == Source.BUNDLED && i.link().isEmpty(), "None.");
        o.append(reportsTable());
        return o.toString();
    }

    private void group(StringBuilder o, String id, String title, Predicate<Incident> which, String none) {
        o.append("<section class=\"group\" id=\"h-").append(id).append("\" aria-labelledby=\"h-").append(id)
                .append("-h\">\n<h3 id=\"h-").append(id).append("-h\">").append(esc(title)).append("</h3>\n");
        List<Incident> list = incidents.stream().filter(which).toList();
        if (list.isEmpty()) {
            o.append("<p>").append(esc(none)).append("</p>\n");
        } else {
            o.append("<ul class=\"incidents\">\n");
            list.forEach(i -> o.append("<li>").append(incident(i)).append("</li>\n"));
            o.append("</ul>\n");
        }
        o.append("</section>\n");
    }

    private String incident(Incident i) {
        boolean dateOnly = BundledHistory.isDateOnly(i);
        StringBuilder o = new StringBuilder("<details class=\"inc\" id=\"inc-").append(esc(i.id()))
                .append("\" data-id=\"").append(esc(i.id())).append("\"><summary><span class=\"k k-")
                .append(bannerClass(i.health())).append("\">").append(esc(Words.kind(i.health()))).append("</span> ");
        if (dateOnly) {
            LocalDate s = i.start().atZone(BundledHistory.ZONE).toLocalDate();
            LocalDate e = i.end().map(x -> x.minusNanos(1).atZone(BundledHistory.ZONE).toLocalDate()).orElse(s);
            o.append(time(s)).append(e.isAfter(s) ? " to " + time(e) : "");
        } else {
            o.append(time(i.start(), Words.minute(i.start())));
        }
        o.append(" &mdash; ").append(esc(i.summary())).append(" <span class=\"len\">(");
        if (dateOnly) {
            o.append("length unknown");
        } else if (i.end().isPresent()) {
            o.append("lasted <span class=\"mins\" data-minutes=\"").append(Words.minutes(i.duration().orElseThrow()))
                    .append("\">").append(esc(Words.duration(i.duration().orElseThrow()))).append("</span>");
        } else {
            o.append("ongoing for ").append(esc(Words.duration(Duration.between(i.start(), now))));
        }
        o.append(")</span></summary>\n<ol class=\"stages\">\n");
        for (IncidentUpdate u : i.updates()) {
            o.append("<li>");
            if (dateOnly) {
                o.append(time(u.at().atZone(BundledHistory.ZONE).toLocalDate()));
            } else {
                o.append(time(u.at(), Words.minute(u.at())));
            }
            o.append(" <strong>").append(esc(Words.stage(u.stage()))).append("</strong>");
            if (!u.note().isBlank()) {
                o.append(" &mdash; ").append(esc(u.note()));
            }
            o.append("</li>\n");
        }
        if (i.updates().isEmpty()) {
            o.append("<li>No dated stages recorded.</li>\n");
        }
        o.append("</ol>\n<p class=\"meta\">").append(esc(Words.cause(i.cause()))).append("; source: ")
                .append(esc(Words.source(i)));
        i.link().ifPresent(l -> o.append("; <a href=\"").append(esc(l)).append("\" rel=\"noreferrer\">the official "
                + "page's entry</a>"));
        return o.append("</p>\n</details>").toString();
    }

    private String reportsTable() {
        List<Report> reports = history.reports();
        if (reports.isEmpty()) {
            return "";
        }
        StringBuilder o = new StringBuilder("<details class=\"reports\" id=\"reports\"><summary>Every dated report of "
                + "the 2023 article (").append(reports.size()).append(")</summary>\n<table>\n<caption>What the article "
                + "reported, day by day (in our own words)</caption>\n<thead><tr><th scope=\"col\">Day</th>"
                + "<th scope=\"col\">State</th><th scope=\"col\">Report</th></tr></thead>\n<tbody>\n");
        for (Report r : reports) {
            o.append("<tr data-day=\"").append(r.date()).append("\"><th scope=\"row\">").append(time(r.date()))
                    .append("</th><td>").append(esc(Words.state(r.health()))).append("</td><td>")
                    .append(esc(r.summary())).append("</td></tr>\n");
        }
        return o.append("</tbody>\n</table>\n</details>\n").toString();
    }

    // ---- coping --------------------------------------------------------------------------------------------

    private String cope() {
        String major = log.typicalDuration(Health.MAJOR_OUTAGE)
                .map(d -> " Major outages in the history usually ended within about " + Words.duration(d.median())
                        + " (the middle of " + d.count() + ").")
                .orElse("");
        return "<ol class=\"cope\">\n"
                + "<li><strong>Give it a little time.</strong> Outages happen to every online service, and most end "
                + "on their own." + esc(major) + " This page tells you when it is back.</li>\n"
                + "<li><strong>Use something else meanwhile.</strong> Try another AI chat tool, or carry on with the "
                + "story by yourself for a while. Apps that embed cai-status switch to their fallback by themselves "
                + "and say so.</li>\n"
                + "<li><strong>Stay informed without refreshing.</strong> Keep this page open: it checks Character.AI "
                + "directly and updates itself, so it does not depend on the official status page, which has often "
                + "said nothing during outages.</li>\n</ol>";
    }

    // ---- live ----------------------------------------------------------------------------------------------

    /** What the live stream sends: the fragments that change with each check (and today's bar), as the page writes them. */
    JSONObject live() {
        StatusSnapshot s = b.snapshot.orElseThrow();
        return new JSONObject()
                .put("health", s.health().name())
                .put("usable", s.health().isUsable())
                .put("summary", s.summary())
                .put("observedAt", s.observedAt().toString())
                .put("updated", updatedLine())
                .put("banner", banner())
                .put("signals", signals())
                .put("maintenance", maintenance())
                .put("days", ninetyDays());
    }
}
