package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.Waiting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real broker: the leader's fence aborts the open transaction of a stream thread whose
 * instance is not in the group, and leaves a live instance's transaction alone.
 */
class DepartedInstanceFenceIT {
    private static final String APP = "departed-fence-it";
    private static final String DEPARTED_TOPIC = "departed-fence-it.departed";
    private static final String LIVE_TOPIC = "departed-fence-it.live";
    private static final UUID DEPARTED = UUID.fromString("14f3cb27-73dd-4637-a8e0-da9fd485f45c");
    private static final UUID LIVE = UUID.fromString("022afe0b-f01e-4399-946e-7137144c1f65");
    /**
     * The open transactions' timeout: five minutes, far beyond anything the test waits, so only the fence
     * can end the departed one within the test.
     */
    private static final int TRANSACTION_TIMEOUT_MS = 300_000;

    private static KafkaTestCluster kafka;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(1, DEPARTED_TOPIC, LIVE_TOPIC);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aDepartedInstancesTransactionIsAbortedAndALiveOnesCanStillCommit() throws Exception {
        String departedId = PredecessorFence.threadTransactionalId(APP, DEPARTED.toString(), 1);
        String liveId = PredecessorFence.threadTransactionalId(APP, LIVE.toString(), 1);
        KafkaProducer<byte[], byte[]> departed = openTransaction(departedId, DEPARTED_TOPIC);
        KafkaProducer<byte[], byte[]> live = openTransaction(liveId, LIVE_TOPIC);
        TopicPartition departedPartition = new TopicPartition(DEPARTED_TOPIC, 0);
        TopicPartition livePartition = new TopicPartition(LIVE_TOPIC, 0);
        try (Admin admin = Admin.create(kafka.connection().admin("departed-fence-it"))) {
            // Both open transactions hold their partition's last stable offset at their first record.
            assertThat(lastStableOffset(admin, departedPartition)).isZero();
            assertThat(lastStableOffset(admin, livePartition)).isZero();

            // The fence as the assignor starts it: from the instance's Streams configuration, in the background.
            DepartedInstanceFence fence =
                    DepartedInstanceFence.forStreamsConfig(streamsConfig()).orElseThrow();
            Set<String> fenced = fence.start(Set.of(LIVE)).get(2, TimeUnit.MINUTES);

            assertThat(fenced).containsExactly(departedId);
            // Aborted: the last stable offset moves past the record and its abort marker, and a read_committed
            // reader gets nothing from the partition.
            long departedStable = Waiting.until(
                    Duration.ofSeconds(30),
                    Duration.ofMillis(100),
                    () -> lastStableOffset(admin, departedPartition),
                    offset -> offset > 0);
            assertThat(departedStable).isGreaterThan(0);
            assertThat(committedRecords(departedPartition, departedStable)).isEmpty();
            // Untouched: the live transaction still holds its partition, and commits.
            assertThat(lastStableOffset(admin, livePartition)).isZero();
            live.commitTransaction();
            long liveStable = Waiting.until(
                    Duration.ofSeconds(30),
                    Duration.ofMillis(100),
                    () -> lastStableOffset(admin, livePartition),
                    offset -> offset > 0);
            assertThat(committedRecords(livePartition, liveStable))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly(liveId);
        }
        // Fenced: the departed instance, were it still alive, could not commit what it had open.
        assertThatThrownBy(departed::commitTransaction)
                .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
        departed.close(Duration.ZERO);
        live.close(Duration.ZERO);
    }

    /** A stream thread's producer that began a transaction and wrote one record (its id) to {@code topic}. */
    private static KafkaProducer<byte[], byte[]> openTransaction(String transactionalId, String topic)
            throws Exception {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                kafka.connection()
                        .transactionalProducer(
                                transactionalId,
                                transactionalId,
                                Map.of("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, transactionalId.getBytes(StandardCharsets.UTF_8)))
                .get();
        return producer;
    }

    private Map<String, ?> streamsConfig() {
        StreamsSettings settings = new StreamsSettings(
                kafka.connection(), APP, stateDir, APP + ".dead-letter", true, 1, 1, null, "departed-fence-it");
        Map<String, Object> config = new HashMap<>();
        settings.toProperties().forEach((key, value) -> config.put((String) key, value));
        return config;
    }

    private static long lastStableOffset(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(
                        Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(partition)
                .get()
                .offset();
    }

    /** What a read_committed reader gets from the partition up to {@code stableOffset}. */
    private static List<ConsumerRecord<byte[], byte[]>> committedRecords(TopicPartition partition, long stableOffset) {
        try (KafkaConsumer<byte[], byte[]> reader = kafka.committedReader(
                "departed-fence-it-" + partition.topic(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            boolean reached = Waiting.until(Duration.ofSeconds(30), Duration.ofMillis(1), () -> {
                reader.poll(Duration.ofMillis(200)).records(partition).forEach(read::add);
                return reader.position(partition) >= stableOffset;
            });
            assertThat(reached)
                    .as("a read_committed reader reaches the last stable offset %d", stableOffset)
                    .isTrue();
            return read;
        }
    }
}
