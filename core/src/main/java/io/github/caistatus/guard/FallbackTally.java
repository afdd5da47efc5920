package io.github.caistatus.guard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per {@link FallbackReason}, which fallback answered a guarded call (by its index) and the calls none
 * answered. Touched on the fallback path only, never when Character.AI answers; one {@link LongAdder} per
 * reason and index, so concurrent fallbacks do not contend. Read by {@link Guard#fallbackCounts()}.
 */
final class FallbackTally {

    private static final FallbackReason[] REASONS = FallbackReason.values();
    /** Slots made up front per reason: most calls have one to three fallbacks. */
    private static final int INITIAL_SLOTS = 3;

    private final LongAdder[] unanswered = new LongAdder[REASONS.length];
    /** [reason][fallback index]; replaced (keeping its adders) when a call has more fallbacks than slots. */
    private volatile LongAdder[][] answered = new LongAdder[REASONS.length][];

    FallbackTally() {
        for (int r = 0; r < REASONS.length; r++) {
            unanswered[r] = new LongAdder();
            answered[r] = adders(new LongAdder[0], INITIAL_SLOTS);
        }
    }

    void answered(FallbackReason reason, int index) {
        LongAdder[] row = answered[reason.ordinal()];
        if (index >= row.length) {
            row = grow(index + 1)[reason.ordinal()];
        }
        row[index].increment();
    }

    void unanswered(FallbackReason reason) {
        unanswered[reason.ordinal()].increment();
    }

    FallbackCounts counts() {
        LongAdder[][] a = answered;
        Map<FallbackReason, List<Long>> byIndex = new EnumMap<>(FallbackReason.class);
        Map<FallbackReason, Long> none = new EnumMap<>(FallbackReason.class);
        for (FallbackReason r : REASONS) {
            List<Long> counts = new ArrayList<>(a[r.ordinal()].length);
            for (LongAdder adder : a[r.ordinal()]) {
                counts.add(adder.sum());
            }
            byIndex.put(r, counts);
            none.put(r, unanswered[r.ordinal()].sum());
        }
        return new FallbackCounts(byIndex, none);
    }

    private synchronized LongAdder[][] grow(int slots) {
        LongAdder[][] a = answered;
        if (a[0].length >= slots) {
            return a;
        }
        LongAdder[][] grown = new LongAdder[REASONS.length][];
        for (int r = 0; r < REASONS.length; r++) {
            grown[r] = adders(a[r], slots);
        }
        answered = grown;
        return grown;
    }

    /** The adders of {@code kept} (the same objects, so counts made through an old array are not lost), then new. */
    private static LongAdder[] adders(LongAdder[] kept, int slots) {
        LongAdder[] row = new LongAdder[slots];
        System.arraycopy(kept, 0, row, 0, kept.length);
        for (int i = kept.length; i < slots; i++) {
            row[i] = new LongAdder();
        }
        return row;
    }
}
