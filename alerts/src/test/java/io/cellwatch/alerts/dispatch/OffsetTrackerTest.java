package io.cellwatch.alerts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final int P0 = 0;
    private static final int P1 = 1;
    private static final String WEBHOOK = "webhook";
    private static final String ALERTMANAGER = "alertmanager";

    @Test
    void theCommitStopsAtTheFirstRecordSomeReceiverStillOwes() {
        OffsetTracker pending = new OffsetTracker();
        pending.owe(P0, 5, WEBHOOK);
        pending.owe(P0, 5, ALERTMANAGER);
        pending.owe(P0, 8, WEBHOOK);

        assertThat(pending.committable(P0, 12)).isEqualTo(5);
        assertThat(pending.committable(P1, 3)).isEqualTo(3);

        pending.settle(P0, 5, WEBHOOK);
        assertThat(pending.committable(P0, 12)).isEqualTo(5); // one receiver still owes offset 5
        pending.settle(P0, 5, ALERTMANAGER);
        assertThat(pending.committable(P0, 12)).isEqualTo(8);
        pending.settle(P0, 8, WEBHOOK);
        assertThat(pending.committable(P0, 12)).isEqualTo(12);
    }

    @Test
    void aReceiverSettlingARecordTwiceDoesNotPayAnotherReceiversDebt() {
        // The partition was revoked and given back while the webhook held offset 5 for a retry: the record is
        // read again and owed again by both, and the webhook settles it twice (its stale copy, then the new one
        // as already delivered). Alertmanager has not accepted it: the commit must stay at 5.
        OffsetTracker pending = new OffsetTracker();
        pending.owe(P0, 5, WEBHOOK);
        pending.owe(P0, 5, ALERTMANAGER);
        pending.settle(P0, 5, WEBHOOK);
        pending.settle(P0, 5, WEBHOOK);
        assertThat(pending.committable(P0, 12)).isEqualTo(5);
        pending.settle(P0, 5, ALERTMANAGER);
        assertThat(pending.committable(P0, 12)).isEqualTo(12);
    }

    @Test
    void aRevokedPartitionForgetsWhatWasPending() {
        OffsetTracker pending = new OffsetTracker();
        pending.owe(P0, 5, WEBHOOK);
        pending.release(P0);
        pending.settle(P0, 5, WEBHOOK); // a late delivery of a revoked partition is harmless

        assertThat(pending.committable(P0, 9)).isEqualTo(9);
        assertThat(pending.oldestOwed(P0)).isEmpty();
    }

    @Test
    void onlyWhatMovedIsCommittedAgain() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.owe(P0, 3, WEBHOOK);
        offsets.readUpTo(P0, 7);
        offsets.readUpTo(P1, 4);
        assertThat(offsets.advanced()).isEqualTo(Map.of(P0, 3L, P1, 4L));

        offsets.committed(Map.of(P0, 3L, P1, 4L));
        assertThat(offsets.advanced()).as("nothing new").isEmpty();
        assertThat(offsets.committed(P0)).isEqualTo(3);

        offsets.settle(P0, 3, WEBHOOK);
        assertThat(offsets.advanced()).isEqualTo(Map.of(P0, 7L));

        offsets.release(P1);
        assertThat(offsets.committed(P1)).isEqualTo(-1);
    }
}
