package io.cellwatch.alerts.dispatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What may be committed on each partition of the alerts topic: everything read, up to the first
 * record some receiver still owes. A committed offset therefore never passes an event a receiver
 * has not accepted, and after a crash those records are read again. Thread-safe: the consumer reads
 * and commits, receiver workers settle.
 *
 * <p>Debts are kept by receiver, not counted: a record read twice (its partition revoked and given
 * back to this instance while a receiver held it for a retry) may be settled twice by one receiver,
 * and a count would then let that receiver's second settle pay another receiver's debt, committing
 * past an event the other one never accepted.
 */
public final class OffsetTracker {
    /** Per partition, offset → the receivers that still owe it. */
    private final Map<Integer, TreeMap<Long, Set<String>>> owed = new HashMap<>();

    private final Map<Integer, Long> readUpTo = new HashMap<>();
    private final Map<Integer, Long> committed = new HashMap<>();

    /** {@code receiver} owes the record at {@code offset}. */
    public synchronized void owe(int partition, long offset, String receiver) {
        owed.computeIfAbsent(partition, p -> new TreeMap<>())
                .computeIfAbsent(offset, o -> new HashSet<>())
                .add(receiver);
    }

    /**
     * {@code receiver} accepted the record at {@code offset} (or has no more to do with it); ignored for a
     * partition released meanwhile, and for a record the receiver settled already.
     */
    public synchronized void settle(int partition, long offset, String receiver) {
        TreeMap<Long, Set<String>> offsets = owed.get(partition);
        if (offsets != null) {
            offsets.computeIfPresent(offset, (o, receivers) -> {
                receivers.remove(receiver);
                return receivers.isEmpty() ? null : receivers;
            });
        }
    }

    /** The consumer's position: every record before it has been read and handed out. */
    public synchronized void readUpTo(int partition, long position) {
        readUpTo.put(partition, position);
    }

    /** The offset to commit for a partition read up to (exclusive) {@code readUpTo}. */
    public synchronized long committable(int partition, long readUpTo) {
        TreeMap<Long, Set<String>> offsets = owed.get(partition);
        return offsets == null || offsets.isEmpty() ? readUpTo : Math.min(readUpTo, offsets.firstKey());
    }

    /** The oldest record a receiver still owes on {@code partition}. */
    public synchronized OptionalLong oldestOwed(int partition) {
        TreeMap<Long, Set<String>> offsets = owed.get(partition);
        return offsets == null || offsets.isEmpty() ? OptionalLong.empty() : OptionalLong.of(offsets.firstKey());
    }

    /** The offsets that may be committed now, where they moved past what was committed before. */
    public synchronized Map<Integer, Long> advanced() {
        Map<Integer, Long> advance = new HashMap<>();
        readUpTo.forEach((partition, upTo) -> {
            long offset = committable(partition, upTo);
            if (offset > committed.getOrDefault(partition, -1L)) {
                advance.put(partition, offset);
            }
        });
        return advance;
    }

    /** Kafka took these commits. */
    public synchronized void committed(Map<Integer, Long> offsets) {
        committed.putAll(offsets);
    }

    /** The committed offset of {@code partition} (the next record to read after a restart), or -1. */
    public synchronized long committed(int partition) {
        return committed.getOrDefault(partition, -1L);
    }

    /** The partition moved to another instance: its new owner delivers what was owed here. */
    public synchronized void release(int partition) {
        owed.remove(partition);
        readUpTo.remove(partition);
        committed.remove(partition);
    }
}
