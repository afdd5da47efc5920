package io.github.caistatus.examples.demo;

import io.github.caistatus.examples.host.Answerer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * What the demo measured.
 *
 * @param messages        messages sent
 * @param answeredBy      how many each answerer answered
 * @param failed          messages nobody answered
 * @param detectionMillis from the outage's start to the first message a fallback served without waiting on
 *                        Character.AI; empty if that never happened
 * @param recoveryMillis  from the service's recovery to the first message Character.AI answered again; empty if
 *                        that never happened
 * @param durationMillis  how long the whole demo took, setup included
 */
public record DemoReport(int messages, Map<Answerer, Integer> answeredBy, int failed,
                         Optional<Long> detectionMillis, Optional<Long> recoveryMillis, long durationMillis) {

    /** Copies the counts, with a zero for every answerer that answered nothing. */
    public DemoReport {
        Map<Answerer, Integer> counts = new EnumMap<>(Answerer.class);
        for (Answerer a : Answerer.values()) {
            counts.put(a, answeredBy.getOrDefault(a, 0));
        }
        answeredBy = Map.copyOf(counts);
        Objects.requireNonNull(detectionMillis, "detectionMillis");
        Objects.requireNonNull(recoveryMillis, "recoveryMillis");
    }

    /**
     * How many messages one answerer answered.
     *
     * @param who the answerer
     * @return the count
     */
    public int answered(Answerer who) {
        return answeredBy.get(who);
    }

    /**
     * The summary as one line of JSON, keys in this order: {@code {"messages":N,"answeredBy":{"primary":a,
     * "alternative":b,"canned":c},"failed":0,"detectionMillis":…,"recoveryMillis":…,"durationMillis":…}}; a time
     * never measured is {@code null}.
     *
     * @return the JSON text
     */
    public String toJson() {
        // JSONStringer rather than JSONObject: it keeps the keys in the documented order
        JSONStringer json = new JSONStringer();
        json.object().key("messages").value(messages).key("answeredBy").object();
        for (Answerer a : Answerer.values()) {
            json.key(a.label()).value(answered(a));
        }
        json.endObject()
                .key("failed").value(failed)
                .key("detectionMillis").value(detectionMillis.<Object>map(v -> v).orElse(JSONObject.NULL))
                .key("recoveryMillis").value(recoveryMillis.<Object>map(v -> v).orElse(JSONObject.NULL))
                .key("durationMillis").value(durationMillis)
                .endObject();
        return json.toString();
    }
}
