package io.cellwatch.alerts;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ahead through the retained history of the alerts topic's partitions a new consumer group was
 * given (up to their end at assignment), for the episodes that also ended there: resolved more than
 * {@link TopicHistory#RECENT} ago. Their events are old news that nobody needs: a first start of the
 * alert service (or one whose group's offsets expired) would otherwise send every receiver the whole
 * retained week, firing and resolved, paging on-call for shorts long over. An episode still firing,
 * or resolved within the last hour, is delivered as before.
 *
 * <p>Bounded: it reads for at most {@link #BOUND}; what it did not reach is delivered as before (an
 * episode is left out only when its resolution was seen). The alerts topic is small (alert events, not
 * samples), so a week reads in seconds.
 */
final class EndedEpisodesScan {
    private static final Logger LOG = LoggerFactory.getLogger(EndedEpisodesScan.class);
    /** Short of the service's 30 s stop bound and a rebalance's patience: the scan runs in the assignment callback. */
    static final Duration BOUND = Duration.ofSeconds(20);

    private EndedEpisodesScan() {}

    /**
     * @param ends    the partitions to read, each up to this offset (its end at assignment)
     * @param nowMs   when the service reads them
     * @return per partition, the episodes whose last event before its end is a resolution written over an
     *     hour before {@code nowMs}, each with that resolution's offset: only their events up to it are old
     *     news (an id that fires again after it, a stall in the same cycle, is news again)
     */
    static Map<Integer, Map<String, Long>> ended(
            KafkaConnection kafka, String clientId, Map<TopicPartition, Long> ends, long nowMs) {
        Map<Integer, Map<String, Long>> ended = new HashMap<>();
        Map<TopicPartition, Long> left = new HashMap<>(ends);
        left.values().removeIf(end -> end <= 0);
        if (left.isEmpty()) {
            return ended;
        }
        long deadline = System.nanoTime() + BOUND.toNanos();
        try (KafkaConsumer<String, Alert> reader = new KafkaConsumer<>(
                kafka.consumer(clientId, null, Map.of()),
                new StringDeserializer(),
                WireSerdes.alert().deserializer())) {
            reader.assign(left.keySet());
            reader.seekToBeginning(left.keySet());
            while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
                try {
                    for (ConsumerRecord<String, Alert> record : reader.poll(Duration.ofMillis(500))) {
                        Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                        Alert alert = record.value();
                        if (alert == null || record.offset() >= end) {
                            continue;
                        }
                        Map<String, Long> partition = ended.computeIfAbsent(record.partition(), p -> new HashMap<>());
                        if (alert.status() == AlertStatus.RESOLVED
                                && nowMs - record.timestamp() > TopicHistory.RECENT.toMillis()) {
                            partition.put(alert.alertId(), record.offset());
                        } else {
                            partition.remove(alert.alertId()); // fired again, or resolved within the hour: news
                        }
                    }
                } catch (RecordDeserializationException e) {
                    reader.seek(e.topicPartition(), e.offset() + 1); // reported when the session reads it
                }
                left.entrySet().removeIf(p -> reader.position(p.getKey()) >= p.getValue());
            }
        }
        if (!left.isEmpty()) {
            LOG.warn(
                    "read the retained history of {} for {} s without reaching its end: the episodes that ended"
                            + " beyond what was read are delivered as any event",
                    left.keySet(),
                    BOUND.toSeconds());
        }
        return ended;
    }
}
