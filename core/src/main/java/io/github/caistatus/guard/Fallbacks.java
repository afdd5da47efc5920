package io.github.caistatus.guard;

import java.util.Objects;
import java.util.function.Function;

/**
 * Ready-made fallbacks: a canned reply that says kindly why Character.AI cannot answer and for how long, as text
 * or as the host's own reply type. Another provider is a lambda ({@code ctx -> other.send(msg)}); waiting and
 * retrying is a policy of the call ({@link GuardedCall#patience(Patience)}), not a fallback.
 *
 * <pre>{@code
 * String reply = status.guard().call(() -> cai.send(msg))
 *         .patience(Patience.of(2, Duration.ofSeconds(1)))
 *         .fallback(ctx -> otherProvider.send(msg))
 *         .fallback(Fallbacks.cannedReply("Sorry! {reason}. Back in {wait}?"))
 *         .get();
 * }</pre>
 */
public final class Fallbacks {

    private Fallbacks() {
    }

    /**
     * A canned reply that says why and for how long, e.g.
     * "Character.AI is down for maintenance; usually back within ~45 minutes" ({@link FallbackContext#describe()}).
     *
     * <pre>{@code
     * String reply = guard.call(() -> cai.send(msg)).fallback(Fallbacks.cannedReply()).get();
     * }</pre>
     *
     * @return the fallback
     */
    public static Fallback<String> cannedReply() {
        return FallbackContext::describe;
    }

    /**
     * A canned reply of the host's own type, made from the sentence {@link #cannedReply()} gives: for a chat call
     * whose result is not a {@code String}.
     *
     * <pre>{@code
     * ChatReply reply = guard.call(() -> cai.chat(request))
     *         .fallback(Fallbacks.cannedReply(ChatReply::system))   // ChatReply system(String text)
     *         .get();
     * }</pre>
     *
     * @param reply makes the reply from the sentence; it may throw to pass the turn to the next fallback
     * @param <T>   the result type
     * @return the fallback
     */
    public static <T> Fallback<T> cannedReply(Function<String, ? extends T> reply) {
        Objects.requireNonNull(reply, "reply");
        return context -> reply.apply(context.describe());
    }

    /**
     * A canned reply from a template: {@code {reason}} becomes the reason as a phrase ("Character.AI is down
     * for maintenance"), {@code {wait}} the expected wait ("~45 minutes", or "a while" when unknown). A
     * template with neither is returned as it is, with no work per call.
     *
     * <pre>{@code
     * Fallbacks.cannedReply("{reason}. I'll be back in {wait}!")
     * }</pre>
     *
     * @param template the text
     * @return the fallback
     */
    public static Fallback<String> cannedReply(String template) {
        Objects.requireNonNull(template, "template");
        boolean reason = template.contains("{reason}");
        boolean wait = template.contains("{wait}");
        if (!reason && !wait) {
            return context -> template;
        }
        return context -> {
            String text = template;
            if (reason) {
                text = text.replace("{reason}", context.what());
            }
            if (wait) {
                text = text.replace("{wait}", context.waitText());
            }
            return text;
        };
    }
}
