package io.github.caistatus.guard;

import io.github.caistatus.api.Availability;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.OutageDurations;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.api.VerdictFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A status whose verdict the test sets; it tells listeners of health changes like the monitor does. */
final class FakeStatus implements VerdictFeed {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private volatile StatusSnapshot snapshot = snapshot(Health.OPERATIONAL, Cause.NONE);
    private final List<Consumer<StatusSnapshot>> observers = new CopyOnWriteArrayList<>();
    private final Map<Health, OutageDurations> typical = new EnumMap<>(Health.class);
    final AtomicInteger checkSoonCalls = new AtomicInteger();

    static StatusSnapshot snapshot(Health health, Cause cause) {
        return new StatusSnapshot(health, cause, health + " (test)", 1.0, T0, List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    void set(StatusSnapshot next) {
        snapshot = next;
        for (Consumer<StatusSnapshot> o : observers) {
            o.accept(next);
        }
    }

    void set(Health health, Cause cause) {
        set(snapshot(health, cause));
    }

    void typicalDuration(Health kind, Duration median) {
        typical.put(kind, new OutageDurations(kind, 5, median, median.multipliedBy(3)));
    }

    @Override
    public StatusSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void onVerdict(Consumer<StatusSnapshot> observer) {
        observers.add(observer);
    }

    @Override
    public IncidentLog incidents() {
        return new IncidentLog() {
            @Override
            public List<Incident> all() {
                return List.of();
            }

            @Override
            public List<Incident> between(Instant from, Instant to) {
                return List.of();
            }

            @Override
            public List<Incident> activeAt(Instant instant) {
                return List.of();
            }

            @Override
            public Optional<Incident> find(String id) {
                return Optional.empty();
            }

            @Override
            public void append(Incident incident) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Incident> resolve(String id, Instant end) {
                return Optional.empty();
            }

            @Override
            public Availability availability(Instant from, Instant to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<OutageDurations> typicalDuration(Health kind) {
                return Optional.ofNullable(typical.get(kind));
            }
        };
    }

    @Override
    public void checkSoon() {
        checkSoonCalls.incrementAndGet();
    }
}
