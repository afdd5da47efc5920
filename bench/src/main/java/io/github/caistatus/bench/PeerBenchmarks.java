package io.github.caistatus.bench;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a host would pay with the libraries it would otherwise pick: resilience4j's {@code executeSupplier}
 * on a default breaker, and Failsafe 3 with a fallback around a circuit breaker, executor built once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class PeerBenchmarks {

    private CircuitBreaker r4jClosed;
    private CircuitBreaker r4jOpen;
    private FailsafeExecutor<String> failsafeClosed;
    private FailsafeExecutor<String> failsafeOpen;
    private final Supplier<String> call = Work::reply;

    /** Builds one breaker and one executor of each kind; the "open" ones are forced open. */
    @Setup
    public void setUp() {
        r4jClosed = CircuitBreaker.ofDefaults("closed");
        r4jOpen = CircuitBreaker.ofDefaults("open");
        r4jOpen.transitionToForcedOpenState();

        dev.failsafe.CircuitBreaker<String> fsClosed = dev.failsafe.CircuitBreaker.<String>ofDefaults();
        failsafeClosed = Failsafe.with(Fallback.of(Work.FALLBACK), fsClosed);
        dev.failsafe.CircuitBreaker<String> fsOpen = dev.failsafe.CircuitBreaker.<String>ofDefaults();
        fsOpen.open();
        failsafeOpen = Failsafe.with(Fallback.of(Work.FALLBACK), fsOpen);
    }

    /** resilience4j, breaker closed: {@code executeSupplier} around the call. */
    @Benchmark
    public String resilience4jClosed() {
        return r4jClosed.executeSupplier(call);
    }

    /** resilience4j, breaker closed, two threads sharing it: to compare with the guard's two-thread figures. */
    @Benchmark
    @Threads(2)
    public String resilience4jClosedTwoThreads() {
        return r4jClosed.executeSupplier(call);
    }

    /** resilience4j, breaker open: the rejection exception caught and the fallback returned. */
    @Benchmark
    public String resilience4jOpen() {
        try {
            return r4jOpen.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            return Work.fallback();
        }
    }

    /** Failsafe, breaker closed. */
    @Benchmark
    public String failsafeClosed() {
        return failsafeClosed.get(Work::reply);
    }

    /** Failsafe, breaker open: its fallback answers. */
    @Benchmark
    public String failsafeOpen() {
        return failsafeOpen.get(Work::reply);
    }
}
