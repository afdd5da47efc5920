package io.github.caistatus.history;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * The journal's line format: one JSON event a line, {@code append} (a whole incident) or {@code resolve} (an id and
 * an end), {@code "v"} first so that a reader can find where an event starts in a line a crash has torn.
 */
final class JournalEvents {

    /** The format's version, written into every event. */
    static final int VERSION = 1;

    private JournalEvents() {
    }

    /** One {@code append} event line, newline included. */
    static byte[] append(Incident incident) {
        return ("{\"v\":" + VERSION + ",\"op\":\"append\",\"incident\":" + json(incident) + "}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One {@code resolve} event line, newline included. */
    static byte[] resolve(String id, Instant end) {
        return ("{\"v\":" + VERSION + ",\"op\":\"resolve\",\"id\":" + JSONObject.quote(id) + ",\"end\":\"" + end
                + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an event may start at {@code at}: the first key of any event (or of its start, torn) follows. */
    static boolean startsEvent(String line, int at) {
        return line.startsWith("{\"v\":", at) || line.startsWith("{\"op\":", at)
                || line.startsWith("{\"incident\":", at) || line.startsWith("{\"id\":", at)
                || line.startsWith("{\"end\":", at);
    }

    /** The JSON object from {@code at} to the end of the line; nothing may follow it. */
    static JSONObject event(String line, int at) {
        JSONTokener tokens = new JSONTokener(at == 0 ? line : line.substring(at));
        JSONObject event = new JSONObject(tokens);
        if (tokens.nextClean() != 0) {
            throw new IllegalArgumentException("text after the event");
        }
        return event;
    }

    static JSONObject json(Incident i) {
        JSONArray updates = new JSONArray();
        for (IncidentUpdate u : i.updates()) {
            updates.put(new JSONObject().put("stage", u.stage().name()).put("at", u.at().toString()).put("note", u.note()));
        }
        return new JSONObject()
                .put("id", i.id())
                .put("service", i.service())
                .put("start", i.start().toString())
                .put("end", i.end().<Object>map(Instant::toString).orElse(JSONObject.NULL))
                .put("health", i.health().name())
                .put("cause", i.cause().name())
                .put("summary", i.summary())
                .put("source", i.source().name())
                .put("scheduled", i.scheduled())
                .put("updates", updates)
                .put("link", i.link().<Object>map(s -> s).orElse(JSONObject.NULL));
    }

    static Incident incident(JSONObject o) {
        List<IncidentUpdate> updates = new ArrayList<>();
        JSONArray ups = o.getJSONArray("updates");
        for (int k = 0; k < ups.length(); k++) {
            JSONObject u = ups.getJSONObject(k);
            updates.add(new IncidentUpdate(Stage.parse(u.getString("stage")), Instant.parse(u.getString("at")),
                    u.getString("note")));
        }
        return new Incident(
                o.getString("id"),
                o.getString("service"),
                Instant.parse(o.getString("start")),
                o.isNull("end") ? Optional.empty() : Optional.of(Instant.parse(o.getString("end"))),
                Health.valueOf(o.getString("health")),
                Cause.valueOf(o.getString("cause")),
                o.getString("summary"),
                Source.valueOf(o.getString("source")),
                o.getBoolean("scheduled"),
                updates,
                o.isNull("link") ? Optional.empty() : Optional.of(o.getString("link")));
    }
}
