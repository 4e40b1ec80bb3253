package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.testing.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real broker: the fence aborts a transaction a crashed producer left open under the id. */
class PredecessorFenceIT {
    private static final String TOPIC = "fence-it.out";

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.withTopics(1, TOPIC);

    @Test
    void anOpenTransactionIsAbortedAndItsProducerFenced() throws Exception {
        String id = "fence-it-0f3c-1";
        // The crashed predecessor: a transaction begun and written to, never committed (a minute's timeout,
        // so only the fence can end it within the test).
        KafkaProducer<byte[], byte[]> crashed = new KafkaProducer<>(
                kafka.connection().transactionalProducer("crashed", id, Map.of("transaction.timeout.ms", 60_000)),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        crashed.initTransactions();
        crashed.beginTransaction();
        crashed.send(new ProducerRecord<>(TOPIC, "uncommitted".getBytes(StandardCharsets.UTF_8)))
                .get();

        PredecessorFence.fence(kafka.connection(), List.of(id));

        // Aborted: the partition's last stable offset moved past it (an open transaction holds a read_committed
        // reader at offset 0), and the reader finds nothing to deliver.
        try (var reader = kafka.cluster()
                .<byte[], byte[]>committedReader(
                        "fence-it", new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(TOPIC, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            assertThat(reader.poll(Duration.ofSeconds(5))).isEmpty();
            assertThat(reader.position(partition)).isGreaterThan(0);
        }
        // Fenced: the predecessor, were it still alive, could not commit it.
        assertThatThrownBy(crashed::commitTransaction)
                .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
        crashed.close(Duration.ZERO);
    }
}
