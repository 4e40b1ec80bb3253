package io.cellwatch.alerts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final int P0 = 0;
    private static final int P1 = 1;

    @Test
    void theCommitStopsAtTheFirstRecordSomeReceiverStillOwes() {
        OffsetTracker pending = new OffsetTracker();
        pending.owe(P0, 5); // webhook
        pending.owe(P0, 5); // Alertmanager
        pending.owe(P0, 8);

        assertThat(pending.committable(P0, 12)).isEqualTo(5);
        assertThat(pending.committable(P1, 3)).isEqualTo(3);

        pending.settle(P0, 5);
        assertThat(pending.committable(P0, 12)).isEqualTo(5); // one receiver still owes offset 5
        pending.settle(P0, 5);
        assertThat(pending.committable(P0, 12)).isEqualTo(8);
        pending.settle(P0, 8);
        assertThat(pending.committable(P0, 12)).isEqualTo(12);
    }

    @Test
    void aRevokedPartitionForgetsWhatWasPending() {
        OffsetTracker pending = new OffsetTracker();
        pending.owe(P0, 5);
        pending.release(P0);
        pending.settle(P0, 5); // a late delivery of a revoked partition is harmless

        assertThat(pending.committable(P0, 9)).isEqualTo(9);
        assertThat(pending.oldestOwed(P0)).isEmpty();
    }

    @Test
    void onlyWhatMovedIsCommittedAgain() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.owe(P0, 3);
        offsets.readUpTo(P0, 7);
        offsets.readUpTo(P1, 4);
        assertThat(offsets.advanced()).isEqualTo(Map.of(P0, 3L, P1, 4L));

        offsets.committed(Map.of(P0, 3L, P1, 4L));
        assertThat(offsets.advanced()).as("nothing new").isEmpty();
        assertThat(offsets.committed(P0)).isEqualTo(3);

        offsets.settle(P0, 3);
        assertThat(offsets.advanced()).isEqualTo(Map.of(P0, 7L));

        offsets.release(P1);
        assertThat(offsets.committed(P1)).isEqualTo(-1);
    }
}
