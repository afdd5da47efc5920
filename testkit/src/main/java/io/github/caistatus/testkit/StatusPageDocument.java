package io.github.caistatus.testkit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Writes the Statuspage v2 {@code summary.json} a real page would publish for a simulated moment: the indicator,
 * two components, the unresolved incident of the current mode and the timeline's maintenances.
 *
 * <p>Everything in it is derived from the timeline, never from the wall clock at request time, so the document
 * stays byte-identical (and its ETag stable) while nothing changes.
 */
final class StatusPageDocument {

    static final String PAGE_ID = "sim0cai0status";
    /** How long a maintenance lasts when nothing in the timeline ends it: what the page announces. */
    static final Duration OPEN_MAINTENANCE_LENGTH = Duration.ofHours(1);

    private StatusPageDocument() {
    }

    /**
     * The moment to describe.
     *
     * @param mode       the current mode
     * @param position   how far into the timeline we are
     * @param stepStart  when the current mode began, from the start of the timeline
     * @param started    the instant the timeline started
     * @param windows    the timeline's maintenance windows
     */
    record Moment(Mode mode, Duration position, Duration stepStart, Instant started, List<Timeline.Window> windows) {
        Instant at(Duration offset) {
            return started.plus(offset);
        }
    }

    static JSONObject summary(Moment m, OfficialPage behaviour, URI pageUrl) {
        Mode shown = behaviour == OfficialPage.SILENT || m.mode() == Mode.HANG ? Mode.UP : m.mode();
        String changed = m.at(m.stepStart()).toString();
        JSONObject doc = new JSONObject();
        doc.put("page", page(pageUrl, changed));
        doc.put("status", status(shown));
        JSONArray components = new JSONArray();
        components.put(component("sim0chat", "Chat", chatStatus(shown), 1, changed));
        components.put(component("sim0web", "Website", webStatus(shown), 2, changed));
        doc.put("components", components);
        JSONArray incidents = new JSONArray();
        if (impact(shown) != null) {
            incidents.put(incident(m, shown, pageUrl, changed));
        }
        doc.put("incidents", incidents);
        JSONArray maintenances = new JSONArray();
        if (behaviour == OfficialPage.HONEST) {
            for (int i = 0; i < m.windows().size(); i++) {
                maintenances.put(maintenance(m, m.windows().get(i), i, pageUrl));
            }
        }
        doc.put("scheduled_maintenances", maintenances);
        return doc;
    }

    /** The smaller {@code status.json}: page and indicator only. */
    static JSONObject status(Moment m, OfficialPage behaviour, URI pageUrl) {
        Mode shown = behaviour == OfficialPage.SILENT || m.mode() == Mode.HANG ? Mode.UP : m.mode();
        JSONObject doc = new JSONObject();
        doc.put("page", page(pageUrl, m.at(m.stepStart()).toString()));
        doc.put("status", status(shown));
        return doc;
    }

    private static JSONObject page(URI url, String updatedAt) {
        return new JSONObject()
                .put("id", PAGE_ID)
                .put("name", "Character.AI (simulated)")
                .put("url", url.toString())
                .put("time_zone", "Etc/UTC")
                .put("updated_at", updatedAt);
    }

    private static JSONObject status(Mode shown) {
        String indicator;
        String description;
        switch (shown) {
            case UP, HANG -> {
                indicator = "none";
                description = "All Systems Operational";
            }
            case SLOW, WAITING_ROOM -> {
                indicator = "minor";
                description = "Partially Degraded Service";
            }
            case ERROR_500, CF_524 -> {
                indicator = "major";
                description = "Partial System Outage";
            }
            case REFUSED -> {
                indicator = "critical";
                description = "Major System Outage";
            }
            case MAINTENANCE -> {
                indicator = "maintenance";
                description = "Service Under Maintenance";
            }
            default -> throw new IllegalStateException("unhandled mode " + shown);
        }
        return new JSONObject().put("indicator", indicator).put("description", description);
    }

    private static String chatStatus(Mode shown) {
        return switch (shown) {
            case UP, HANG -> "operational";
            case SLOW, WAITING_ROOM -> "degraded_performance";
            case ERROR_500, CF_524, REFUSED -> "major_outage";
            case MAINTENANCE -> "under_maintenance";
        };
    }

    private static String webStatus(Mode shown) {
        return switch (shown) {
            case UP, HANG -> "operational";
            case SLOW, WAITING_ROOM -> "degraded_performance";
            case ERROR_500 -> "partial_outage";
            case CF_524, REFUSED -> "major_outage";
            case MAINTENANCE -> "under_maintenance";
        };
    }

