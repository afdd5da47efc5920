package io.github.caistatus.history;

import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Character.AI's outage history, bundled with the library: what the status checks know of the past.
 *
 * <ul>
 *   <li>{@link #reports()}: the 26 dated reports of a 2023 article on Character.AI outages (15 March to
 *       8 August 2023), each classified, and grouped into incidents where they continue one another;</li>
 *   <li>{@link #incidents()}: those incidents (including the maintenance of 4 May 2023, 10:00-11:00 Pacific),
 *       and the 36 incidents of the official status page's archive (October 2023 to August 2024), with every
 *       stage update converted from Pacific time to UTC;</li>
 *   <li>{@link #dailyDowntime()}: the page's minutes of major and partial outage for each of 318 days
 *       (19 October 2023 to 31 August 2024; 3,351 minutes in all).</li>
 * </ul>
 *
 * <p>Sources: the article's table; and the status-page archive collected for the ICPE 2025 paper "An Empirical
 * Characterization of Outages and Incidents in Public Services for Large Language Models" (artifact
 * github.com/atlarge-research/llm-service-analysis, Zenodo record 14018219). Only facts are carried over (dates,
 * times, impact, minutes, short titles); summaries are our own words. The data file's header documents every
 * rule of classification and grouping.
 *
 * <p>Days are calendar days in {@link #ZONE} (US Pacific: the article's time zone for the maintenance, and the
 * status page's). The article gives days, not times: an incident known only from it is
 * {@linkplain #isDateOnly(Incident) date-only}, spanning {@code [00:00 of its first day, 00:00 after its last
 * day)} Pacific; that end is a bound, so its duration counts as unknown, never as zero.
 *
 * <pre>{@code
 * BundledHistory history = BundledHistory.get();            // loaded on first use, then shared
 * IncidentLog log = history.newLog();                         // add incidents observed live to it
 * log.typicalDuration(Health.MAJOR_OUTAGE)
 *    .ifPresent(d -> System.out.println("usually back within ~" + d.median().toMinutes() + " min"));
 * }</pre>
 */
public final class BundledHistory {

    /** The time zone of the history's calendar days: {@code America/Los_Angeles}. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    /** The classpath resource holding the bundled data, next to this class. */
    public static final String RESOURCE = "bundled-history.tsv";

    private final List<Report> reports;
    private final List<Incident> incidents;
    private final List<DailyDowntime> days;

    BundledHistory(List<Report> reports, List<Incident> incidents, List<DailyDowntime> days) {
        this.reports = List.copyOf(reports);
        this.incidents = List.copyOf(incidents);
        this.days = List.copyOf(days);
    }

    /** Holder idiom: the resource is read on the first call to {@link #get()}, once, thread-safely. */
    private static final class Holder {
        static final BundledHistory INSTANCE = loadResource();
    }

    /**
     * The bundled history, read from the library's resource on first use.
     *
     * @return the shared, immutable history
     * @throws HistoryFormatException if the bundled resource is corrupt (a packaging error)
     */
    public static BundledHistory get() {
        return Holder.INSTANCE;
    }

    private static BundledHistory loadResource() {
        InputStream in = BundledHistory.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new HistoryFormatException(RESOURCE, 0, "resource missing from the classpath", null);
        }
        try (InputStream closing = in) {
            return parse(closing, RESOURCE);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads history in the bundled format (see the header of {@value #RESOURCE}) from a stream of UTF-8 text.
     *
     * @param in   the text; not closed
     * @param name the name to use in error messages
     * @return the history read
     * @throws HistoryFormatException naming {@code name} and the line, if a line is malformed or inconsistent
     */
    public static BundledHistory parse(InputStream in, String name) {
        return parse(new InputStreamReader(Objects.requireNonNull(in, "in"), StandardCharsets.UTF_8), name);
    }

    /**
     * Reads history in the bundled format (see the header of {@value #RESOURCE}).
     *
     * @param in   the text; not closed
     * @param name the name to use in error messages
     * @return the history read
     * @throws HistoryFormatException naming {@code name} and the line, if a line is malformed or inconsistent
     */
    public static BundledHistory parse(Reader in, String name) {
        return HistoryParser.parse(Objects.requireNonNull(in, "in"), Objects.requireNonNull(name, "name"));
    }

    /**
     * The article's dated reports, by date (same-day reports in the article's order).
     *
     * @return the reports; empty if none
     */
    public List<Report> reports() {
        return reports;
    }

    /**
     * The reports dated within {@code [from, to]}, both inclusive.
     *
     * @param from the first day
     * @param to   the last day
     * @return the reports, by date; empty if none
     */
    public List<Report> reports(LocalDate from, LocalDate to) {
        return reports.stream().filter(r -> !r.date().isBefore(from) && !r.date().isAfter(to)).toList();
    }

    /**
     * Every bundled incident (the article's and the official archive's), by start.
     *
     * @return the incidents; empty if none
     */
    public List<Incident> incidents() {
        return incidents;
    }

    /**
     * The official page's downtime per day, by date.
     *
     * @return the days; empty if none
     */
    public List<DailyDowntime> dailyDowntime() {
        return days;
    }

    /**
     * A new, mutable log seeded with the bundled incidents, for adding incidents observed live.
     *
     * <p>Its {@link IncidentLog#availability availability} takes the page's measured {@link #dailyDowntime()} for
     * the days it covers (a day the window covers in part counts in proportion to the part covered), and
     * incidents for the rest of the window, as {@link InMemoryIncidentLog} does. Every other method behaves as
     * {@link InMemoryIncidentLog}'s.
     *
     * @return a fresh log; changes to it affect neither this history nor other logs
     */
    public IncidentLog newLog() {
        return new BundledIncidentLog(new InMemoryIncidentLog(incidents), days);
    }

    /**
     * Whether an incident is known only by the days it was reported on (the article gives no times): its end
     * is then a bound, not a measurement. Such an incident is {@link Source#BUNDLED} and all its updates are
     * {@link Stage#REPORTED}.
     *
     * @param incident an incident
     * @return true if its duration is unknown although it has an end
     */
    public static boolean isDateOnly(Incident incident) {
        if (incident.source() != Source.BUNDLED || incident.updates().isEmpty()) {
            return false;
        }
        for (IncidentUpdate u : incident.updates()) {
            if (u.stage() != Stage.REPORTED) {
                return false;
            }
        }
        return true;
    }
}
