package io.github.caistatus.guard;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which fallback answered the guarded calls Character.AI did not, by {@link FallbackReason} and by the
 * fallback's place in the call's chain (0 = the first {@code .fallback(...)}), and how many calls no fallback
 * answered (the host got a {@link CharacterAiUnavailableException}); from {@link Guard#fallbackCounts()}.
 *
 * <pre>{@code
 * FallbackCounts f = status.guard().fallbackCounts();
 * long cannedDuringMaintenance = f.answered(FallbackReason.MAINTENANCE, 1);
 * }</pre>
 *
 * @param answered   per reason, the calls answered by each fallback, by index (every reason present; the list
 *                   is as long as the longest chain seen, at least 3)
 * @param unanswered per reason, the calls no fallback answered (every reason present)
 */
public record FallbackCounts(Map<FallbackReason, List<Long>> answered, Map<FallbackReason, Long> unanswered) {

    /** Copies the maps (and lists), which must hold every reason. */
    public FallbackCounts {
        answered = copy(answered);
        unanswered = Map.copyOf(new EnumMap<>(Objects.requireNonNull(unanswered, "unanswered")));
    }

    /**
     * The calls answered by one fallback for one reason.
     *
     * <pre>{@code
     * long byFirst = counts.answered(FallbackReason.CALL_FAILED, 0);
     * }</pre>
     *
     * @param reason why the guard fell back
     * @param index  the fallback's place in its chain, from 0
     * @return the count; 0 for an index no call reached
     */
    public long answered(FallbackReason reason, int index) {
        List<Long> counts = answered.getOrDefault(reason, List.of());
        return index >= 0 && index < counts.size() ? counts.get(index) : 0L;
    }

    /**
     * The calls answered by any fallback for one reason.
     *
     * @param reason why the guard fell back
     * @return the sum over every fallback
     */
    public long answered(FallbackReason reason) {
        return answered.getOrDefault(reason, List.of()).stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The calls no fallback answered for one reason.
     *
     * @param reason why the guard fell back
     * @return the count
     */
    public long unanswered(FallbackReason reason) {
        return unanswered.getOrDefault(reason, 0L);
    }

    private static Map<FallbackReason, List<Long>> copy(Map<FallbackReason, List<Long>> in) {
        Map<FallbackReason, List<Long>> out = new EnumMap<>(FallbackReason.class);
        Objects.requireNonNull(in, "answered").forEach((r, l) -> out.put(r, List.copyOf(l)));
        return Map.copyOf(out);
    }
}
