package org.opengateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opengateway.config.GatewayProperties;

class RetryPolicyTest {

    private static final OffsetDateTime FIRST = OffsetDateTime.of(2026, 11, 27, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final GatewayProperties.Sending.Retry DEFAULTS = new GatewayProperties.Sending.Retry(
            Duration.ofMinutes(1), 2.0, Duration.ofHours(2), Duration.ofHours(25), 0.2);

    @Test
    void withoutSpreadEachWaitDoublesUpToTheLongestWait() {
        RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.5); // 0.5 means no spread
        assertThat(policy.next(1, FIRST, FIRST)).hasValue(FIRST.plusMinutes(1));
        assertThat(policy.next(2, FIRST, FIRST)).hasValue(FIRST.plusMinutes(2));
        assertThat(policy.next(3, FIRST, FIRST)).hasValue(FIRST.plusMinutes(4));
        assertThat(policy.next(8, FIRST, FIRST)).hasValue(FIRST.plusMinutes(120));
        assertThat(policy.next(30, FIRST, FIRST)).hasValue(FIRST.plusMinutes(120));
    }

    @Test
    void theSpreadStaysWithinTheConfiguredShareAndVaries() {
        RetryPolicy policy = new RetryPolicy(DEFAULTS, new Random(7)::nextDouble);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waits.add(Duration.between(FIRST, policy.next(4, FIRST, FIRST).orElseThrow()));
        }
        assertThat(waits).allSatisfy(wait -> assertThat(wait)
                .isBetween(Duration.ofSeconds(384), Duration.ofSeconds(576))); // 8 minutes ± 20%
        assertThat(waits.stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void theScheduleReachesBeyondADayAndThenGivesUp() {
        RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.5);
        OffsetDateTime now = FIRST;
        int attempt = 1;
        Optional<OffsetDateTime> next = policy.next(attempt, FIRST, now);
        OffsetDateTime last = FIRST;
        while (next.isPresent()) {
            last = next.get();
            now = last;
            next = policy.next(++attempt, FIRST, now);
        }
        assertThat(last).isAfterOrEqualTo(FIRST.plusHours(24)).isBeforeOrEqualTo(FIRST.plusHours(25));
        assertThat(attempt).as("attempts made in all").isBetween(15, 25);
    }

    @Test
    void refusesASettingThatWouldNeverBackOff() {
        assertThatThrownBy(() -> new RetryPolicy(new GatewayProperties.Sending.Retry(Duration.ofMinutes(1), 0.5,
                Duration.ofHours(1), Duration.ofHours(25), 0.2), Math::random))
                .hasMessageContaining("multiplier");
    }
}
