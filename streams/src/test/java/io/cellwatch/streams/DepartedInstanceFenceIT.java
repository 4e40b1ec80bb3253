package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.testing.KafkaClusterExtension;
import io.cellwatch.testing.Waiting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real broker, as Kafka Streams wires it: when an exactly-once instance running {@link
 * FailoverTaskAssignor} leads its group's assignment, the open transaction of a stream thread whose
 * instance is not in the group is aborted, and a live instance's is left alone. The transactions'
 * timeout is five minutes, far beyond anything the test waits, so only the fence can end one.
 */
class DepartedInstanceFenceIT {
    private static final String APP = "departed-fence-it";
    private static final String DEPARTED_TOPIC = "departed-fence-it.departed";
    private static final String LIVE_TOPIC = "departed-fence-it.live";
    private static final String SOURCE_TOPIC = "departed-fence-it.in";
    private static final UUID DEPARTED = UUID.fromString("14f3cb27-73dd-4637-a8e0-da9fd485f45c");
    /** The open transactions' timeout: only the fence can end one within the test. */
    private static final int TRANSACTION_TIMEOUT_MS = 300_000;

    @RegisterExtension
    static final KafkaClusterExtension kafka =
            KafkaClusterExtension.withTopics(1, DEPARTED_TOPIC, LIVE_TOPIC, SOURCE_TOPIC);

    @TempDir
    Path stateDir;

    @Test
    void theLeadersAssignmentAbortsADepartedInstancesTransactionAndLeavesALiveOnesAlone() throws Exception {
        String departedId = PredecessorFence.threadTransactionalId(APP, DEPARTED.toString(), 1);
        KafkaProducer<byte[], byte[]> departed = openTransaction(departedId, DEPARTED_TOPIC);
        TopicPartition departedPartition = new TopicPartition(DEPARTED_TOPIC, 0);
        TopicPartition livePartition = new TopicPartition(LIVE_TOPIC, 0);
        StreamsBuilder builder = new StreamsBuilder();
        // A store, so that Kafka Streams keeps its process id in the state directory (a stateless one draws one).
        builder.table(SOURCE_TOPIC, Materialized.as("departed-fence-it-store"));
        try (Admin admin = Admin.create(kafka.connection().admin("departed-fence-it"));
                KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig())) {
            // The instance in the group: Kafka Streams has read its process id when constructed. Its thread 2's
            // id (this instance runs one thread, so nothing of its own fences it) has a transaction open too.
            UUID live = UUID.fromString(
                    PredecessorFence.processId(stateDir.resolve(APP).resolve(PredecessorFence.PROCESS_FILE))
                            .orElseThrow());
            String liveId = PredecessorFence.threadTransactionalId(APP, live.toString(), 2);
            KafkaProducer<byte[], byte[]> alive = openTransaction(liveId, LIVE_TOPIC);
            // Both open transactions hold their partition's last stable offset at their first record.
            assertThat(lastStableOffset(admin, departedPartition)).isZero();
            assertThat(lastStableOffset(admin, livePartition)).isZero();

            // The instance joins its group, leads it, and FailoverTaskAssignor assigns (and starts the fence).
            streams.start();

            // Aborted: the last stable offset moves past the record and its abort marker, and a read_committed
            // reader gets nothing from the partition.
            long departedStable = lastStableOffsetOnceMoved(admin, departedPartition);
            assertThat(departedStable)
                    .as("the departed instance's transaction was aborted (last stable offset past its record)")
                    .isGreaterThan(0);
            assertThat(committedRecords(departedPartition, departedStable)).isEmpty();
            // Untouched: the live instance's transaction still holds its partition, and commits.
            assertThat(lastStableOffset(admin, livePartition)).isZero();
            alive.commitTransaction();
            long liveStable = lastStableOffsetOnceMoved(admin, livePartition);
            assertThat(liveStable).as("the live transaction committed").isGreaterThan(0);
            assertThat(committedRecords(livePartition, liveStable))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly(liveId);
            alive.close(Duration.ZERO);
        }
        // Fenced: the departed instance, were it still alive, could not commit what it had open.
        assertThatThrownBy(departed::commitTransaction)
                .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
        departed.close(Duration.ZERO);
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

    /** Exactly-once, one thread, cellwatch's assignor: as {@code cellwatch streams} runs it. */
    private Properties streamsConfig() {
        Properties config = new StreamsSettings(
                        kafka.connection(), APP, stateDir, APP + ".dead-letter", true, 1, 1, null, "departed-fence-it")
                .toProperties();
        config.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, FailoverTaskAssignor.class.getName());
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        return config;
    }

    private static long lastStableOffset(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(
                        Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(partition)
                .get()
                .offset();
    }

    /** The partition's last stable offset once it has moved past 0, or 0 if it has not within a minute. */
    private static long lastStableOffsetOnceMoved(Admin admin, TopicPartition partition) {
        return Waiting.until(
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                () -> lastStableOffset(admin, partition),
                offset -> offset > 0);
    }

    /** What a read_committed reader gets from the partition up to {@code stableOffset}. */
    private static List<ConsumerRecord<byte[], byte[]>> committedRecords(TopicPartition partition, long stableOffset) {
        try (KafkaConsumer<byte[], byte[]> reader = kafka.cluster()
                .committedReader(
                        "departed-fence-it-" + partition.topic(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
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
