package io.github.caistatus.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.Signal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker follows the status verdict: forced open by an outage, released on recovery. */
class GuardStatusTest {

    private final FakeStatus status = new FakeStatus();
    private final Guard guard = Guard.builder().feed(status).build();
    private final AtomicInteger made = new AtomicInteger();

    private String chat() {
        return guard.call(() -> {
            made.incrementAndGet();
            return "from character.ai";
        }).fallback(ctx -> "fallback: " + ctx.reason()).get();
    }

    @Test
    void aMajorOutageVerdictForcesTheBreakerOpenAndNoCallIsMade() {
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
        assertThat(chat()).isEqualTo("fallback: STATUS_DOWN");
        assertThat(made.get()).isZero();
        assertThat(guard.shortCircuitedCalls()).isEqualTo(1);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void aMaintenanceVerdictForcesTheBreakerOpenWithReasonMaintenance() {
        status.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        assertThat(chat()).isEqualTo("fallback: MAINTENANCE");
        assertThat(made.get()).isZero();
    }

    @Test
    void recoveryReleasesTheBreakerAndCharacterAiAnswersAgain() {
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);
        assertThat(chat()).isEqualTo("fallback: STATUS_DOWN");

        status.set(Health.OPERATIONAL, Cause.NONE);

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(chat()).isEqualTo("from character.ai");
        assertThat(made.get()).isEqualTo(1);
    }

    @Test
    void aDegradedVerdictLeavesTheBreakerClosed() {
        status.set(Health.DEGRADED, Cause.OVERLOADED);

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(chat()).isEqualTo("from character.ai");
    }

    @Test
    void aVerdictReachedOnTheHostsOwnFailuresDoesNotForceTheBreaker() {
        status.set(Health.MAJOR_OUTAGE, Cause.CALL_FAILURES);

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(chat()).isEqualTo("from character.ai");
    }

    @Test
    void aGuardBuiltDuringAnOutageStartsForcedOpen() {
        FakeStatus down = new FakeStatus();
        down.set(Health.MAINTENANCE, Cause.MAINTENANCE);

        Guard late = Guard.builder().feed(down).build();

        assertThat(late.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
        assertThat(late.call(() -> "hi").fallback(ctx -> ctx.reason().name()).get()).isEqualTo("MAINTENANCE");
    }

    @Test
    void aBreakerForcedOpenByTheHostIsNotReleasedByRecovery() {
        guard.circuitBreaker().transitionToForcedOpenState();

        status.set(Health.DEGRADED, Cause.SLOW);
        status.set(Health.OPERATIONAL, Cause.NONE);

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
        assertThat(chat()).isEqualTo("fallback: BREAKER_OPEN");
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
        assertThat(guard.shortCircuitedCalls()).isZero();
    }

    @Test
    void aBreakerTheHostClosedDuringAnOutageVerdictIsAskedAsUsual() {
        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);
        guard.circuitBreaker().transitionToClosedState(); // the host overrides the verdict

        assertThat(chat()).isEqualTo("from character.ai");
        assertThat(guard.shortCircuitedCalls()).isZero();
    }

    @Test
    void aClosedGuardNoLongerFollowsTheVerdict() {
        guard.close();

        status.set(Health.MAJOR_OUTAGE, Cause.SERVER_ERROR);

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failuresThatOpenTheBreakerAskTheMonitorToCheckSoonAndTurnThePassiveSignalDown() {
        for (int i = 0; i < 10; i++) { // the default breaker decides after 10 calls, at 50% failures
            guard.call(() -> {
                throw new IllegalStateException("HTTP 500");
            }).fallback(ctx -> "x").get();
        }

        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(status.checkSoonCalls.get()).isEqualTo(1);
        Signal passive = PassiveProbe.of(guard.circuitBreaker(), java.time.Clock.systemUTC()).probe();
        assertThat(passive.health()).isEqualTo(Health.MAJOR_OUTAGE);
        assertThat(passive.cause()).isEqualTo(Cause.CALL_FAILURES);
        assertThat(chat()).isEqualTo("fallback: BREAKER_OPEN");
    }

    @Test
    void thePassiveSignalHasNoOpinionWhileTheVerdictHoldsTheBreakerOpen() {
        status.set(Health.MAJOR_OUTAGE, Cause.OFFICIAL_INCIDENT);

        Signal passive = PassiveProbe.of(guard.circuitBreaker(), java.time.Clock.systemUTC()).probe();

        assertThat(passive.health()).isEqualTo(Health.UNKNOWN);
        assertThat(passive.detail()).isEqualTo("no calls made: circuit breaker held open");
    }
}
