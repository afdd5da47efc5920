package io.github.caistatus.api;

import java.util.function.Consumer;

/**
 * Where verdicts come from: what a guard reads to follow the status of Character.AI. A status instance built by
 * {@code CharacterAiStatus.builder()} is backed by one; a host (or a fleet of instances sharing a verdict) may
 * supply its own to a guard built on its own.
 *
 * <pre>{@code
 * Guard guard = Guard.builder().feed(myFeed).build();
 * }</pre>
 *
 * <p>Implementations are thread-safe; {@link #snapshot()} is a plain read that never blocks or throws.
 */
public interface VerdictFeed {

    /**
     * The latest verdict: a plain read, never blocking, never throwing.
     *
     * @return the snapshot; never null
     */
    StatusSnapshot snapshot();

    /**
     * Registers an observer of every verdict published, not only of health transitions (a verdict can keep its
     * health while its evidence changes), told promptly and in order. Observers must return quickly.
     *
     * @param observer told of each new snapshot
     */
    void onVerdict(Consumer<StatusSnapshot> observer);

    /**
     * Asks for a check as soon as possible, without blocking the caller; requests that arrive while a check is
     * pending or running are coalesced into it. A feed that cannot check does nothing.
     */
    void checkSoon();

    /**
     * Like {@link #checkSoon()}, and every source is asked afresh, ending any {@code Retry-After} hold: for news
     * that the service may be back (a guard's trial call succeeded). The default is {@link #checkSoon()}.
     */
    default void checkAfresh() {
        checkSoon();
    }

    /**
     * The incident log behind the verdicts, for how long outages of a kind usually last.
     *
     * @return the log; never null
     */
    IncidentLog incidents();
}
