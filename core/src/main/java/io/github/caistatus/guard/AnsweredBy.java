package io.github.caistatus.guard;

/**
 * Who answered a guarded call, in an {@link Answer}.
 *
 * <pre>{@code
 * Answer<String> a = guard.call(() -> cai.send(msg)).fallback(Fallbacks.cannedReply()).answer();
 * if (a.answeredBy() == AnsweredBy.FALLBACK) metrics.increment("chat.fallback");
 * }</pre>
 */
public enum AnsweredBy {
    /** Character.AI itself: the guarded call succeeded (possibly after a patient retry, or as a trial). */
    CHARACTER_AI,
    /** One of the fallbacks, because Character.AI could not answer. */
    FALLBACK
}
