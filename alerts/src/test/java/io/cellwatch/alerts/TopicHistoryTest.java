package io.cellwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which retained alert events a new consumer group reads as history. */
class TopicHistoryTest {
    private static final long HOUR = 3_600_000L;
    private static final long NOW = 1_800_000_000_000L;
    private final TopicPartition fresh = new TopicPartition("alerts", 0);
    private final TopicPartition known = new TopicPartition("alerts", 1);

    private TopicHistory assignedBoth() {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(fresh, null); // never committed by this group
        committed.put(known, new OffsetAndMetadata(50));
        TopicHistory history = new TopicHistory();
        history.assigned(committed, Map.of(fresh, 100L, known, 100L));
        return history;
    }

    @Test
    void oldEventsBeforeTheEndOfAPartitionNeverReadAreHistory() {
        TopicHistory history = assignedBoth();
        assertThat(history.isHistory(0, 10, NOW - 3 * HOUR, NOW)).isTrue();
        assertThat(history.isHistory(0, 99, NOW - 2 * HOUR, NOW)).isTrue();
    }

    @Test
    void recentEventsAndEventsAfterTheAssignmentAreNews() {
        TopicHistory history = assignedBoth();
        assertThat(history.isHistory(0, 10, NOW - HOUR / 2, NOW))
                .as("within the last hour")
                .isFalse();
        assertThat(history.isHistory(0, 100, NOW - 3 * HOUR, NOW))
                .as("written after the assignment")
                .isFalse();
    }

    @Test
    void aPartitionTheGroupHadCommittedIsReadOnAsNewsWhateverItsAge() {
        TopicHistory history = assignedBoth();
        assertThat(history.isHistory(1, 60, NOW - 30 * HOUR, NOW))
                .as("an outage: the service was down, the group had read the partition before")
                .isFalse();
        history.revoked(List.of(0));
        assertThat(history.isHistory(0, 10, NOW - 3 * HOUR, NOW))
                .as("revoked: forgotten")
                .isFalse();
    }

    @Test
    void onlyTheHistoryOfAnEpisodeThatEndedInItIsLeftOut() {
        TopicHistory history = assignedBoth();
        history.ended(Map.of(0, Map.of("ch-1/soft_short/7", 40L), 1, Map.of("ch-2/soft_short/3", 40L)));
        assertThat(history.isEndedHistory(0, 10, NOW - 3 * HOUR, NOW, "ch-1/soft_short/7"))
                .isTrue();
        assertThat(history.isEndedHistory(0, 60, NOW - 2 * HOUR, NOW, "ch-1/soft_short/7"))
                .as("the id fired again after its resolution (a stall in the same cycle): news")
                .isFalse();
        assertThat(history.isEndedHistory(0, 10, NOW - 3 * HOUR, NOW, "ch-9/soft_short/1"))
                .as("an episode that did not end in the history")
                .isFalse();
        assertThat(history.isEndedHistory(0, 100, NOW - 3 * HOUR, NOW, "ch-1/soft_short/7"))
                .as("written after the assignment: news")
                .isFalse();
        assertThat(history.isEndedHistory(1, 10, NOW - 3 * HOUR, NOW, "ch-2/soft_short/3"))
                .as("a partition the group had read: no history there")
                .isFalse();
        history.revoked(List.of(0));
        assertThat(history.isEndedHistory(0, 10, NOW - 3 * HOUR, NOW, "ch-1/soft_short/7"))
                .isFalse();
    }
}
