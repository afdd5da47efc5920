package io.github.caistatus.bench;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.Cause;
import io.github.caistatus.api.StatusSnapshot;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of asking "is Character.AI usable?", against its floor: a volatile read of an immutable record.
 *
 * <p>{@code current()} reads the shared default instance; in this JVM it has no network to reach, which does
 * not matter: after the first call the read never touches the network.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class StatusReadBenchmarks {

    private volatile StatusSnapshot floor;
    private CharacterAiStatus instance;

    /** Builds the floor's record and an instance that checks only when asked. */
    @Setup
    public void setUp() {
        floor = StatusSnapshot.unknown(Cause.NOT_CHECKED, "floor", Instant.EPOCH);
        instance = CharacterAiStatus.builder().noEndpoint().noStatusPage().noControl().background(false).build();
        CharacterAiStatus.current(); // the first call may wait for a verdict; the benchmark measures later ones
    }

    /** Stops the instance's threads. */
    @TearDown
    public void tearDown() {
        instance.close();
    }

    /** The floor: a volatile read of an immutable record. */
    @Benchmark
    public StatusSnapshot floorVolatileRead() {
        return floor;
    }

    /** {@code CharacterAiStatus.current()} on the shared default instance. */
    @Benchmark
    public StatusSnapshot current() {
        return CharacterAiStatus.current();
    }

    /** {@code snapshot()} on an instance of one's own. */
    @Benchmark
    public StatusSnapshot instanceSnapshot() {
        return instance.snapshot();
    }

    /** Two threads reading {@code current()} at once. */
    @Benchmark
    @Threads(2)
    public StatusSnapshot currentTwoThreads() {
        return CharacterAiStatus.current();
    }

    /** Two threads on the floor, for comparison. */
    @Benchmark
    @Threads(2)
    public StatusSnapshot floorTwoThreads() {
        return floor;
    }
}
