package io.cellwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {
    private final TopicPartition p0 = new TopicPartition("cellwatch.alerts", 0);
    private final TopicPartition p1 = new TopicPartition("cellwatch.alerts", 1);

    @Test
    void theCommitStopsAtTheFirstRecordSomeReceiverStillOwes() {
        PendingOffsets pending = new PendingOffsets();
        pending.add(p0, 5); // webhook
        pending.add(p0, 5); // Alertmanager
        pending.add(p0, 8);

        assertThat(pending.committable(p0, 12)).isEqualTo(5);
        assertThat(pending.committable(p1, 3)).isEqualTo(3);

        pending.remove(p0, 5);
        assertThat(pending.committable(p0, 12)).isEqualTo(5); // one receiver still owes offset 5
        pending.remove(p0, 5);
        assertThat(pending.committable(p0, 12)).isEqualTo(8);
        pending.remove(p0, 8);
        assertThat(pending.committable(p0, 12)).isEqualTo(12);
    }

    @Test
    void aRevokedPartitionForgetsWhatWasPending() {
        PendingOffsets pending = new PendingOffsets();
        pending.add(p0, 5);
        pending.drop(p0);
        pending.remove(p0, 5); // a late delivery of a revoked partition is harmless

        assertThat(pending.committable(p0, 9)).isEqualTo(9);
        assertThat(pending.oldest(p0)).isEmpty();
    }
}
