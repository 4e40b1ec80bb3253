package io.cellwatch.deploy.chaos;

import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed on a topic, as a downstream consumer sees it ({@code read_committed}: an
 * aborted transaction's records never appear), read from the start to the last stable offset of
 * every partition, without a consumer group.
 */
final class TopicContents {
    private TopicContents() {}

    /** Hands every committed record to {@code each}, partition by partition in offset order; returns how many. */
    static <V> long forEach(
            String bootstrapServers, String topic, Deserializer<V> values, Consumer<ConsumerRecord<String, V>> each) {
        // read_committed, no group: the verdict sees only what transactions committed.
        Properties props = KafkaConnection.plain(bootstrapServers)
                .consumer("chaos-verifier", null, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        long read = 0;
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, the end offsets are the last stable offsets: what is committed now.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record);
                    read++;
                }
            }
        }
        return read;
    }

    /** How many committed records the topic holds (values not decoded). */
    static long count(String bootstrapServers, String topic) {
        return forEach(bootstrapServers, topic, new ByteArrayDeserializer(), record -> {});
    }
}
