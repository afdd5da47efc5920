package io.github.caistatus.guard;

/**
 * Tries a synchronous call's fallbacks in order: the first that returns answers, one that throws passes the turn
 * on, an interrupt or an {@link Error} ends the call. The handlers come as arguments (the first three on their
 * own, the rest in {@code more}), never as the call object, so that object never escapes its caller.
 */
final class FallbackChain {

    private FallbackChain() {
    }

    /**
     * Asks the fallbacks for an answer.
     *
     * @param input   the guarded function's input, given to an {@link InputFallback}; null for a guarded call
     * @param answers whether to wrap the value in an {@link Answer}
     * @return the first answer (an {@link Answer} when {@code answers})
     * @throws CharacterAiUnavailableException when none answered, every failure suppressed in it
     */
    @SuppressWarnings("unchecked")
    static Object ask(FallbackContext context, Object input, boolean answers,
                      Object f0, Object f1, Object f2, Object[] more, int count) {
        Throwable[] failures = null;
        int failed = 0;
        for (int i = 0; i < count; i++) {
            Object handler = i == 0 ? f0 : i == 1 ? f1 : i == 2 ? f2 : more[i - 3];
            try {
                Object value = handler instanceof InputFallback
                        ? ((InputFallback<Object, Object>) handler).apply(input, context)
                        : ((Fallback<Object>) handler).apply(context);
                context.countAnswer(i);
                return answers ? Answer.ofFallback(value, i, context) : value;
            } catch (Throwable t) {
                if (t instanceof Error) {
                    throw (Error) t;
                }
                if (failures == null) {
                    failures = new Throwable[count];
                }
                failures[failed++] = t;
                if (Failures.isInterruption(t, true)) {
                    Thread.currentThread().interrupt();
                    throw unavailable(context, failures, failed, true);
                }
            }
        }
        throw unavailable(context, failures, failed, false);
    }

    /** What an {@link InputFallback} is given: the function's input, or nothing for a guarded call's supplier. */
    static Object inputOf(Object fn, Object input) {
        return fn == Guard.GET ? null : input;
    }

    /** The exception for a call no fallback answered: the call's failure as its cause, the fallbacks' suppressed. */
    static CharacterAiUnavailableException unavailable(FallbackContext context, Throwable[] failures, int failed,
                                                       boolean interrupted) {
        context.countUnanswered();
        CharacterAiUnavailableException e =
                new CharacterAiUnavailableException(context, context.exception().orElse(null), interrupted);
        for (int i = 0; i < failed; i++) {
            e.addSuppressed(failures[i]);
        }
        return e;
    }
}
