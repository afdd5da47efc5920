package io.github.caistatus.examples.host;

import io.github.caistatus.guard.FallbackReason;
import java.util.Objects;
import java.util.Optional;

/**
 * One message's answer in the example host apps: the text, who gave it, and, for a fallback, why.
 *
 * @param text         the reply
 * @param by           who answered
 * @param reason       why a fallback answered; empty when the primary did
 * @param primaryTried whether the call to the primary was made (false: the guard answered without any network
 *                     wait, e.g. with the breaker open)
 */
public record Answer(String text, Answerer by, Optional<FallbackReason> reason, boolean primaryTried) {

    /** Checks the components agree: the primary has no reason, a fallback has one. */
    public Answer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        if ((by == Answerer.PRIMARY) == reason.isPresent()) {
            throw new IllegalArgumentException("only a fallback's answer has a reason: " + by + " " + reason);
        }
    }

    /**
     * Whether a fallback answered without the guard first waiting on Character.AI.
     *
     * @return true for a fallback answer to a call never sent
     */
    public boolean shortCircuited() {
        return by != Answerer.PRIMARY && !primaryTried;
    }
}
