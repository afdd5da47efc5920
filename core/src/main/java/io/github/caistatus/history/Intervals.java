package io.github.caistatus.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Half-open instant intervals {@code [a[0], a[1])}: merging and subtracting, so that no minute counts twice. */
final class Intervals {

    private Intervals() {
    }

    /** Sorted, disjoint, non-touching intervals covering exactly the union of {@code intervals}. */
    static List<Instant[]> merge(List<Instant[]> intervals) {
        List<Instant[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(a -> a[0]));
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] iv : sorted) {
            if (!out.isEmpty() && !iv[0].isAfter(out.get(out.size() - 1)[1])) {
                Instant[] last = out.get(out.size() - 1);
                if (iv[1].isAfter(last[1])) {
                    last[1] = iv[1];
                }
            } else {
                out.add(new Instant[] {iv[0], iv[1]});
            }
        }
        return out;
    }

    /** {@code a} minus {@code b}; both sorted and disjoint (as {@link #merge} returns them). */
    static List<Instant[]> subtract(List<Instant[]> a, List<Instant[]> b) {
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] iv : a) {
            Instant cursor = iv[0];
            for (Instant[] cut : b) {
                if (!cut[1].isAfter(cursor) || !cut[0].isBefore(iv[1])) {
                    continue;
                }
                if (cut[0].isAfter(cursor)) {
                    out.add(new Instant[] {cursor, cut[0]});
                }
                if (cut[1].isAfter(cursor)) {
                    cursor = cut[1];
                }
            }
            if (cursor.isBefore(iv[1])) {
                out.add(new Instant[] {cursor, iv[1]});
            }
        }
        return out;
    }

    /** The summed length of disjoint intervals. */
    static Duration total(List<Instant[]> disjoint) {
        Duration sum = Duration.ZERO;
        for (Instant[] iv : disjoint) {
            sum = sum.plus(Duration.between(iv[0], iv[1]));
        }
        return sum;
    }
}
