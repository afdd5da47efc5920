package io.github.caistatus.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void onlyMajorOutageAndMaintenanceAreNotWorthACall() {
        assertThat(Health.values()).filteredOn(h -> !h.isUsable())
                .containsExactlyInAnyOrder(Health.MAJOR_OUTAGE, Health.MAINTENANCE);
    }

    @Test
    void severityFollowsDeclarationOrder() {
        assertThat(Health.MAJOR_OUTAGE.isWorseThan(Health.PARTIAL_OUTAGE)).isTrue();
        assertThat(Health.DEGRADED.isWorseThan(Health.PARTIAL_OUTAGE)).isFalse();
        assertThat(Health.worst(Health.DEGRADED, Health.MAINTENANCE)).isEqualTo(Health.MAINTENANCE);
        assertThat(Health.worst(Health.OPERATIONAL, Health.OPERATIONAL)).isEqualTo(Health.OPERATIONAL);
    }

    @Test
    void unknownIsNeitherImpairedNorUnusable() {
        assertThat(Health.UNKNOWN.isImpaired()).isFalse();
        assertThat(Health.UNKNOWN.isUsable()).isTrue();
        assertThat(Health.DEGRADED.isImpaired()).isTrue();
    }
}
