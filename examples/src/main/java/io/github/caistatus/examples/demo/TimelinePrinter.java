package io.github.caistatus.examples.demo;

import io.github.caistatus.api.Health;
import io.github.caistatus.examples.host.Answer;
import io.github.caistatus.examples.host.Answerer;
import io.github.caistatus.testkit.Mode;
import io.github.caistatus.guard.FallbackReason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Prints the demo's timeline, one line per run of messages that saw the same simulator mode, health and breaker
 * state: a hundred identical lines say less than one line with a count.
 */
final class TimelinePrinter {

    private static final Map<Mode, String> STORY = Map.of(
            Mode.UP, "Character.AI is up",
            Mode.WAITING_ROOM, "heavy load: users are sent to Cloudflare's waiting room",
            Mode.ERROR_500, "the chat backend fails with 500 Internal Server Error",
            Mode.MAINTENANCE, "scheduled maintenance begins (announced on the status page all along)",
            Mode.CF_524, "Cloudflare 524: the origin stopped answering",
            Mode.SLOW, "answers slow down",
            Mode.REFUSED, "connections refused",
            Mode.HANG, "calls are accepted and never answered");

    private final PrintWriter out;
    private Mode mode;
    private Health health;
    private CircuitBreaker.State breaker;
    private long since;
    private final Map<Answerer, Integer> counts = new EnumMap<>(Answerer.class);
    private final EnumSet<FallbackReason> reasons = EnumSet.noneOf(FallbackReason.class);
    private int failed;

    TimelinePrinter(PrintWriter out) {
        this.out = out;
    }

    void record(long atNanos, Mode m, Health h, CircuitBreaker.State b, Optional<Answer> answer) {
        if (m != mode || h != health || b != breaker) {
            flush();
            if (m != mode) {
                out.printf(Locale.ROOT, "  %6.2fs  -- simulator: %s%s --%n", atNanos / 1e9, m,
                        mode == null ? "" : ": " + STORY.get(m) + (m == Mode.UP ? " again" : ""));
            }
            mode = m;
            health = h;
            breaker = b;
            since = atNanos;
        }
        if (answer.isPresent()) {
            counts.merge(answer.get().by(), 1, Integer::sum);
            answer.get().reason().ifPresent(reasons::add);
        } else {
            failed++;
        }
    }

    void flush() {
        if (counts.isEmpty() && failed == 0) {
            return;
        }
        StringJoiner who = new StringJoiner(", ");
        counts.forEach((a, n) -> who.add(a.label() + " x" + n));
        if (failed > 0) {
            who.add("FAILED x" + failed);
        }
        StringJoiner why = new StringJoiner(", ", "  (", ")").setEmptyValue("");
        reasons.forEach(r -> why.add(r.name()));
        out.printf(Locale.ROOT, "  %6.2fs  %-13s %-15s %-12s %s%s%n", since / 1e9, mode, health, breaker, who, why);
        out.flush();
        counts.clear();
        reasons.clear();
        failed = 0;
    }
}
