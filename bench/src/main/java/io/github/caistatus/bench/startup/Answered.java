package io.github.caistatus.bench.startup;

import java.time.Instant;

/**
 * Prints when the answer was there, in nanoseconds since the epoch, for {@code bench/startup.sh} to subtract
 * the launch time from. Measured at the answer rather than at process exit, because a JVM whose JDK
 * HttpClient has run keeps its selector thread in native code, and JDK 17 then waits ~300 ms at exit.
 */
final class Answered {

    private Answered() {
    }

    static void print() {
        Instant now = Instant.now();
        System.out.println("answered-at-ns " + (now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    }
}
