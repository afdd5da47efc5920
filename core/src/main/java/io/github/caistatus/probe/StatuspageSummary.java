package io.github.caistatus.probe;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Incident;
import io.github.caistatus.api.IncidentUpdate;
import io.github.caistatus.api.OfficialStatus;
import io.github.caistatus.api.Source;
import io.github.caistatus.api.Stage;
import static io.github.caistatus.probe.LenientJson.array;
import static io.github.caistatus.probe.LenientJson.flag;
import static io.github.caistatus.probe.LenientJson.instant;
import static io.github.caistatus.probe.LenientJson.nullable;
import static io.github.caistatus.probe.LenientJson.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Reads a Statuspage v2 {@code summary.json} into an {@link OfficialStatus} and judges it. Every documented value
 * is mapped; unknown values become {@link Health#UNKNOWN} (kept as raw words) and never fail the read. Each entry
 * (component, incident, maintenance, update) is read on its own: one with a wrong type anywhere (a number where a
 * string is expected, an object where an array is), no id or no usable date is skipped and counted, the rest of
 * the page is kept. Every word taken from the page is cleaned of control and format characters.
 *
 * <p>Scope: a component's trouble belongs to that component. Components that carry chat (by name or group name,
 * case-insensitively; see {@link OfficialPageProbe#DEFAULT_CHAT_COMPONENTS}) count at full weight; trouble of any
 * other component (a region, image generation) is at most {@link Health#PARTIAL_OUTAGE}. The whole service is
 * {@link Health#MAINTENANCE} only when the indicator says {@code maintenance}, a chat component is under
 * maintenance, or a maintenance in progress names no components or a chat one. When no component on the page is
 * a chat component, the page's components all together stand for the service: all of them under maintenance (or
 * in major outage) is the whole service's state.
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
     * @param root           the JSON document
     * @param now            when it was read: maintenances whose window is over by then are dropped
     * @param chatComponents names (lower case) of the components that carry chat
     * @return the reading, or empty when the document is not a Statuspage summary (no textual
     *         {@code status.indicator})
     */
    static Optional<Reading> read(JSONObject root, Instant now, Set<String> chatComponents) {
        JSONObject statusObj = root.optJSONObject("status");
        if (statusObj == null || !(statusObj.opt("indicator") instanceof String)) {
            return Optional.empty();
        }
        LenientJson json = new LenientJson();
        String indicator = clean(statusObj.getString("indicator"));
        String description = oneLine(json.lenient(() -> text(statusObj, "description"), ""));
        JSONObject page = root.optJSONObject("page");
        Optional<Instant> updatedAt = page == null ? Optional.empty()
                : json.lenient(() -> instant(text(page, "updated_at")), Optional.<Instant>empty());

        List<ComponentStatus> components = components(json.section(root, "components"), json);
        List<Incident> incidents = incidents(json.section(root, "incidents"), json);
        List<Incident> maintenances = new ArrayList<>();
        List<List<String>> running = new ArrayList<>();
        maintenances(json.section(root, "scheduled_maintenances"), now, maintenances, running, json);

        ChatScope scope = new ChatScope(chatComponents, components);
        Health fromIndicator = indicator(indicator);
        // the worst of what is known; an unknown word has no opinion and must not hide a known outage
        Health worst = Health.OPERATIONAL;
        worst = worstKnown(worst, fromIndicator);
        List<String> outside = new ArrayList<>();
        for (ComponentStatus c : components) {
            if (scope.carriesChat(c)) {
                worst = worstKnown(worst, c.health());
            } else {
                Health h = scope.outsideChat(c.health());
                if (h != c.health() && c.health() != Health.UNKNOWN) {
                    outside.add(c.name());
                }
                worst = worstKnown(worst, h);
            }
        }
        worst = worstKnown(worst, scope.wholePage());
        for (Incident i : incidents) {
            worst = worstKnown(worst, i.health());
        }
        boolean maintenanceRunning = false;
        for (List<String> affected : running) {
            if (scope.affectsChat(affected)) {
                maintenanceRunning = true;
                worst = Health.worst(worst, Health.MAINTENANCE);
            } else {
                worst = worstKnown(worst, Health.PARTIAL_OUTAGE);
                outside.add("maintenance of " + String.join(", ", affected));
            }
        }

        OfficialStatus status = new OfficialStatus(indicator, description, components, incidents, maintenances,
                updatedAt);
        StringBuilder detail = new StringBuilder(description.isEmpty() ? "no description" : description);
        detail.append(" (indicator ").append(indicator.isEmpty() ? "missing" : oneLine(indicator)).append(')');
        if (!incidents.isEmpty()) {
            detail.append("; ").append(incidents.size()).append(incidents.size() == 1 ? " incident" : " incidents");
        }
        if (maintenanceRunning) {
            detail.append("; maintenance in progress");
        } else if (!maintenances.isEmpty()) {
            detail.append("; ").append(maintenances.size()).append(" maintenance(s) scheduled");
        }
        if (!outside.isEmpty()) {
            detail.append("; not carrying chat: ").append(oneLine(String.join(", ", outside)));
        }
        int skipped = json.skipped();
        if (skipped > 0) {
            detail.append("; ").append(skipped).append(skipped == 1 ? " malformed entry" : " malformed entries")
                    .append(" skipped");
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

    private static List<ComponentStatus> components(JSONArray array, LenientJson json) {
        Map<String, String> groupNames = new HashMap<>();
        LenientJson uncounted = new LenientJson(); // each entry is counted once, below
        for (JSONObject c : uncounted.entries(array)) {
            uncounted.lenient(() -> {
                if (flag(c, "group")) {
                    groupNames.put(text(c, "id"), oneLine(text(c, "name")));
                }
                return null;
            }, null);
        }
        List<ComponentStatus> out = new ArrayList<>();
        for (JSONObject c : json.entries(array)) {
            ComponentStatus read = json.lenient(() -> {
                String id = text(c, "id");
                if (id.isEmpty()) {
                    throw new LenientJson.Malformed("id");
                }
                String raw = text(c, "status");
                String name = oneLine(text(c, "name"));
                flag(c, "group");
                Optional<String> group = Optional.ofNullable(groupNames.get(text(c, "group_id")));
                return new ComponentStatus(id, name.isEmpty() ? oneLine(id) : name, group, component(raw), raw);
            }, null);
            if (read != null) {
                out.add(read);
            }
        }
        return out;
    }

    private static List<Incident> incidents(JSONArray array, LenientJson json) {
        List<Incident> out = new ArrayList<>();
        for (JSONObject o : json.entries(array)) {
            Optional<Incident> inc = json.lenient(() -> {
                Stage stage = Stage.parse(nullable(text(o, "status")));
                if (stage.isFinal() || !text(o, "resolved_at").isEmpty()) {
                    return Optional.<Incident>empty(); // summary.json lists unresolved ones; resolved: no say on now
                }
                return incident(o, impact(text(o, "impact")), Cause.OFFICIAL_INCIDENT, false, "started_at", null,
                        json);
            }, Optional.empty());
            inc.ifPresent(out::add);
        }
        return out;
    }

    /**
     * Fills {@code out} with maintenances not completed and whose window is not over, and {@code running} with
     * the affected component names of each one in progress or verifying (empty: the whole page).
     */
    private static void maintenances(JSONArray array, Instant now, List<Incident> out, List<List<String>> running,
                                     LenientJson json) {
        for (JSONObject o : json.entries(array)) {
            json.lenient(() -> {
                Stage stage = Stage.parse(nullable(text(o, "status")));
                if (stage.isFinal()) {
                    return null;
                }
                List<String> affected = new ArrayList<>();
                JSONArray comps = array(o, "components");
                for (int k = 0; k < comps.length(); k++) {
                    Object c = comps.opt(k);
                    if (c instanceof JSONObject) {
                        String name = text((JSONObject) c, "name");
                        affected.add(name.isEmpty() ? text((JSONObject) c, "id") : name);
                    } else if (c instanceof String) {
                        affected.add(clean((String) c));
                    } else {
                        throw new LenientJson.Malformed("components");
                    }
                }
                Optional<Incident> inc = incident(o, Health.MAINTENANCE, Cause.MAINTENANCE, true, "scheduled_for",
                        "scheduled_until", json);
                if (inc.isEmpty()) {
                    json.skip();
                    return null;
                }
                boolean inProgress = stage == Stage.IN_PROGRESS || stage == Stage.VERIFYING;
                boolean over = inc.get().end().map(end -> !end.isAfter(now)).orElse(false);
                if (over && !inProgress) {
                    return null; // its window is over: not "next", whatever the page forgot to update
                }
                out.add(inc.get());
                if (inProgress) {
                    running.add(affected);
                }
                return null;
            }, null);
        }
    }

    private static Optional<Incident> incident(JSONObject o, Health health, Cause cause, boolean scheduled,
                                               String startField, String endField, LenientJson json) {
        String id = text(o, "id");
        Optional<Instant> start = instant(text(o, startField));
        if (start.isEmpty()) {
            start = instant(text(o, "created_at"));
        }
        if (id.isEmpty() || start.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> end = endField == null ? Optional.empty() : instant(text(o, endField));
        if (end.isPresent() && end.get().isBefore(start.get())) {
            end = Optional.empty();
        }
        List<IncidentUpdate> updates = new ArrayList<>();
        for (JSONObject u : json.entries(array(o, "incident_updates"))) {
            IncidentUpdate up = json.lenient(() -> {
                Optional<Instant> at = instant(text(u, "display_at"));
                if (at.isEmpty()) {
                    at = instant(text(u, "created_at"));
                }
                String word = text(u, "status");
                return at.map(t -> new IncidentUpdate(Stage.parse(nullable(word)), t, oneLine(word))).orElse(null);
            }, null);
            if (up != null) {
                updates.add(up);
            }
        }
        updates.sort(Comparator.comparing(IncidentUpdate::at));
        String link = text(o, "shortlink");
        String name = oneLine(text(o, "name"));
        return Optional.of(new Incident(id, SERVICE, start.get(), end, health, cause,
                name.isEmpty() ? "official incident" : name, Source.OFFICIAL, scheduled, updates,
                link.isBlank() ? Optional.empty() : Optional.of(link)));
    }

    /** Page text cleaned of control and format characters, whitespace collapsed. */
    static String clean(String s) {
        return PageText.clean(s);
    }

    /** Operator text, cleaned, on one line and trimmed to a short length. */
    static String oneLine(String s) {
        String t = PageText.clean(s);
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT - 3) + "..." : t;
    }
}
