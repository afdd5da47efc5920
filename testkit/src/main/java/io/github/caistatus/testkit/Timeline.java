package io.github.caistatus.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A script for the simulator: from each step's offset on, the service behaves per the step's mode, until the next
 * step. Before the first step the service is {@link Mode#UP}.
 *
 * <pre>{@code
 * Timeline day = Timeline.builder()
 *         .at(Duration.ZERO, Mode.UP)
 *         .at(Duration.ofSeconds(3), Mode.WAITING_ROOM)
 *         .at(Duration.ofSeconds(6), Mode.MAINTENANCE)   // announced on the status page from the start
 *         .at(Duration.ofSeconds(9), Mode.UP)
 *         .build();
 * }</pre>
 *
 * @param steps the steps, in strictly increasing order of offset
 */
public record Timeline(List<Step> steps) {

    /**
     * One step of a timeline.
     *
     * @param offset when the step starts, from the start of the timeline (not negative)
     * @param mode   how the service behaves from then on
     */
    public record Step(Duration offset, Mode mode) {
        // the record's @param tags document this canonical constructor; it checks the offset is not negative
        public Step {
            Objects.requireNonNull(offset, "offset");
            Objects.requireNonNull(mode, "mode");
            if (offset.isNegative()) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
        }
    }

    /**
     * A maintenance window of the timeline, as the status page announces it.
     *
     * @param start when the maintenance begins, from the start of the timeline
     * @param end   when it ends, or empty when no later step ends it
     */
    public record Window(Duration start, Optional<Duration> end) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    // copies the steps and checks they are in strictly increasing order of offset
    public Timeline {
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).offset().compareTo(steps.get(i - 1).offset()) <= 0) {
                throw new IllegalArgumentException("steps must be in strictly increasing order of offset: "
                        + steps.get(i - 1).offset() + " then " + steps.get(i).offset());
            }
        }
    }

    /**
     * A timeline of one step at offset zero: the mode for ever.
     *
     * @param mode the mode
     * @return the timeline
     */
    public static Timeline constant(Mode mode) {
        return new Timeline(List.of(new Step(Duration.ZERO, mode)));
    }

    /**
     * Starts a timeline.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The mode at an offset from the start of the timeline.
     *
     * @param offset the offset
     * @return the mode of the last step starting at or before it, or {@link Mode#UP} before the first step
     */
    public Mode modeAt(Duration offset) {
        Mode mode = Mode.UP;
        for (Step s : steps) {
            if (s.offset().compareTo(offset) > 0) {
                break;
            }
            mode = s.mode();
        }
        return mode;
    }

    /**
     * The maintenance windows, each from a {@link Mode#MAINTENANCE} step to the next step of another mode.
     *
     * @return the windows in order
     */
    public List<Window> maintenanceWindows() {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).mode() != Mode.MAINTENANCE || (i > 0 && steps.get(i - 1).mode() == Mode.MAINTENANCE)) {
                continue;
            }
            Optional<Duration> end = Optional.empty();
            for (int j = i + 1; j < steps.size(); j++) {
                if (steps.get(j).mode() != Mode.MAINTENANCE) {
                    end = Optional.of(steps.get(j).offset());
                    break;
                }
            }
            windows.add(new Window(steps.get(i).offset(), end));
        }
        return windows;
    }

    /**
     * The offset of the last step: from then on the service stays in that step's mode.
     *
     * @return the offset, or zero for an empty timeline
     */
    public Duration lastOffset() {
        return steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).offset();
    }

    /** Builds a {@link Timeline} step by step. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a step.
         *
         * @param offset when it starts, after the previous step
         * @param mode   how the service behaves from then on
         * @return this builder
         */
        public Builder at(Duration offset, Mode mode) {
            steps.add(new Step(offset, mode));
            return this;
        }

        /**
         * Builds the timeline.
         *
         * @return the timeline
         * @throws IllegalArgumentException if the offsets are not strictly increasing
         */
        public Timeline build() {
            return new Timeline(steps);
        }
    }
}
