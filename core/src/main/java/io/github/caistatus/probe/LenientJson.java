package io.github.caistatus.probe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Reads a remote document's entries one at a time, leniently: an entry with a value of the wrong type (a number
 * where a string is expected, an object where an array is) is skipped and counted, and the rest of the document
 * kept. Every text read is cleaned of control and format characters. One instance counts the skips of one read.
 */
final class LenientJson {

    /** An entry with a value of the wrong type: skipped, the rest of the page kept. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String field) {
            super(field, null, false, false);
        }
    }

    private int skipped;

    /** How many entries were skipped so far. */
    int skipped() {
        return skipped;
    }

    /** Counts one entry skipped. */
    void skip() {
        skipped++;
    }

    /** A top-level list; a value that is not an array is a malformed section, read as empty. */
    JSONArray section(JSONObject root, String key) {
        Object v = root.opt(key);
        if (v instanceof JSONArray) {
            return (JSONArray) v;
        }
        if (v != null && v != JSONObject.NULL) {
            skipped++;
        }
        return new JSONArray();
    }

    /** The objects of a list, in order; anything else in it is skipped and counted. */
    List<JSONObject> entries(JSONArray array) {
        List<JSONObject> out = new ArrayList<>(array.length());
        for (int i = 0; i < array.length(); i++) {
            Object e = array.opt(i);
            if (e instanceof JSONObject) {
                out.add((JSONObject) e);
            } else {
                skipped++;
            }
        }
        return out;
    }

    /** Runs one entry's read; a wrong type in it (or any other surprise) skips the entry and counts it. */
    <T> T lenient(Supplier<T> read, T skippedValue) {
        try {
            return read.get();
        } catch (Malformed | JSONException | ClassCastException | IllegalArgumentException e) {
            skipped++;
            return skippedValue;
        }
    }

    /** A text field: absent or null is empty; any other type than a string makes the entry malformed. */
    static String text(JSONObject o, String key) {
        return PageText.clean(field(o, key, String.class, ""));
    }

    /** A boolean field: absent or null is false; any other type than a boolean makes the entry malformed. */
    static boolean flag(JSONObject o, String key) {
        return field(o, key, Boolean.class, Boolean.FALSE);
    }

    /** A list field: absent or null is empty; any other type than an array makes the entry malformed. */
    static JSONArray array(JSONObject o, String key) {
        return field(o, key, JSONArray.class, new JSONArray());
    }

    private static <T> T field(JSONObject o, String key, Class<T> type, T absent) {
        Object v = o.opt(key);
        if (v == null || v == JSONObject.NULL) {
            return absent;
        }
        if (!type.isInstance(v)) {
            throw new Malformed(key);
        }
        return type.cast(v);
    }

    /** Empty text as null, for parsers that take null as "not given". */
    static String nullable(String s) {
        return s.isEmpty() ? null : s;
    }

    /** An ISO-8601 date with an offset (or a plain instant); anything else, or nothing, is empty. */
    static Optional<Instant> instant(String text) {
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
}
