package io.github.caistatus.examples.cli;

import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import java.time.Instant;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The JSON forms the commands print, in one place so that {@code status}, {@code history} and {@code web}
 * describe an incident the same way. Instants are ISO-8601 UTC; absent values are JSON {@code null}.
 */
final class JsonForms {

    private JsonForms() {
    }

    /**
     * An incident: {@code id, start, end, health, cause, summary, source, scheduled, link, updates}.
     *
     * @param i the incident
     * @return its JSON form
     */
    static JSONObject incident(Incident i) {
        JSONArray updates = new JSONArray();
        for (IncidentUpdate u : i.updates()) {
            updates.put(new JSONObject().put("stage", u.stage().name()).put("at", u.at().toString())
                    .put("note", u.note()));
        }
        return new JSONObject()
                .put("id", i.id())
                .put("start", i.start().toString())
                .put("end", i.end().<Object>map(Instant::toString).orElse(JSONObject.NULL))
                .put("health", i.health().name())
                .put("cause", i.cause().name())
                .put("summary", i.summary())
                .put("source", i.source().name())
                .put("scheduled", i.scheduled())
                .put("link", i.link().<Object>map(s -> s).orElse(JSONObject.NULL))
                .put("updates", updates);
    }
}
