package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.OfficialStatus;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Reads a Statuspage v2 {@code summary.json} into an {@link OfficialStatus} and judges it. Every documented value
 * is mapped; unknown values become {@link Health#UNKNOWN} (kept as raw words) and never fail the read; an entry
 * too broken to use (no id, no usable date) is skipped rather than failing the whole page.
 */
final class StatuspageSummary {

    /** The service every incident of this page is about. */
    static final String SERVICE = "character.ai";
    /** Operator text is shown as it is, but kept to one short line. */
    private static final int MAX_TEXT = 160;

    /** The judgement of one page read. */
    record Reading(OfficialStatus status, Health health, Cause cause, String detail) {
    }

    private StatuspageSummary() {
    }

    /**
     * Reads a parsed summary.
     *
     * @param root the JSON document
     * @return the reading, or empty when the document is not a Statuspage summary (no {@code status.indicator})
     */
    static Optional<Reading> read(JSONObject root) {
        JSONObject statusObj = root.optJSONObject("status");
        if (statusObj == null || !statusObj.has("indicator")) {
            return Optional.empty();
        }
        String indicator = statusObj.optString("indicator", "").trim();
        String description = oneLine(statusObj.optString("description", ""));
        JSONObject page = root.optJSONObject("page");
        Optional<Instant> updatedAt = page == null ? Optional.empty() : instant(page.optString("updated_at", null));

        List<ComponentStatus> components = components(root.optJSONArray("components"));
        List<Incident> incidents = incidents(root.optJSONArray("incidents"));
        List<Incident> maintenances = new ArrayList<>();
        boolean maintenanceRunning = maintenances(root.optJSONArray("scheduled_maintenances"), maintenances);

        Health fromIndicator = indicator(indicator);
        // the worst of what is known; an unknown word has no opinion and must not hide a known outage
        Health worst = Health.OPERATIONAL;
        worst = worstKnown(worst, fromIndicator);
        for (ComponentStatus c : components) {
            worst = worstKnown(worst, c.health());
        }
        for (Incident i : incidents) {
            worst = worstKnown(worst, i.health());
        }
        if (maintenanceRunning) {
            worst = Health.worst(worst, Health.MAINTENANCE);
        }

        OfficialStatus status = new OfficialStatus(indicator, description, components, incidents, maintenances,
                updatedAt);
        StringBuilder detail = new StringBuilder(description.isEmpty() ? "no description" : description);
        detail.append(" (indicator ").append(indicator.isEmpty() ? "missing" : indicator).append(')');
        if (!incidents.isEmpty()) {
            detail.append("; ").append(incidents.size()).append(incidents.size() == 1 ? " incident" : " incidents");
        }
        if (maintenanceRunning) {
            detail.append("; maintenance in progress");
        } else if (!maintenances.isEmpty()) {
            detail.append("; ").append(maintenances.size()).append(" maintenance(s) scheduled");
        }
        if (fromIndicator == Health.UNKNOWN && worst == Health.OPERATIONAL) {
            return Optional.of(new Reading(status, Health.UNKNOWN, Cause.OTHER,
                    "unknown indicator \"" + oneLine(indicator) + "\": " + detail));
        }
        Cause cause = worst == Health.MAINTENANCE ? Cause.MAINTENANCE
                : worst == Health.OPERATIONAL ? Cause.NONE : Cause.OFFICIAL_INCIDENT;
        return Optional.of(new Reading(status, worst, cause, detail.toString()));
    }

    private static Health worstKnown(Health acc, Health h) {
        return h == Health.UNKNOWN ? acc : Health.worst(acc, h);
    }

    /** {@code status.indicator}: none, minor, major, critical, maintenance. */
    static Health indicator(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "none": return Health.OPERATIONAL;
            case "minor": return Health.DEGRADED;
            case "major": return Health.PARTIAL_OUTAGE;
            case "critical": return Health.MAJOR_OUTAGE;
            case "maintenance": return Health.MAINTENANCE;
            default: return Health.UNKNOWN;
        }
    }

    /** A component's {@code status}. */
    static Health component(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "operational": return Health.OPERATIONAL;
            case "degraded_performance": return Health.DEGRADED;
            case "partial_outage": return Health.PARTIAL_OUTAGE;
            case "major_outage": return Health.MAJOR_OUTAGE;
            case "under_maintenance": return Health.MAINTENANCE;
            default: return Health.UNKNOWN;
        }
    }

    /** An incident's {@code impact}: the same scale as the indicator. */
    static Health impact(String word) {
        return indicator(word);
    }

    private static List<ComponentStatus> components(JSONArray array) {
        List<ComponentStatus> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        Map<String, String> groupNames = new HashMap<>();
        for (int i = 0; i < array.length(); i++) {
            JSONObject c = array.optJSONObject(i);
            if (c != null && c.optBoolean("group", false)) {
                groupNames.put(c.optString("id", ""), oneLine(c.optString("name", "")));
            }
        }
        for (int i = 0; i < array.length(); i++) {
            JSONObject c = array.optJSONObject(i);
            if (c == null || c.optString("id", "").isEmpty()) {
                continue;
            }
            String raw = c.optString("status", "");
            String groupId = c.optString("group_id", "");
            Optional<String> group = Optional.ofNullable(groupNames.get(groupId));
            out.add(new ComponentStatus(c.getString("id"), oneLine(c.optString("name", c.getString("id"))), group,
                    component(raw), raw));
        }
        return out;
    }

    private static List<Incident> incidents(JSONArray array) {
        List<Incident> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.length(); i++) {
            JSONObject o = array.optJSONObject(i);
            if (o == null) {
                continue;
            }
            Stage stage = Stage.parse(o.optString("status", null));
            if (stage.isFinal() || o.has("resolved_at") && !o.isNull("resolved_at")) {
                continue; // summary.json lists unresolved incidents; a resolved one has no say on "now"
            }
            Optional<Incident> inc = incident(o, impact(o.optString("impact", "")), Cause.OFFICIAL_INCIDENT, false,
                    "started_at", null);
            inc.ifPresent(out::add);
        }
        return out;
    }

    /** Fills {@code out} with maintenances not completed; answers whether one is running (in progress, verifying). */
    private static boolean maintenances(JSONArray array, List<Incident> out) {
        if (array == null) {
            return false;
        }
        boolean running = false;
        for (int i = 0; i < array.length(); i++) {
            JSONObject o = array.optJSONObject(i);
            if (o == null) {
                continue;
            }
            Stage stage = Stage.parse(o.optString("status", null));
            if (stage.isFinal()) {
                continue;
            }
            Optional<Incident> inc = incident(o, Health.MAINTENANCE, Cause.MAINTENANCE, true, "scheduled_for",
                    "scheduled_until");
            if (inc.isPresent()) {
                out.add(inc.get());
                running |= stage == Stage.IN_PROGRESS || stage == Stage.VERIFYING;
            }
        }
        return running;
    }

    private static Optional<Incident> incident(JSONObject o, Health health, Cause cause, boolean scheduled,
                                               String startField, String endField) {
        String id = o.optString("id", "");
        Optional<Instant> start = instant(o.optString(startField, null));
        if (start.isEmpty()) {
            start = instant(o.optString("created_at", null));
        }
        if (id.isEmpty() || start.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> end = endField == null ? Optional.empty() : instant(o.optString(endField, null));
        if (end.isPresent() && end.get().isBefore(start.get())) {
            end = Optional.empty();
        }
        List<IncidentUpdate> updates = new ArrayList<>();
        JSONArray ups = o.optJSONArray("incident_updates");
        if (ups != null) {
            for (int k = 0; k < ups.length(); k++) {
                JSONObject u = ups.optJSONObject(k);
                if (u == null) {
                    continue;
                }
                Optional<Instant> at = instant(u.optString("display_at", null));
                if (at.isEmpty()) {
                    at = instant(u.optString("created_at", null));
                }
                String word = u.optString("status", "");
                if (at.isPresent()) {
                    updates.add(new IncidentUpdate(Stage.parse(word), at.get(), oneLine(word)));
                }
            }
        }
        updates.sort(Comparator.comparing(IncidentUpdate::at));
        String link = o.optString("shortlink", "");
        String name = oneLine(o.optString("name", ""));
        return Optional.of(new Incident(id, SERVICE, start.get(), end, health, cause,
                name.isEmpty() ? "official incident" : name, Source.OFFICIAL, scheduled, updates,
                link.isBlank() ? Optional.empty() : Optional.of(link.trim())));
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank() || text.equals("null")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text.trim()));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** Operator text, whitespace collapsed to one line and trimmed to a short length. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT - 3) + "..." : t;
    }
}
