package io.github.caistatus.history;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory log whose availability prefers the status page's measured daily downtime, where it has one,
 * over incident times: the page's minutes come from its component states, the better measure.
 */
final class BundledIncidentLog extends ForwardingIncidentLog {

    private final InMemoryIncidentLog log;
    private final List<DailyDowntime> days;
    private final List<Instant[]> measured;

    BundledIncidentLog(InMemoryIncidentLog log, List<DailyDowntime> days) {
        super(log);
        this.log = log;
        this.days = List.copyOf(days);
        List<Instant[]> spans = new ArrayList<>();
        for (DailyDowntime d : this.days) {
            spans.add(new Instant[] {d.start(), d.end()});
        }
        this.measured = Intervals.merge(spans);
    }

    @Override
    public Availability availability(Instant from, Instant to) {
        Availability outside = log.availability(from, to, measured);
        Duration major = outside.majorDowntime();
        Duration partial = outside.partialDowntime();
        for (DailyDowntime d : days) {
            Instant s = d.start().isAfter(from) ? d.start() : from;
            Instant e = d.end().isBefore(to) ? d.end() : to;
            if (!s.isBefore(e)) {
                continue;
            }
            long part = Duration.between(s, e).toMillis();
            long whole = Duration.between(d.start(), d.end()).toMillis();
            major = major.plus(share(d.major(), part, whole));
            partial = partial.plus(share(d.partial(), part, whole));
        }
        return new Availability(from, to, major, partial, outside.unknownDurations());
    }

    private static Duration share(Duration minutes, long part, long whole) {
        if (part == whole) {
            return minutes;
        }
        return Duration.ofMillis(Math.round(minutes.toMillis() * (double) part / whole));
    }

    @Override
    public void append(Incident incident) {
        log.append(incident);
    }

    @Override
    public Optional<Incident> resolve(String id, Instant end) {
        return log.resolve(id, end);
    }
}
