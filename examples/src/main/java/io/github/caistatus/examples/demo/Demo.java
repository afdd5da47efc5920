package io.github.caistatus.examples.demo;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Health;
import io.github.caistatus.examples.client.ChatClient;
import io.github.caistatus.examples.host.Answer;
import io.github.caistatus.examples.host.Answerer;
import io.github.caistatus.examples.host.EchoBot;
import io.github.caistatus.examples.host.GuardedChat;
import io.github.caistatus.testkit.CharacterAiSimulator;
import io.github.caistatus.testkit.Mode;
import io.github.caistatus.testkit.Timeline;
import io.github.caistatus.guard.CharacterAiUnavailableException;
import io.github.caistatus.guard.Guard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo: a simulated day of Character.AI (up, waiting room, 500s, announced maintenance, recovery), compressed
 * into seconds, while a host app sends a steady stream of messages through the guard. Offline: everything runs on
 * loopback.
 *
 * <pre>{@code
 * DemoReport report = Demo.run(Demo.Options.defaults(), new PrintWriter(System.out, true));
 * }</pre>
 */
public final class Demo {

    /** The day, in steps of equal length: what happens at the start of each. */
    static final Mode[] DAY = {Mode.UP, Mode.WAITING_ROOM, Mode.ERROR_500, Mode.MAINTENANCE, Mode.UP};
    /** The step at which the outage starts, and the one at which the service recovers. */
    static final int OUTAGE_STEP = 1;
    static final int RECOVERY_STEP = 4;

