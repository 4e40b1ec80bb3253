package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.deploy.broker.EmbeddedKafka;
import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.testing.Waiting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's in-process broker: starts, takes cellwatch's topics, and keeps its data across a restart. */
class EmbeddedKafkaIT {
    @TempDir
    Path dataDir;

    @Test
    void keepsTopicsAndRecordsAcrossARestartAndRefusesABusyPort() throws Exception {
        int[] ports = LoopbackPorts.free(3);
        int brokerPort = ports[0];
        int controllerPort = ports[1];
        TopicNames topics = TopicNames.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, brokerPort, controllerPort)) {
            assertThat(KafkaRuntime.ensurePipelineTopics(
                            KafkaConnection.plain(kafka.bootstrapServers()), topics, 2, (short) 1))
                    .containsExactlyInAnyOrderElementsOf(topics.all());
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topics.samples(), "ch-1", "hello"))
                        .get();
            }
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir.resolve("other"), brokerPort, ports[2]))
                    .hasMessageContaining("port " + brokerPort)
                    .hasMessageContaining("--bootstrap-servers");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, brokerPort, controllerPort)) {
            assertThat(KafkaRuntime.ensurePipelineTopics(
                            KafkaConnection.plain(kafka.bootstrapServers()), topics, 2, (short) 1))
                    .isEmpty();
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topics.samples()));
                List<ConsumerRecord<String, String>> read = new java.util.ArrayList<>();
                Waiting.until(Duration.ofSeconds(20), Duration.ofMillis(1), () -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                    return !read.isEmpty();
                });
                assertThat(read).extracting(ConsumerRecord::value).containsExactly("hello");
            }
        }
    }
}
