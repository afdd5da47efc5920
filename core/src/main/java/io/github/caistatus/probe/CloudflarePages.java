package io.github.caistatus.probe;

import io.github.caistatus.internal.http.FetchResult;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How Cloudflare's own pages are recognised: waiting room, bot challenge, error 1020, origin errors. */
final class CloudflarePages {

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private CloudflarePages() {
    }

    /** The HTML title, whitespace collapsed; empty when there is none. */
    static String title(String html) {
        Matcher m = TITLE.matcher(html);
        return m.find() ? m.group(1).replaceAll("\\s+", " ").trim() : "";
    }

    /** Cloudflare Waiting Room pages are titled "... | Waiting Room powered by Cloudflare". */
    static boolean isWaitingRoom(String lowerTitle) {
        return lowerTitle.contains("waiting room powered by cloudflare");
    }

    /** The managed challenge ("Just a moment..."), or Cloudflare saying so in a header. */
    static boolean isChallenge(FetchResult.Answer a, String lowerTitle) {
        boolean header = a.header("cf-mitigated").map(v -> v.trim().equalsIgnoreCase("challenge")).orElse(false);
        return header || lowerTitle.startsWith("just a moment");
    }

    /** Cloudflare's firewall refusal, as plain text ("error code: 1020") or in its HTML error page. */
    static boolean isError1020(String body) {
        String b = body.toLowerCase(Locale.ROOT);
        return b.contains("error code: 1020") || b.contains("error 1020");
    }

    /** What Cloudflare's 52x codes mean. */
    static String originError(int status) {
        switch (status) {
            case 520: return "the origin answered something unknown";
            case 521: return "the origin web server is down";
            case 522: return "connection to the origin timed out";
            case 523: return "the origin is unreachable";
            case 524: return "the origin timed out";
            case 525: return "TLS handshake with the origin failed";
            case 526: return "the origin's certificate is invalid";
            default: return "origin error";
        }
    }
}
