package io.cellwatch.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToItsCeiling() {
        RetryPolicy retry = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(15));

        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.backoffAfter(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(retry.backoffAfter(6)).isEqualTo(Duration.ofSeconds(15));
        assertThat(retry.backoffAfter(1_000_000)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aCeilingBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
