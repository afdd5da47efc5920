package io.github.caistatus.examples.cli;

import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.Signal;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONObject;

/** Renders a {@link StatusSnapshot} for people (a short block) or for programs (JSON). */
final class StatusReport {

    private StatusReport() {
    }

    /**
     * The monitoring-plugin exit code of a health: 0 operational, 1 degraded or partial outage, 2 major outage
     * or maintenance, 3 unknown.
     */
    static int exitCode(Health health) {
        switch (health) {
            case OPERATIONAL:
                return 0;
            case DEGRADED:
            case PARTIAL_OUTAGE:
                return 1;
            case MAJOR_OUTAGE:
            case MAINTENANCE:
                return 2;
            default:
                return 3;
        }
    }

    static JSONObject json(StatusSnapshot s) {
        JSONObject o = new JSONObject();
        o.put("health", s.health().name());
        o.put("cause", s.cause().name());
        o.put("summary", s.summary());
        o.put("confidence", s.confidence());
        o.put("observedAt", s.observedAt().toString());
        JSONArray signals = new JSONArray();
        for (Signal sig : s.signals()) {
            JSONObject j = new JSONObject();
            j.put("probe", sig.probe());
            j.put("health", sig.health().name());
            j.put("cause", sig.cause().name());
            j.put("latencyMillis", sig.latency().toMillis());
            j.put("detail", sig.detail());
            j.put("observedAt", sig.observedAt().toString());
            j.put("retryAfterSeconds", seconds(sig.retryAfter()));
            signals.put(j);
        }
        o.put("signals", signals);
        JSONArray components = new JSONArray();
        for (ComponentStatus c : s.components()) {
            JSONObject j = new JSONObject();
            j.put("id", c.id());
            j.put("name", c.name());
            j.put("group", c.group().isPresent() ? c.group().get() : JSONObject.NULL);
            j.put("health", c.health().name());
            j.put("status", c.rawStatus());
            components.put(j);
        }
        o.put("components", components);
        JSONArray incidents = new JSONArray();
        for (Incident i : s.incidents()) {
            incidents.put(JsonForms.incident(i));
        }
        o.put("incidents", incidents);
        o.put("nextMaintenance", s.nextMaintenance().isPresent() ? JsonForms.incident(s.nextMaintenance().get())
                : JSONObject.NULL);
        o.put("retryAfterSeconds", seconds(s.retryAfter()));
        o.put("exitCode", exitCode(s.health()));
        return o;
    }

    private static Object seconds(Optional<Duration> d) {
        return d.isPresent() ? (Object) d.get().toSeconds() : JSONObject.NULL;
    }

    static String text(StatusSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("Character.AI: ").append(words(s.health().name()).toUpperCase(Locale.ROOT));
        if (s.cause() != io.github.caistatus.api.Cause.NONE) {
            b.append(" (").append(words(s.cause().name())).append(')');
        }
        b.append(String.format(Locale.ROOT, "   confidence %.2f%n", s.confidence()));
        b.append("  ").append(s.summary()).append('\n');
        b.append("  checked at ").append(s.observedAt()).append('\n');
        if (!s.signals().isEmpty()) {
            b.append('\n');
            b.append(String.format(Locale.ROOT, "  %-9s %-15s %-19s %8s  %s%n", "signal", "health", "cause",
                    "latency", "detail"));
            for (Signal sig : s.signals()) {
                b.append(String.format(Locale.ROOT, "  %-9s %-15s %-19s %5d ms  %s%n", sig.probe(),
                        sig.health().name(), sig.cause().name(), sig.latency().toMillis(), sig.detail()));
            }
        }
        if (!s.components().isEmpty()) {
            b.append('\n').append("  components:\n");
            for (ComponentStatus c : s.components()) {
                b.append("    ").append(c.group().map(g -> g + " / ").orElse("")).append(c.name()).append(": ")
                        .append(words(c.health().name())).append('\n');
            }
        }
        if (!s.incidents().isEmpty()) {
            b.append('\n').append("  incidents:\n");
            for (Incident i : s.incidents()) {
                b.append("    ").append(i.start()).append("  ").append(words(i.health().name())).append("  ")
                        .append(i.summary()).append(" [").append(words(i.source().name())).append("]\n");
            }
        }
        s.nextMaintenance().ifPresent(m -> b.append('\n').append("  next maintenance: ").append(m.start())
                .append(m.end().map(e -> " to " + e).orElse("")).append("  ").append(m.summary()).append('\n'));
        s.retryAfter().ifPresent(d -> b.append("  retry after: ").append(d.toSeconds()).append(" s\n"));
        return b.toString();
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
