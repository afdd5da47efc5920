package io.github.caistatus.page;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The page's words for the model's values: what a person reads, not enum names. */
final class Words {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private Words() {
    }

    /** The banner's headline for a verdict. */
    static String headline(Health h) {
        return switch (h) {
            case OPERATIONAL -> "Character.AI is working.";
            case DEGRADED -> "Character.AI is working, but slowly.";
            case PARTIAL_OUTAGE -> "Character.AI is partly down: some chats fail.";
            case MAJOR_OUTAGE -> "Character.AI is down.";
            case MAINTENANCE -> "Character.AI is down for maintenance.";
            case UNKNOWN -> "We cannot tell whether Character.AI is working.";
        };
    }

    /** One short word for a state, as shown next to a signal or an incident. */
    static String state(Health h) {
        return switch (h) {
            case OPERATIONAL -> "working";
            case DEGRADED -> "slow";
            case PARTIAL_OUTAGE -> "partly down";
            case MAJOR_OUTAGE -> "down";
            case MAINTENANCE -> "maintenance";
            case UNKNOWN -> "no opinion";
        };
    }

    /** What the incident was, as a noun. */
    static String kind(Health h) {
        return switch (h) {
            case OPERATIONAL -> "all clear";
            case DEGRADED -> "slowness";
            case PARTIAL_OUTAGE -> "partial outage";
            case MAJOR_OUTAGE -> "major outage";
            case MAINTENANCE -> "maintenance";
            case UNKNOWN -> "unclear";
        };
    }

    /** A probe's name in words; a host's own probes keep their names. */
    static String probe(String name) {
        return switch (name) {
            case "endpoint" -> "Character.AI's health route";
            case "official" -> "Official status page";
            case "control" -> "Our own network";
            case "passive" -> "This site's own chat calls";
            default -> name;
        };
    }

    /** A cause in words. */
    static String cause(Cause c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A stage in words: {@code IN_PROGRESS} is "In progress". */
    static String stage(Stage s) {
        String w = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    static String minute(Instant i) {
        return MINUTE.format(i);
    }

    static String second(Instant i) {
        return SECOND.format(i);
    }

    static String day(LocalDate d) {
        return DAY.format(d);
    }

    /** A length of time a person reads: "45 s", "53 min", "3 h 20 min", "2 days 4 h". */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long m = Math.round(s / 60.0);
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        return h / 24 + " days" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /**
     * Minutes as the history command counts them: to the hundredth, whole numbers without a fraction.
     *
     * @param d a duration
     * @return e.g. "23" or "5.25"
     */
    static String minutes(Duration d) {
        double v = Math.round(d.toMillis() / 600.0) / 100.0;
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** A ratio as a percentage with three decimals: "99.871%". */
    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.3f%%", ratio * 100);
    }

    /** The source of an incident, as the history section names it. */
    static String source(Incident i) {
        return switch (i.source()) {
            case OBSERVED -> "seen by this server";
            case OFFICIAL -> "official status page";
            case BUNDLED -> i.link().isPresent() ? "status page archive" : "2023 article";
        };
    }
}
