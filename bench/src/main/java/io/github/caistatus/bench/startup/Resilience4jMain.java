package io.github.caistatus.bench.startup;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.UncheckedIOException;
import java.net.ConnectException;

/**
 * Start-up with resilience4j alone: a default breaker, one failing call, its fallback answers. With the
 * argument {@code open}, the breaker is forced open and the rejection is answered by the fallback.
 */
public final class Resilience4jMain {

    private Resilience4jMain() {
    }

    /**
     * Makes one guarded call and prints its answer.
     *
     * @param args {@code open} for a breaker forced open
     */
    public static void main(String[] args) {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("character.ai");
        if (args.length > 0 && args[0].equals("open")) {
            breaker.transitionToForcedOpenState();
        }
        String answer;
        try {
            answer = breaker.executeSupplier(() -> {
                throw new UncheckedIOException(new ConnectException("Connection refused"));
            });
        } catch (RuntimeException e) {
            answer = "fallback (" + e.getClass().getSimpleName() + ")";
        }
        System.out.println("resilience4j: " + answer);
        Answered.print();
    }
}
