package io.github.caistatus.guard;

import java.util.Objects;
import java.util.Optional;

/**
 * A guarded call's answer together with who gave it and why: from {@link GuardedCall#answer()},
 * {@link GuardedFunction#answer(Object)} and {@link GuardedAsyncCall#answerAsync()}. Use it when the host shows
 * or counts where a reply came from; {@code get()}/{@code apply()} give the value alone and allocate nothing.
 *
 * <pre>{@code
 * Answer<String> a = guard.call(() -> cai.send(msg))
 *         .fallback(ctx -> other.send(msg))
 *         .fallback(Fallbacks.cannedReply())
 *         .answer();
 * show(a.value());
 * if (!a.fromCharacterAi()) {
 *     badge("answered by fallback #" + a.fallbackIndex() + ": " + a.reason().orElseThrow());
 * }
 * }</pre>
 *
 * @param value         the answer: the call's result or the fallback's (null only if that is what it returned)
 * @param answeredBy    who answered
 * @param fallbackIndex the answering fallback's position, 0 for the first added; -1 when Character.AI answered
 * @param reason        why the fallbacks were asked; empty when Character.AI answered
 * @param context       what the fallbacks were told; empty when Character.AI answered
 * @param <T>           the result type
 */
public record Answer<T>(T value, AnsweredBy answeredBy, int fallbackIndex, Optional<FallbackReason> reason,
                        Optional<FallbackContext> context) {

    /**
     * Checks that the parts agree: Character.AI's answer has index -1 and no reason or context; a fallback's has an
     * index of 0 or more, a reason and the context whose reason it is.
     */
    public Answer {
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(context, "context");
        if (answeredBy == AnsweredBy.CHARACTER_AI) {
            if (fallbackIndex != -1 || reason.isPresent() || context.isPresent()) {
                throw new IllegalArgumentException("an answer of Character.AI has fallbackIndex -1 and no reason");
            }
        } else if (fallbackIndex < 0 || context.isEmpty() || reason.isEmpty()
                || reason.get() != context.get().reason()) {
            throw new IllegalArgumentException("a fallback's answer has fallbackIndex >= 0, a context and its reason");
        }
    }

    /**
     * Character.AI's own answer.
     *
     * <pre>{@code
     * Answer<String> expected = Answer.ofCharacterAi("Hello!");
     * }</pre>
     *
     * @param value the call's result
     * @param <T>   the result type
     * @return the answer
     */
    public static <T> Answer<T> ofCharacterAi(T value) {
        return new Answer<>(value, AnsweredBy.CHARACTER_AI, -1, Optional.empty(), Optional.empty());
    }

    /**
     * A fallback's answer (for testing a host's handling of answers).
     *
     * <pre>{@code
     * Answer<String> canned = Answer.ofFallback("Back soon", 0, ctx);
     * }</pre>
     *
     * @param value   the fallback's answer
     * @param index   the fallback's position, 0 for the first
     * @param context what the fallback was told
     * @param <T>     the result type
     * @return the answer
     */
    public static <T> Answer<T> ofFallback(T value, int index, FallbackContext context) {
        Objects.requireNonNull(context, "context");
        return new Answer<>(value, AnsweredBy.FALLBACK, index, Optional.of(context.reason()), Optional.of(context));
    }

    /**
     * Whether Character.AI answered (no fallback was needed).
     *
     * @return true if {@link #answeredBy()} is {@link AnsweredBy#CHARACTER_AI}
     */
    public boolean fromCharacterAi() {
        return answeredBy == AnsweredBy.CHARACTER_AI;
    }
}
