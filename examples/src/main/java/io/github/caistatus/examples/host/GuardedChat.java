package io.github.caistatus.examples.host;

import io.github.caistatus.guard.CharacterAiUnavailableException;
import io.github.caistatus.guard.Fallback;
import io.github.caistatus.guard.FallbackContext;
import io.github.caistatus.guard.Fallbacks;
import io.github.caistatus.guard.Guard;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The chat every example host app shares: Character.AI first, behind the guard; then another provider; then a
 * canned reply that says why and how long to wait. Three lines of guard code are the whole point:
 *
 * <pre>{@code
 * guard.call(() -> cai.send(message))
 *      .fallback(ctx -> backup.send(message))      // explore alternatives
 *      .fallback(Fallbacks.cannedReply("{reason}; back in {wait}."))   // say why and how long
 *      .get();
 * }</pre>
 *
 * <p>Thread-safe when its parts are.
 */
public final class GuardedChat {

    private final Guard guard;
    private final Function<String, String> primary;
    private final EchoBot alternative;

    /**
     * Creates the chat.
     *
     * @param guard       the guard the primary is called through
     * @param primary     the call to Character.AI, e.g. {@code chatClient::send}
     * @param alternative the backup provider
     */
    public GuardedChat(Guard guard, Function<String, String> primary, EchoBot alternative) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.alternative = Objects.requireNonNull(alternative, "alternative");
    }

    /**
     * Sends one message and says who answered.
     *
     * @param message the message
     * @return the answer
     * @throws CharacterAiUnavailableException only if even the canned reply failed, or the thread was interrupted
     */
    public Answer send(String message) {
        AtomicBoolean tried = new AtomicBoolean();
        return guard.<Answer>call(() -> {
                    tried.set(true);
                    return new Answer(primary.apply(message), Answerer.PRIMARY, Optional.empty(), true);
                })
                .fallback(ctx -> new Answer(alternative.send(message), Answerer.ALTERNATIVE,
                        Optional.of(ctx.reason()), tried.get()))
                .fallback(ctx -> new Answer(canned(ctx), Answerer.CANNED, Optional.of(ctx.reason()), tried.get()))
                .get();
    }

    /** The canned reply: the reason and the expected wait, never the user's message. */
    private static final Fallback<String> CANNED =
            Fallbacks.cannedReply("{reason}; back in {wait}. Your message was not sent, please try again then.");

    private static String canned(FallbackContext ctx) throws Exception {
        return CANNED.apply(ctx);
    }

    /**
     * The guard, for its breaker's state.
     *
     * @return the guard
     */
    public Guard guard() {
        return guard;
    }
}
