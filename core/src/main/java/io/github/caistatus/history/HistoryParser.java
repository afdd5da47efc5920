package io.github.caistatus.history;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line-based history format described in the header of {@code bundled-history.tsv}. Every problem is a
 * {@link HistoryFormatException} naming the resource and the line.
 */
final class HistoryParser {

    static final String SERVICE = "character.ai";

    private static final Pattern PACIFIC_TIME =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}) (PST|PDT)");
    private static final ZoneOffset PST = ZoneOffset.ofHours(-8);
    private static final ZoneOffset PDT = ZoneOffset.ofHours(-7);

    private final String name;
    private int lineNo;

    private final Map<String, Draft> incidents = new LinkedHashMap<>();
    private final List<DraftReport> reports = new ArrayList<>();
    private final TreeMap<LocalDate, DraftDay> days = new TreeMap<>();

    private HistoryParser(String name) {
        this.name = name;
    }

    static BundledHistory parse(Reader in, String name) {
        HistoryParser p = new HistoryParser(name);
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                p.lineNo++;
                p.line(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return p.finish();
    }

    private void line(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String[] f = line.split("\t", -1);
        switch (f[0]) {
            case "incident" -> incident(fields(f, 9, "incident id start end health cause scheduled link summary"));
            case "update" -> update(fields(f, 5, "update incident-id time stage note"));
            case "report" -> report(fields(f, 6, "report date health cause incident-id summary"));
            case "day" -> day(fields(f, 5, "day date major-minutes partial-minutes incident-ids"));
            default -> throw fail("unknown record kind '" + f[0] + "' (expected incident, update, report or day)");
        }
    }

    private String[] fields(String[] f, int count, String shape) {
        if (f.length != count) {
            throw fail("expected " + count + " TAB-separated fields (" + shape + "), found " + f.length);
        }
        for (int k = 1; k < f.length; k++) {
            if (f[k].isBlank()) {
                throw fail("field " + (k + 1) + " is empty (write '-' for none)");
            }
        }
        return f;
    }

    private void incident(String[] f) {
        String id = f[1];
        if (incidents.containsKey(id)) {
            throw fail("duplicate incident id '" + id + "'");
        }
        Time start = time(f[2]);
        Time end = time(f[3]);
        if (start.dateOnly() != end.dateOnly()) {
            throw fail("start and end must both be dates or both be times");
        }
        Instant s = start.dateOnly() ? start.day().atStartOfDay(BundledHistory.ZONE).toInstant() : start.at();
        Instant e = end.dateOnly() ? end.day().plusDays(1).atStartOfDay(BundledHistory.ZONE).toInstant() : end.at();
        if (e.isBefore(s)) {
            throw fail("incident '" + id + "' ends before it starts");
        }
        boolean scheduled = switch (f[6]) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw fail("scheduled must be 'yes' or 'no', not '" + f[6] + "'");
        };
        Optional<String> link = f[7].equals("-") ? Optional.empty() : Optional.of(f[7]);
        incidents.put(id, new Draft(lineNo, id, s, e, start.dateOnly(), health(f[4]), cause(f[5]), scheduled,
                link, f[8], new ArrayList<>()));
    }

    private void update(String[] f) {
        Draft d = incidents.get(f[1]);
        if (d == null) {
            throw fail("update of unknown incident '" + f[1] + "' (an incident line must come first)");
        }
        if (d.dateOnly) {
            throw fail("a date-only incident takes its updates from its reports, not from update lines");
        }
        Time t = time(f[2]);
        if (t.dateOnly()) {
            throw fail("an update needs a time, not only a date");
        }
        d.updates.add(new IncidentUpdate(stage(f[3]), t.at(), f[4].equals("-") ? "" : f[4]));
    }

    private void report(String[] f) {
        LocalDate date = date(f[1]);
        Optional<String> incident = f[4].equals("-") ? Optional.empty() : Optional.of(f[4]);
        reports.add(new DraftReport(lineNo, new Report(date, health(f[2]), cause(f[3]), f[5], Source.BUNDLED, incident)));
    }

    private void day(String[] f) {
        LocalDate date = date(f[1]);
        if (days.containsKey(date)) {
            throw fail("duplicate day " + date);
        }
        List<String> ids = f[4].equals("-") ? List.of() : Arrays.asList(f[4].split(","));
        try {
            days.put(date, new DraftDay(lineNo, new DailyDowntime(date,
                    Duration.ofMinutes(minutes(f[2])), Duration.ofMinutes(minutes(f[3])), ids)));
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private BundledHistory finish() {
        Map<String, List<DraftReport>> reportsOf = new LinkedHashMap<>();
        for (DraftReport r : reports) {
            r.report.incidentId().ifPresent(id -> {
                if (!incidents.containsKey(id)) {
                    throw fail(r.line, "report names unknown incident '" + id + "'");
                }
                reportsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            });
        }
        for (DraftDay d : days.values()) {
            for (String id : d.day.incidentIds()) {
                if (!incidents.containsKey(id)) {
                    throw fail(d.line, "day names unknown incident '" + id + "'");
                }
            }
        }
        List<Incident> built = new ArrayList<>();
        for (Draft d : incidents.values()) {
            List<DraftReport> mine = reportsOf.getOrDefault(d.id, List.of());
            List<IncidentUpdate> updates = d.dateOnly ? reportUpdates(d, mine) : checkedUpdates(d);
            try {
                built.add(new Incident(d.id, SERVICE, d.start, Optional.of(d.end), d.health, d.cause, d.summary,
                        Source.BUNDLED, d.scheduled, updates, d.link));
            } catch (IllegalArgumentException e) {
                throw fail(d.line, e.getMessage());
            }
        }
        built.sort(Comparator.comparing(Incident::start).thenComparing(Incident::id));
        List<Report> rs = new ArrayList<>();
        reports.forEach(r -> rs.add(r.report));
        rs.sort(Comparator.comparing(Report::date)); // stable: same-day reports keep the file's order
        List<DailyDowntime> ds = new ArrayList<>();
        days.values().forEach(d -> ds.add(d.day));
        return new BundledHistory(rs, built, ds);
    }

    /** A date-only incident: one REPORTED update per report, and its days must be exactly its reports' days. */
    private List<IncidentUpdate> reportUpdates(Draft d, List<DraftReport> mine) {
        if (mine.isEmpty()) {
            throw fail(d.line, "date-only incident '" + d.id + "' has no report");
        }
        LocalDate first = mine.stream().map(r -> r.report.date()).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = mine.stream().map(r -> r.report.date()).max(Comparator.naturalOrder()).orElseThrow();
        if (!first.atStartOfDay(BundledHistory.ZONE).toInstant().equals(d.start)
                || !last.plusDays(1).atStartOfDay(BundledHistory.ZONE).toInstant().equals(d.end)) {
            throw fail(d.line, "date-only incident '" + d.id + "' must span its reports' days, " + first + " to " + last);
        }
        List<IncidentUpdate> ups = new ArrayList<>();
        mine.stream().sorted(Comparator.comparing(r -> r.report.date())).forEach(r -> ups.add(new IncidentUpdate(
                Stage.REPORTED, r.report.date().atStartOfDay(BundledHistory.ZONE).toInstant(), r.report.summary())));
        return ups;
    }

    /** A timed incident: it starts with its first update and ends with its last RESOLVED one, if it has updates. */
    private List<IncidentUpdate> checkedUpdates(Draft d) {
        List<IncidentUpdate> ups = new ArrayList<>(d.updates);
        ups.sort(Comparator.comparing(IncidentUpdate::at)); // stable: same-minute updates keep the file's order
        if (!ups.isEmpty() && !ups.get(0).at().equals(d.start)) {
            throw fail(d.line, "incident '" + d.id + "' must start at its first update, " + ups.get(0).at());
        }
        ups.stream().filter(u -> u.stage() == Stage.RESOLVED).reduce((a, b) -> b).ifPresent(r -> {
            if (!r.at().equals(d.end)) {
                throw fail(d.line, "incident '" + d.id + "' must end at its Resolved update, " + r.at());
            }
        });
        return ups;
    }

    private record Time(boolean dateOnly, LocalDate day, Instant at) {
    }

    private Time time(String text) {
        Matcher m = PACIFIC_TIME.matcher(text);
        if (m.matches()) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
            } catch (DateTimeException e) {
                throw fail("bad time '" + text + "'");
            }
            ZoneOffset offset = m.group(3).equals("PST") ? PST : PDT;
            Instant at = local.toInstant(offset);
            ZoneOffset real = BundledHistory.ZONE.getRules().getOffset(at);
            if (!real.equals(offset)) {
                throw fail("'" + text + "': " + m.group(3) + " disagrees with " + BundledHistory.ZONE
                        + ", which is at " + real + " then");
            }
            return new Time(false, local.toLocalDate(), at);
        }
        return new Time(true, date(text), null);
    }

    private LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw fail("bad date '" + text + "' (expected YYYY-MM-DD, or YYYY-MM-DD HH:MM PST|PDT)");
        }
    }

    private long minutes(String text) {
        try {
            long m = Long.parseLong(text);
            if (m < 0) {
                throw fail("negative minutes " + text);
            }
            return m;
        } catch (NumberFormatException e) {
            throw fail("bad minutes '" + text + "'");
        }
    }

    private Health health(String text) {
        try {
            return Health.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw fail("unknown health '" + text + "'");
        }
    }

    private Cause cause(String text) {
        try {
            return Cause.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw fail("unknown cause '" + text + "'");
        }
    }

    private Stage stage(String text) {
        try {
            return Stage.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw fail("unknown stage '" + text + "'");
        }
    }

    private HistoryFormatException fail(String problem) {
        return fail(lineNo, problem);
    }

    private HistoryFormatException fail(int line, String problem) {
        return new HistoryFormatException(name, line, problem, null);
    }

    private static final class Draft {
        final int line;
        final String id;
        final Instant start;
        final Instant end;
        final boolean dateOnly;
        final Health health;
        final Cause cause;
        final boolean scheduled;
        final Optional<String> link;
        final String summary;
        final List<IncidentUpdate> updates;

        Draft(int line, String id, Instant start, Instant end, boolean dateOnly, Health health, Cause cause,
                boolean scheduled, Optional<String> link, String summary, List<IncidentUpdate> updates) {
            this.line = line;
            this.id = id;
            this.start = start;
            this.end = end;
            this.dateOnly = dateOnly;
            this.health = health;
            this.cause = cause;
            this.scheduled = scheduled;
            this.link = link;
            this.summary = summary;
            this.updates = updates;
        }
    }

    private record DraftReport(int line, Report report) {
    }

    private record DraftDay(int line, DailyDowntime day) {
    }
}
