package io.cellwatch.ingest.follow;

import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back the file positions one ingester committed to the positions topic, as of now: every
 * record the topic holds when the read begins is read (read_committed: an aborted transaction's
 * positions never count), the latest per path kept.
 *
 * <p>Read to the log's end, not to the end offset a read_committed consumer is given: that is the
 * last stable offset, which stops in front of the first transaction still open. Ingesters share the
 * topic, so another ingester's open transaction (one killed mid-batch, until its restart fences it or
 * the broker's transaction timeout aborts it) can lie in front of positions this one committed after
 * it began; stopping there would resume from an older position and deliver its rows a second time.
 * Reading on instead waits that transaction out.
 */
final class CommittedPositions {
    private static final Logger LOG = LoggerFactory.getLogger(CommittedPositions.class);

    /** How long a read may find nothing new before it says what it waits for, and again after as long. */
    private static final long STALL_REPORT_NANOS = Duration.ofSeconds(10).toNanos();

    private CommittedPositions() {}

    /** The latest committed position per path of ingester {@code ingesterId} (keys {@code ID|path}). */
    static Map<String, FilePosition> read(KafkaConnection kafka, String topic, String ingesterId) throws Exception {
        Map<String, FilePosition> positions = new HashMap<>();
        String prefix = ingesterId + "|";
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                kafka.consumer("cellwatch-ingest-positions-" + ingesterId, null, Map.of()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = logEnd(kafka, ingesterId, partitions);
            long lastProgress = System.nanoTime();
            long reported = lastProgress;
            Map<TopicPartition, Long> before = positionsOf(consumer, partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue;
                    }
                    String path = record.key().substring(prefix.length());
                    if (record.value() == null) {
                        positions.remove(path);
                    } else {
                        positions.put(path, FilePosition.fromJson(record.value()));
                    }
                }
                Map<TopicPartition, Long> now = positionsOf(consumer, partitions);
                long t = System.nanoTime();
                if (!now.equals(before)) {
                    before = now;
                    lastProgress = t;
                    reported = t;
                } else if (t - reported >= STALL_REPORT_NANOS) {
                    reported = t;
                    LOG.info(
                            "{}: read to {} of {}, waiting {} s so far for a transaction still open there to end"
                                    + " (another ingester's: its restart or the broker's transaction timeout ends it)",
                            topic,
                            now,
                            end,
                            Duration.ofNanos(t - lastProgress).toSeconds());
                }
            }
        }
        return positions;
    }

    /** Where each partition's log ends now (the high watermark), open transactions' records included. */
    private static Map<TopicPartition, Long> logEnd(
            KafkaConnection kafka, String ingesterId, List<TopicPartition> partitions)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(kafka.admin("cellwatch-ingest-positions-end-" + ingesterId))) {
            Map<TopicPartition, OffsetSpec> latest =
                    partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            return admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> positionsOf(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        return partitions.stream().collect(Collectors.toMap(Function.identity(), consumer::position));
    }
}
