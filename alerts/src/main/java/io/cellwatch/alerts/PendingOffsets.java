package io.cellwatch.alerts;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of the alerts topic still wait for a receiver, so the committed offset of a
 * partition never passes a record some receiver has not accepted yet. Thread-safe: the consumer
 * adds, receiver workers remove.
 */
final class PendingOffsets {
    private final Map<TopicPartition, TreeMap<Long, Integer>> pending = new HashMap<>();

    synchronized void add(TopicPartition partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeMap<>()).merge(offset, 1, Integer::sum);
    }

    synchronized void remove(TopicPartition partition, long offset) {
        TreeMap<Long, Integer> offsets = pending.get(partition);
        if (offsets == null) {
            return; // the partition was revoked meanwhile
        }
        offsets.computeIfPresent(offset, (o, n) -> n == 1 ? null : n - 1);
    }

    /** The offset to commit for a partition read up to (exclusive) {@code readUpTo}. */
    synchronized long committable(TopicPartition partition, long readUpTo) {
        TreeMap<Long, Integer> offsets = pending.get(partition);
        return offsets == null || offsets.isEmpty() ? readUpTo : Math.min(readUpTo, offsets.firstKey());
    }

    synchronized OptionalLong oldest(TopicPartition partition) {
        TreeMap<Long, Integer> offsets = pending.get(partition);
        return offsets == null || offsets.isEmpty() ? OptionalLong.empty() : OptionalLong.of(offsets.firstKey());
    }

    synchronized void drop(TopicPartition partition) {
        pending.remove(partition);
    }
}