    /**
     * The breaker of the demo, tuned to its pace: an opinion after 4 calls, open at half of them failing, a trial
     * after one second open.
     */
    static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(8)
            .minimumNumberOfCalls(4)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(1))
            .permittedNumberOfCallsInHalfOpenState(2)
            .build();

    private Demo() {
    }

    /**
     * How the demo runs.
     *
     * @param step  how long each part of the day lasts (the whole demo is five steps)
     * @param every the pause between two messages
     */
    public record Options(Duration step, Duration every) {
        /** Checks the step is 1-5 s (longer would break the 30 s promise) and the pace 10 ms to 1 s. */
        public Options {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(every, "every");
            if (step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofSeconds(5)) > 0) {
                throw new IllegalArgumentException("step must be between 1 s and 5 s: " + step.toMillis() + " ms");
            }
            if (every.compareTo(Duration.ofMillis(10)) < 0 || every.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("every must be between 10 ms and 1 s: " + every.toMillis() + " ms");
            }
        }

        /**
         * The defaults: 3 s steps (15 s in all), a message every 75 ms.
         *
         * @return the options
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(3), Duration.ofMillis(75));
        }
    }

    /**
     * Runs the demo, printing its timeline as it goes.
     *
     * @param options how to run
     * @param out     where the timeline goes (a {@link PrintWriter} on {@link java.io.Writer#nullWriter()} for
     *                none)
     * @return what was measured
     */
    public static DemoReport run(Options options, PrintWriter out) {
        long begin = System.nanoTime();
        Duration step = options.step();
        Timeline.Builder script = Timeline.builder();
        for (int i = 0; i < DAY.length; i++) {
            script.at(step.multipliedBy(i), DAY[i]);
        }
        Timeline day = script.build();
        Duration end = step.multipliedBy(DAY.length);

        try (CharacterAiSimulator sim = CharacterAiSimulator.start();
             ChatClient cai = new ChatClient(sim.chatUri(), Duration.ofSeconds(1));
             CharacterAiStatus status = CharacterAiStatus.builder()
                     .endpoint(sim.healthUri())
                     .statusPage(sim.statusPageUri())
                     .control(sim.controlUri())
                     .timeout(Duration.ofMillis(800))
                     .intervals(Duration.ofMillis(400), Duration.ofMillis(200))
                     .downAfter(2).upAfter(2)
                     .circuitBreakerConfig(BREAKER)
                     .build()) {
            Guard guard = status.guard();
            status.refresh();
            GuardedChat chat = new GuardedChat(guard, cai::send, new EchoBot(6));
            out.printf(Locale.ROOT, "cai-status demo: a day of Character.AI in %d s, a message every %d ms, all on loopback%n",
                    end.toSeconds(), options.every().toMillis());
            out.printf(Locale.ROOT, "simulated service %s, status page %s%n%n", sim.serviceUri(), sim.statusPageUri());
            out.printf(Locale.ROOT, "  %7s  %-13s %-15s %-12s %s%n", "time", "simulator", "health", "breaker", "answers");

            TimelinePrinter printer = new TimelinePrinter(out);
            Map<Answerer, Integer> counts = new EnumMap<>(Answerer.class);
            Map<String, String> samples = new LinkedHashMap<>();
            int messages = 0;
            int failed = 0;
            Long detected = null;
            Long recovered = null;
            long outageAt = step.multipliedBy(OUTAGE_STEP).toNanos();
            long recoveryAt = step.multipliedBy(RECOVERY_STEP).toNanos();

            sim.play(day);
            long start = System.nanoTime();
            long next = start;
            while (System.nanoTime() - start < end.toNanos()) {
                long sentAt = System.nanoTime() - start;
                Optional<Answer> answer;
                try {
                    answer = Optional.of(chat.send("message #" + (messages + 1)));
                } catch (CharacterAiUnavailableException e) {
                    answer = Optional.empty();
                }
                messages++;
                // read after the call: a failure belongs to the mode that caused it, even right at a switch
                Mode mode = sim.mode();
                Health health = status.snapshot().health();
                CircuitBreaker.State breaker = guard.circuitBreaker().getState();
                if (answer.isEmpty()) {
                    failed++;
                } else {
                    Answer a = answer.get();
                    counts.merge(a.by(), 1, Integer::sum);
                    samples.putIfAbsent(a.by().label() + a.reason().map(r -> " " + r).orElse(""), a.text());
                    if (detected == null && sentAt >= outageAt && a.shortCircuited()) {
                        detected = (sentAt - outageAt) / 1_000_000;
                    }
                    if (recovered == null && sentAt >= recoveryAt && a.by() == Answerer.PRIMARY) {
                        recovered = (sentAt - recoveryAt) / 1_000_000;
                    }
                }
                printer.record(sentAt, mode, health, breaker, answer);
                next += options.every().toNanos();
                LockSupport.parkNanos(next - System.nanoTime());
            }
            printer.flush();
            out.printf(Locale.ROOT, "%nwhat users read (the first answer of each kind):%n");
            samples.forEach((kind, text) -> out.printf(Locale.ROOT, "  %-25s %s%n", kind, text));
            DemoReport report = new DemoReport(messages, counts, failed, Optional.ofNullable(detected),
                    Optional.ofNullable(recovered), (System.nanoTime() - begin) / 1_000_000);
            printSummary(out, report);
            return report;
        }
    }

    private static void printSummary(PrintWriter out, DemoReport r) {
        out.println();
        out.printf(Locale.ROOT, "%d messages: Character.AI answered %d, the backup bot %d, the canned reply %d; %d failed%n",
                r.messages(), r.answered(Answerer.PRIMARY), r.answered(Answerer.ALTERNATIVE),
                r.answered(Answerer.CANNED), r.failed());
        out.printf(Locale.ROOT, "detection: %s after the outage began, the first fallback answer without waiting on Character.AI%n",
                r.detectionMillis().map(ms -> ms + " ms").orElse("never"));
        out.printf(Locale.ROOT, "recovery:  %s after the service came back, Character.AI answered again%n",
                r.recoveryMillis().map(ms -> ms + " ms").orElse("never"));
        out.printf(Locale.ROOT, "took %.1f s%n", r.durationMillis() / 1000.0);
        out.flush();
    }
}
