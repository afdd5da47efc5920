package io.github.caistatus.guard;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Ready-made fallbacks for the three ways people cope when Character.AI is down: go elsewhere
 * ({@link #alternative}), wait a little and retry ({@link #patience}), or say so kindly ({@link #cannedReply}).
 *
 * <pre>{@code
 * String reply = CharacterAiStatus.guard(() -> cai.send(msg))
 *         .fallback(Fallbacks.patience(() -> cai.send(msg), Patience.of(2, Duration.ofSeconds(2))))
 *         .fallback(Fallbacks.alternative(() -> otherProvider.send(msg)))
 *         .fallback(Fallbacks.cannedReply("Sorry! {reason}. Back in {wait}?"))
 *         .get();
 * }</pre>
 */
public final class Fallbacks {

    private Fallbacks() {
    }

    /**
     * Asks another provider.
     *
     * @param provider the other provider's call
     * @param <T>      the answer type
     * @return the fallback
     */
    public static <T> Fallback<T> alternative(Supplier<? extends T> provider) {
        Objects.requireNonNull(provider, "provider");
        return context -> provider.get();
    }

    /**
     * Asks another provider, which may look at why Character.AI did not answer.
     *
     * @param provider the other provider's call
     * @param <T>      the answer type
     * @return the fallback
     */
    public static <T> Fallback<T> alternative(Function<FallbackContext, ? extends T> provider) {
        Objects.requireNonNull(provider, "provider");
        return provider::apply;
    }

    /**
     * Waits and retries with {@link Patience#defaults()}.
     *
     * @param retry the call to try again (usually the guarded call itself)
     * @param <T>   the answer type
     * @return the fallback
     * @see #patience(Supplier, Patience)
     */
    public static <T> Fallback<T> patience(Supplier<? extends T> retry) {
        return patience(retry, Patience.defaults());
    }

    /**
     * Waits and retries, a bounded number of times, only while the status verdict says Character.AI is
     * {@linkplain io.github.caistatus.api.Health#isUsable() usable}. Before each attempt it re-reads the
     * verdict ({@link FallbackContext#latest()}), waits the policy's backoff, reads the verdict again, then
     * calls {@code retry}. It gives up, passing the turn to the next fallback, when the verdict turns
     * unusable or every attempt failed. An interrupt while waiting ends the whole guarded call (the
     * interrupt flag stays set). Retries are handled inside the one guarded call, so they are not recorded
     * in the breaker.
     *
     * @param retry  the call to try again
     * @param policy attempts, backoff and sleeper
     * @param <T>    the answer type
     * @return the fallback
     */
    public static <T> Fallback<T> patience(Supplier<? extends T> retry, Patience policy) {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(policy, "policy");
        return context -> {
            RuntimeException gaveUp = null;
            for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
                if (!context.latest().health().isUsable()) {
                    throw unusable(context, attempt, gaveUp);
                }
                policy.sleeper().sleep(policy.backoff(attempt));
                if (!context.latest().health().isUsable()) {
                    throw unusable(context, attempt, gaveUp);
                }
                try {
                    return retry.get();
                } catch (RuntimeException e) {
                    if (Guard.isInterruption(e, true)) {
                        throw e;
                    }
                    if (gaveUp == null) {
                        gaveUp = new IllegalStateException("patience: every retry failed ("
                                + policy.attempts() + " attempts)");
                    }
                    gaveUp.addSuppressed(e);
                }
            }
            throw gaveUp;
        };
    }

    private static IllegalStateException unusable(FallbackContext context, int attempt, RuntimeException failures) {
        IllegalStateException e = new IllegalStateException("patience: stopped before attempt " + attempt
                + ", Character.AI is " + context.latest().health());
        if (failures != null) {
            for (Throwable t : failures.getSuppressed()) {
                e.addSuppressed(t);
            }
        }
        return e;
    }

    /**
     * A canned reply that says why and for how long, e.g.
     * "Character.AI is down for maintenance; usually back within ~45 minutes" ({@link FallbackContext#describe()}).
     *
     * @return the fallback
     */
    public static Fallback<String> cannedReply() {
        return FallbackContext::describe;
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