    /** The impact of the incident a mode opens, or null when it opens none (maintenance is not an incident). */
    private static String impact(Mode shown) {
        return switch (shown) {
            case UP, HANG, MAINTENANCE -> null;
            case SLOW, WAITING_ROOM -> "minor";
            case ERROR_500, CF_524 -> "major";
            case REFUSED -> "critical";
        };
    }

    private static String incidentName(Mode shown) {
        return switch (shown) {
            case SLOW -> "Slow responses";
            case WAITING_ROOM -> "High traffic: some users are placed in a waiting room";
            case ERROR_500 -> "Chats failing with internal errors";
            case CF_524 -> "Chats timing out behind the CDN";
            case REFUSED -> "Character.AI is unreachable";
            default -> throw new IllegalStateException("no incident for " + shown);
        };
    }

    private static JSONObject component(String id, String name, String status, int position, String updatedAt) {
        return new JSONObject()
                .put("id", id)
                .put("name", name)
                .put("status", status)
                .put("created_at", "2023-01-01T00:00:00Z")
                .put("updated_at", updatedAt)
                .put("position", position)
                .put("description", JSONObject.NULL)
                .put("showcase", false)
                .put("start_date", JSONObject.NULL)
                .put("group_id", JSONObject.NULL)
                .put("page_id", PAGE_ID)
                .put("group", false)
                .put("only_show_if_degraded", false);
    }

    private static JSONObject incident(Moment m, Mode shown, URI pageUrl, String createdAt) {
        String id = "sim0inc0" + m.stepStart().toMillis();
        JSONObject update = new JSONObject()
                .put("id", id + "0u")
                .put("status", "investigating")
                .put("body", "We are looking into reports of " + incidentName(shown).toLowerCase() + ".")
                .put("incident_id", id)
                .put("created_at", createdAt)
                .put("updated_at", createdAt)
                .put("display_at", createdAt)
                .put("affected_components", JSONObject.NULL)
                .put("deliver_notifications", true);
        return new JSONObject()
                .put("id", id)
                .put("name", incidentName(shown))
                .put("status", "investigating")
                .put("impact", impact(shown))
                .put("created_at", createdAt)
                .put("updated_at", createdAt)
                .put("started_at", createdAt)
                .put("monitoring_at", JSONObject.NULL)
                .put("resolved_at", JSONObject.NULL)
                .put("shortlink", pageUrl.resolve("/incidents/" + id).toString())
                .put("page_id", PAGE_ID)
                .put("incident_updates", new JSONArray().put(update))
                .put("components", new JSONArray());
    }

    private static JSONObject maintenance(Moment m, Timeline.Window w, int index, URI pageUrl) {
        String id = "sim0mnt0" + index;
        Duration end = w.end().orElse(w.start().plus(OPEN_MAINTENANCE_LENGTH));
        String status;
        if (m.position().compareTo(w.start()) < 0) {
            status = "scheduled";
        } else if (w.end().isEmpty() || m.position().compareTo(end) < 0) {
            status = "in_progress";
        } else {
            status = "completed";
        }
        // the announcement is published when the timeline starts; later updates when the window opens and closes
        Duration updated = switch (status) {
            case "scheduled" -> Duration.ZERO;
            case "in_progress" -> w.start();
            default -> end;
        };
        String updatedAt = m.at(updated).toString();
        JSONObject update = new JSONObject()
                .put("id", id + "0u")
                .put("status", status)
                .put("body", switch (status) {
                    case "scheduled" -> "Planned maintenance of the chat service.";
                    case "in_progress" -> "Maintenance is under way; chats are unavailable until it ends.";
                    default -> "Maintenance is complete.";
                })
                .put("incident_id", id)
                .put("created_at", updatedAt)
                .put("updated_at", updatedAt)
                .put("display_at", updatedAt)
                .put("affected_components", JSONObject.NULL)
                .put("deliver_notifications", true);
        return new JSONObject()
                .put("id", id)
                .put("name", "Scheduled maintenance")
                .put("status", status)
                .put("impact", "maintenance")
                .put("created_at", m.at(Duration.ZERO).toString())
                .put("updated_at", updatedAt)
                .put("started_at", m.at(w.start()).toString())
                .put("monitoring_at", JSONObject.NULL)
                .put("resolved_at", "completed".equals(status) ? m.at(end).toString() : JSONObject.NULL)
                .put("scheduled_for", m.at(w.start()).toString())
                .put("scheduled_until", m.at(end).toString())
                .put("shortlink", pageUrl.resolve("/incidents/" + id).toString())
                .put("page_id", PAGE_ID)
                .put("incident_updates", new JSONArray().put(update))
                .put("components", new JSONArray());
    }
}
