package io.cellwatch.alerts;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which alert events a consumer group new to the alerts topic reads as history. A group with no
 * committed offset for a partition (a first start, or offsets expired after the group sat idle) reads
 * it from its start: everything retained, episodes long resolved included. Such an event is history
 * when it lies before the partition's end at assignment and was written more than
 * {@link #RECENT} before it is read. It is delivered as any event is, but asks for no pause: a pause
 * of a channel for an episode long over may stop another cell's test. The last hour is not history, so
 * a service started after the topology (the demo, a deployment brought up in any order) still pauses
 * for a short that fired just before it came up. The history of an episode that also ended in it, over
 * an hour ago, is not delivered at all ({@link #isEndedHistory}).
 */
final class TopicHistory {
    /** How old a retained event read by a new group may be and still be news. */
    static final Duration RECENT = Duration.ofHours(1);

    /** Per partition without a committed offset at assignment: its end offset then. */
    private final Map<Integer, Long> endAtAssignment = new HashMap<>();
    /**
     * Per such partition: the episodes that ended in its history over an hour ago, each with the offset of
     * that resolution ({@link EndedEpisodesScan}).
     */
    private final Map<Integer, Map<String, Long>> ended = new HashMap<>();

    /** Partitions assigned: those the group has no committed offset for keep their end offset now. */
    void assigned(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> endOffsets) {
        endOffsets.forEach((partition, end) -> {
            if (committed.get(partition) == null) {
                endAtAssignment.put(partition.partition(), end);
            } else {
                endAtAssignment.remove(partition.partition());
            }
            ended.remove(partition.partition());
        });
    }

    /** The episodes found to have ended in the history of these partitions, by partition. */
    void ended(Map<Integer, Map<String, Long>> endedByPartition) {
        endedByPartition.forEach((partition, resolutions) -> {
            if (endAtAssignment.containsKey(partition)) {
                ended.put(partition, Map.copyOf(resolutions));
            }
        });
    }

    void revoked(Iterable<Integer> partitions) {
        partitions.forEach(p -> {
            endAtAssignment.remove(p);
            ended.remove(p);
        });
    }

    /**
     * Whether the event is history of an episode that also ended in the history: not delivered at all (see
     * {@link EndedEpisodesScan}).
     */
    boolean isEndedHistory(int partition, long offset, long writtenMs, long nowMs, String alertId) {
        Long resolvedAt = ended.getOrDefault(partition, Map.of()).get(alertId);
        return resolvedAt != null && offset <= resolvedAt && isHistory(partition, offset, writtenMs, nowMs);
    }

    /** Whether the event at {@code offset}, written at {@code writtenMs}, read at {@code nowMs}, is history. */
    boolean isHistory(int partition, long offset, long writtenMs, long nowMs) {
        Long end = endAtAssignment.get(partition);
        return end != null && offset < end && nowMs - writtenMs > RECENT.toMillis();
    }
}
