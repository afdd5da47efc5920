package io.github.caistatus.examples.cli;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.history.BundledHistory;
import io.github.caistatus.history.DailyDowntime;
import io.github.caistatus.history.Report;
import io.github.caistatus.page.StatusPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.json.JSONArray;
import org.json.JSONObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cai-status history}: the bundled outage history of Character.AI, as a table with a monthly bar chart of
 * downtime, or as one JSON object.
 *
 * <pre>
 * java -jar examples/target/cai-status.jar history --year 2023
 * java -jar examples/target/cai-status.jar history --from 2023-10-19 --to 2024-08-31 --json
 * java -jar examples/target/cai-status.jar history --html status.html
 * </pre>
 *
 * <p>Dates are inclusive calendar days in US Pacific time ({@link BundledHistory#ZONE}), the time zone of the
 * sources: {@code --from 2024-01-01 --to 2024-01-31} is the window {@code [2024-01-01T00:00 Pacific,
 * 2024-02-01T00:00 Pacific)}. Instants in the JSON are UTC.
 */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        description = {"Character.AI's outage history: the 2023 article's reports and the official status page's "
                + "archive (Oct 2023 - Aug 2024).",
                "Dates are inclusive calendar days in US Pacific time."})
public final class HistoryCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 40;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DATE", description = "first day, YYYY-MM-DD (default: the first day of the history)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day, inclusive, YYYY-MM-DD (default: the last day of the history)")
    String to;

    @Option(names = "--year", paramLabel = "YYYY", description = "one calendar year (instead of --from/--to)")
    String year;

    @Option(names = "--json", description = "print one JSON object {reports, incidents, availability}")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "write the status page (history only, no live verdict) to FILE; its 90 daily bars end on"
                    + " the last day (--to), its months go back to the history's first")
    Path html;

    /** Picocli builds it. */
    public HistoryCommand() {
    }

    @Override
    public Integer call() {
        BundledHistory history = BundledHistory.get();
        LocalDate first;
        LocalDate last;
        if (year != null) {
            if (from != null || to != null) {
                throw usage("--year cannot be combined with --from or --to");
            }
            int y = parseYear(year);
            first = LocalDate.of(y, 1, 1);
            last = LocalDate.of(y, 12, 31);
        } else {
            first = from == null ? firstDay(history) : parseDate("--from", from);
            last = to == null ? lastDay(history) : parseDate("--to", to);
            if (last.isBefore(first)) {
                throw usage("--to " + last + " is before --from " + first);
            }
        }
        Instant start = first.atStartOfDay(BundledHistory.ZONE).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(BundledHistory.ZONE).toInstant();
        IncidentLog log = history.newLog();
        if (html != null) {
            if (json) {
                throw usage("--html and --json cannot be combined");
            }
            return writeHtml(history, log, last);
        }
        List<Report> reports = history.reports(first, last);
        List<Incident> incidents = log.between(start, end);
        Availability availability = log.availability(start, end);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(reports, incidents, availability, first, last).toString(2));
        } else {
            printTable(out, reports, incidents, first, last);
            printBars(out, log, first, last, start, end);
            out.println(availabilityLine(availability, first, last));
        }
        out.flush();
        return 0;
    }

    private int writeHtml(BundledHistory history, IncidentLog log, LocalDate last) {
        String page = StatusPage.builder().history(history).incidents(log).lastDay(last).render();
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(html, bytes);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot write " + html + ": " + e);
            spec.commandLine().getErr().flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s (%,d bytes; 90 days to %s)%n", html, bytes.length, last);
        out.flush();
        return 0;
    }

    // ---- input ------------------------------------------------------------------------------------------

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private LocalDate parseDate(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw usage(option + ": '" + text + "' is not a date; expected YYYY-MM-DD, e.g. 2023-05-04");
        }
    }

    private int parseYear(String text) {
        try {
            int y = Integer.parseInt(text.trim());
            if (y < 1 || y > 9999) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw usage("--year: '" + text + "' is not a year; expected YYYY, e.g. 2023");
        }
    }

    private static LocalDate firstDay(BundledHistory h) {
        LocalDate d = LocalDate.MAX;
        for (Report r : h.reports()) {
            d = r.date().isBefore(d) ? r.date() : d;
        }
        for (Incident i : h.incidents()) {
            LocalDate s = i.start().atZone(BundledHistory.ZONE).toLocalDate();
            d = s.isBefore(d) ? s : d;
        }
        for (DailyDowntime day : h.dailyDowntime()) {
            d = day.date().isBefore(d) ? day.date() : d;
        }
        return d.equals(LocalDate.MAX) ? LocalDate.now(BundledHistory.ZONE) : d;
    }

    private static LocalDate lastDay(BundledHistory h) {
        LocalDate d = LocalDate.MIN;
        for (Report r : h.reports()) {
            d = r.date().isAfter(d) ? r.date() : d;
        }
        for (Incident i : h.incidents()) {
            LocalDate s = i.start().atZone(BundledHistory.ZONE).toLocalDate();
            d = s.isAfter(d) ? s : d;
        }
        for (DailyDowntime day : h.dailyDowntime()) {
            d = day.date().isAfter(d) ? day.date() : d;
        }
        return d.equals(LocalDate.MIN) ? LocalDate.now(BundledHistory.ZONE) : d;
    }

    // ---- JSON -------------------------------------------------------------------------------------------

    static JSONObject json(List<Report> reports, List<Incident> incidents, Availability a, LocalDate first, LocalDate last) {
        JSONArray rs = new JSONArray();
        for (Report r : reports) {
            rs.put(new JSONObject()
                    .put("date", r.date().toString())
                    .put("health", r.health().name())
                    .put("cause", r.cause().name())
                    .put("summary", r.summary())
                    .put("source", r.source().name())
                    .put("incidentId", r.incidentId().<Object>map(s -> s).orElse(JSONObject.NULL)));
        }
        JSONArray is = new JSONArray();
        for (Incident i : incidents) {
            boolean known = i.isResolved() && !BundledHistory.isDateOnly(i);
            is.put(JsonForms.incident(i)
                    .put("durationKnown", known)
                    .put("durationMinutes", known ? (Object) minutes(i.duration().orElseThrow()) : JSONObject.NULL));
        }
        JSONObject av = new JSONObject()
                .put("from", a.from().toString())
                .put("to", a.to().toString())
                .put("firstDay", first.toString())
                .put("lastDay", last.toString())
                .put("timeZone", BundledHistory.ZONE.getId())
                .put("days", (double) a.window().toMinutes() / (24 * 60))
                .put("downtimeMinutes", minutes(a.downtime()))
                .put("majorMinutes", minutes(a.majorDowntime()))
                .put("partialMinutes", minutes(a.partialDowntime()))
                .put("unknownDurations", a.unknownDurations())
                .put("ratio", a.ratio());
        return new JSONObject().put("reports", rs).put("incidents", is).put("availability", av);
    }

    /** Minutes, to the hundredth: whole numbers print without a fraction. */
    private static double minutes(Duration d) {
        return Math.round(d.toMillis() / 600.0) / 100.0;
    }

    // ---- human output -----------------------------------------------------------------------------------

    private record Row(LocalDate date, Health health, String cause, String source, String summary) {
    }

    private static void printTable(PrintWriter out, List<Report> reports, List<Incident> incidents,
            LocalDate first, LocalDate last) {
        out.printf(Locale.ROOT, "Character.AI outage history, %s to %s (days in %s)%n%n", first, last, BundledHistory.ZONE);
        List<Row> rows = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Report r : reports) {
            rows.add(new Row(r.date(), r.health(), words(r.cause().name()), "article", r.summary()));
            r.incidentId().ifPresent(reported::add);
        }
        for (Incident i : incidents) {
            if (reported.contains(i.id()) || BundledHistory.isDateOnly(i)) {
                continue; // the article's incidents are shown through their reports
            }
            LocalDate day = i.start().atZone(BundledHistory.ZONE).toLocalDate();
            String source = i.link().isPresent() ? "status page" : i.source().name().toLowerCase(Locale.ROOT);
            rows.add(new Row(day, i.health(), words(i.cause().name()), source, i.summary()));
        }
        rows.sort(Comparator.comparing(Row::date));
        if (rows.isEmpty()) {
            out.println("Nothing recorded in this period.");
            out.println();
            return;
        }
        String format = "%-10s  %-14s  %-17s  %-11s  %s%n";
        out.printf(Locale.ROOT, format, "DATE", "HEALTH", "CAUSE", "SOURCE", "SUMMARY");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.date(), words(r.health().name()), r.cause(), r.source(), r.summary());
        }
        out.println();
    }

    private static void printBars(PrintWriter out, IncidentLog log, LocalDate first, LocalDate last,
            Instant start, Instant end) {
        List<YearMonth> months = new ArrayList<>();
        List<Availability> perMonth = new ArrayList<>();
        double max = 0;
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
            Instant s = later(m.atDay(1).atStartOfDay(BundledHistory.ZONE).toInstant(), start);
            Instant e = earlier(m.plusMonths(1).atDay(1).atStartOfDay(BundledHistory.ZONE).toInstant(), end);
            Availability a = log.availability(s, e);
            months.add(m);
            perMonth.add(a);
            max = Math.max(max, minutes(a.downtime()));
        }
        out.println("Downtime per month (█ major outage or maintenance, ▒ partial outage, ? outages of unknown length)");
        for (int k = 0; k < months.size(); k++) {
            Availability a = perMonth.get(k);
            double major = minutes(a.majorDowntime());
            double partial = minutes(a.partialDowntime());
            int majorCells = max == 0 ? 0 : (int) Math.round(major / max * BAR_WIDTH);
            int partialCells = max == 0 ? 0 : (int) Math.round((major + partial) / max * BAR_WIDTH) - majorCells;
            if (major > 0 && majorCells == 0) {
                majorCells = 1; // a short outage still shows
            }
            if (partial > 0 && partialCells <= 0) {
                partialCells = 1;
            }
            String bar = "█".repeat(majorCells) + "▒".repeat(partialCells);
            String unknown = a.unknownDurations() == 0 ? "" : "  + " + a.unknownDurations() + " ?";
            out.printf(Locale.ROOT, "%s  %-" + (BAR_WIDTH + 1) + "s %7s min%s%n", months.get(k), bar, number(major + partial), unknown);
        }
        out.println();
    }

    static String availabilityLine(Availability a, LocalDate first, LocalDate last) {
        String days = number((double) a.window().toMinutes() / (24 * 60));
        String unknown = a.unknownDurations() == 0 ? ""
                : "; " + a.unknownDurations() + " outage" + (a.unknownDurations() == 1 ? "" : "s")
                        + " of unknown length not counted";
        return String.format(Locale.ROOT, "Availability %s to %s: %.3f%% (%s min of downtime over %s days: %s major, %s partial%s)",
                first, last, a.ratio() * 100, number(minutes(a.downtime())), days,
                number(minutes(a.majorDowntime())), number(minutes(a.partialDowntime())), unknown);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String words(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
