package io.cellwatch.streams.config;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.detect.profile.DetectionConfig;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a checked detection config to the compacted detection-config topic, where every
 * streams instance reads it (one key: the newest file wins). Only files that checked out are
 * published, so an instance never receives one it would have to refuse.
 */
public final class DetectionConfigPublisher implements AutoCloseable {
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    public DetectionConfigPublisher(KafkaConnection kafka, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(
                kafka.producer("cellwatch-detection-config", KafkaConnection.AWAITED_SENDS),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends the config and waits until the cluster has it. */
    public void publish(DetectionConfig config) {
        DetectionConfigRecord record =
                new DetectionConfigRecord(DetectionConfigRecord.SCHEMA_VERSION, config.source(), config.text());
        try {
            producer.send(new ProducerRecord<>(
                            topic, DetectionConfigRecord.KEY, DetectionConfigRecord.CODEC.toBytes(record)))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the detection config", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot publish the detection config to " + topic + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
