package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.model.Alert;
import io.cellwatch.model.WireSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the alerts topic and hands every event to the sinks, at least once: only committed
 * (read_committed) alerts are read, so an alert from an aborted Streams transaction is never
 * delivered, and an offset is committed only after every sink accepted the record. A record a sink
 * refused is read again after a growing backoff; sinks that had already accepted it see it again,
 * which is why alerts carry a stable id for receivers to deduplicate on.
 */
public final class AlertService implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    public static final String DEFAULT_GROUP_ID = "cellwatch-alerts";

    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final List<AlertSink> sinks;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public AlertService(String bootstrapServers, String groupId, String topic, List<AlertSink> sinks) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), WireSerdes.alert().deserializer());
        this.topic = topic;
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            Duration backoff = INITIAL_BACKOFF;
            while (running.get()) {
                ConsumerRecords<String, Alert> records = consumer.poll(Duration.ofMillis(500));
                Map<TopicPartition, OffsetAndMetadata> delivered = new HashMap<>();
                boolean failed = false;
                for (ConsumerRecord<String, Alert> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (failed || !deliverToAll(record.value())) {
                        // Not accepted: rewind so this record (and the rest of its batch) comes back.
                        if (!failed) {
                            consumer.seek(partition, record.offset());
                            failed = true;
                        }
                        continue;
                    }
                    delivered.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                if (!delivered.isEmpty()) {
                    consumer.commitSync(delivered);
                }
                if (failed) {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                } else {
                    backoff = INITIAL_BACKOFF;
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close();
            sinks.forEach(AlertSink::close);
        }
    }

    /** True when every sink accepted the alert. */
    private boolean deliverToAll(Alert alert) {
        for (AlertSink sink : sinks) {
            try {
                sink.deliver(alert);
            } catch (Exception e) {
                LOG.warn("alert {} not accepted by {} ({}); will retry", alert.alertId(), sink.name(), e.toString());
                return false;
            }
        }
        return true;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
