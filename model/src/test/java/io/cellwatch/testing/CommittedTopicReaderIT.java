package io.cellwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The reader the exactly-once tests count with ({@link IngesterSigkill}) against a real broker: a
 * rebalance of its consumer group, which sends a reader that commits no offsets back to the start of
 * its partition, must not show records the topic holds once as delivered twice.
 */
class CommittedTopicReaderIT {
    private static final String TOPIC = "reader-it.samples";
    private static final String GROUP = "reader-it";

    @Test
    void recordsHandedOverAgainByARebalanceAreReadOnce() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(1, TOPIC);
            produce(kafka, 1, 10);
            try (CommittedTopicReader<String, String> reader = CommittedTopicReader.start(
                    kafka, GROUP, TOPIC, new StringDeserializer(), new StringDeserializer())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> reader.read().size() == 10);

                // Another member joins the group and leaves: each time the group deals the partition out
                // anew, and the reader, which commits no offsets, starts it again at offset 0.
                int beforeJoin = reader.assignments();
                try (KafkaConsumer<String, String> other =
                        kafka.committedReader(GROUP, new StringDeserializer(), new StringDeserializer())) {
                    other.subscribe(List.of(TOPIC));
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        other.poll(Duration.ofMillis(100));
                        return reader.assignments() > beforeJoin;
                    });
                }
                int beforeLeave = reader.assignments();
                await().atMost(Duration.ofSeconds(60)).until(() -> reader.assignments() > beforeLeave);

                produce(kafka, 11, 15);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> values(reader.read()).contains("15"));
                assertThat(values(reader.read()))
                        .as("each record of the topic once, in order")
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, 15)
                                .mapToObj(Integer::toString)
                                .toList());
                assertThat(reader.repeatsSkipped())
                        .as("the rebalances sent the reader back to the start: the first ten came again")
                        .isGreaterThanOrEqualTo(10);
            }
        }
    }

    private static void produce(KafkaTestCluster kafka, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                kafka.connection().producer("reader-it", Map.of()), new StringSerializer(), new StringSerializer())) {
            for (int i = from; i <= to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "cell", Integer.toString(i)))
                        .get();
            }
        }
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
