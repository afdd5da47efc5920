package io.github.caistatus.probe;

import java.util.regex.Pattern;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * What the probes do with text a remote page sent: parse exactly one JSON document, and clean any words before
 * they reach a signal's detail, a summary or a terminal.
 */
final class PageText {

    /** Controls (C0, DEL, C1), format characters (bidi overrides, zero-width) and line/paragraph separators. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Zs}]+");

    private PageText() {
    }

    /**
     * Parses a body that must be one JSON object and nothing else: a leading UTF-8 byte order mark and
     * surrounding whitespace are tolerated; trailing garbage or a second document is not.
     *
     * @param body the decoded body
     * @return the object
     * @throws JSONException if the body is not exactly one JSON object; the message says why
     */
    static JSONObject oneObject(String body) {
        String t = body.startsWith("\uFEFF") ? body.substring(1) : body;
        JSONTokener tokener = new JSONTokener(t);
        if (tokener.nextClean() != '{') {
            throw new JSONException("not a JSON object");
        }
        tokener.back();
        JSONObject o = new JSONObject(tokener);
        if (tokener.nextClean() != 0) {
            throw new JSONException("more after the JSON document");
        }
        return o;
    }

    /**
     * Remote text made safe to show: whitespace collapsed to single spaces, control and format characters
     * (terminal escapes, bidi overrides) removed, trimmed.
     *
     * @param s the text, may be null
     * @return the clean text, never null
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = WHITESPACE.matcher(s).replaceAll(" ");
        return UNPRINTABLE.matcher(t).replaceAll("").trim();
    }
}
