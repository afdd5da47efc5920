package io.github.caistatus.probe;

import org.json.JSONArray;
import org.json.JSONObject;

/** Statuspage v2 summary documents for the tests, built with org.json so every value is properly escaped. */
final class Summaries {

    private Summaries() {
    }

    static JSONObject summary(String indicator, String description) {
        return new JSONObject()
                .put("page", new JSONObject().put("id", "cai").put("name", "Character.AI")
                        .put("url", "https://status.character.ai")
                        .put("updated_at", "2026-07-01T11:58:00.123Z"))
                .put("status", new JSONObject().put("indicator", indicator).put("description", description))
                .put("components", new JSONArray())
                .put("incidents", new JSONArray())
                .put("scheduled_maintenances", new JSONArray());
    }

    static JSONObject operational() {
        return summary("none", "All Systems Operational");
    }

    static JSONObject component(String id, String name, String status) {
        return new JSONObject().put("id", id).put("name", name).put("status", status).put("group", false)
                .put("group_id", JSONObject.NULL);
    }

    static JSONObject incident(String id, String name, String status, String impact) {
        return new JSONObject().put("id", id).put("name", name).put("status", status).put("impact", impact)
                .put("created_at", "2026-07-01T10:05:00.000-07:00")
                .put("started_at", "2026-07-01T10:00:00.000-07:00")
                .put("resolved_at", JSONObject.NULL)
                .put("shortlink", "https://stspg.io/abc")
                .put("incident_updates", new JSONArray()
                        .put(update("u2", "identified", "2026-07-01T10:20:00.000-07:00",
                                "The cause is a failing database node; a fix is rolling out."))
                        .put(update("u1", "investigating", "2026-07-01T10:06:00.000-07:00",
                                "We are looking into elevated error rates on chat.")));
    }

    static JSONObject maintenance(String id, String status) {
        return new JSONObject().put("id", id).put("name", "Database upgrade").put("status", status)
                .put("impact", "maintenance")
                .put("created_at", "2026-06-28T09:00:00.000Z")
                .put("scheduled_for", "2026-07-01T17:00:00.000Z")
                .put("scheduled_until", "2026-07-01T18:00:00.000Z")
                .put("incident_updates", new JSONArray()
                        .put(update("m1", "scheduled", "2026-06-28T09:00:00.000Z", "Planned upgrade.")));
    }

    static JSONObject update(String id, String status, String at, String body) {
        return new JSONObject().put("id", id).put("status", status).put("body", body).put("created_at", at)
                .put("display_at", at);
    }
}
