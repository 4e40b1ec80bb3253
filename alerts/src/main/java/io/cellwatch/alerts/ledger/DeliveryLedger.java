package io.cellwatch.alerts.ledger;

import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.model.kafka.KafkaConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service's durable memory: every open episode's lifecycle and, per receiver, how far
 * the receiver has been told, in a compacted Kafka topic ({@code PREFIX alert-deliveries}, one
 * record per episode, keyed {@code GROUP|ALERT_ID} so several alert services with different
 * consumer groups and receivers can share it).
 *
 * <p>Why a topic and not committed offsets alone: a record's offset can only be committed once
 * every receiver accepted it, so after a crash the records past it are read again. Without this
 * memory a receiver that had accepted them (the webhook, while Alertmanager was down) would be
 * notified twice, and the firing alerts Alertmanager must keep hearing about would be forgotten.
 *
 * <p>Every change is written and acknowledged (acks=all) before it takes effect in memory, so what
 * the service acts on is never ahead of what survives it. Writes are serialized; the volume is a
 * handful of records per alert event.
 */
public final class DeliveryLedger implements EpisodeLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final String topic;
    private final String owner;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Episode> episodes = new HashMap<>();

    private DeliveryLedger(KafkaConnection kafka, String topic, String owner) {
        this.kafka = kafka;
        this.topic = topic;
        this.owner = owner;
        this.producer = new KafkaProducer<>(
                kafka.producer(owner + "-ledger", KafkaConnection.AWAITED_SENDS),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * @param topic the compacted ledger topic (must exist: see {@code AlertTopics#ensure})
     * @param owner whose memory this is: the alert service's consumer group
     */
    public static DeliveryLedger open(KafkaConnection kafka, String topic, String owner) {
        return new DeliveryLedger(kafka, topic, owner);
    }

    public String topic() {
        return topic;
    }

    /**
     * Reads the whole ledger again (at start, and whenever partitions of the alerts topic move
     * between instances, whose last words are then in the topic). Waits for this instance's own
     * writes first so nothing it said is missed.
     */
    public synchronized int reload() {
        producer.flush();
        Map<String, Episode> loaded = new HashMap<>();
        String prefix = owner + "|";
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                kafka.consumer(owner + "-ledger-reader", null, Map.of()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue; // another alert service's memory
                    }
                    String alertId = record.key().substring(prefix.length());
                    if (record.value() == null) {
                        loaded.remove(alertId);
                        continue;
                    }
                    try {
                        loaded.put(alertId, EpisodeCodec.fromBytes(record.value()));
                    } catch (IOException | RuntimeException e) {
                        // Losing one entry risks one repeated notification; refusing to start loses them all.
                        LOG.error(
                                "alert ledger {} partition {} offset {}: unreadable entry for {} ignored ({})",
                                topic,
                                record.partition(),
                                record.offset(),
                                alertId,
                                e.getMessage());
                    }
                }
            }
        }
        episodes.clear();
        episodes.putAll(loaded);
        return episodes.size();
    }

    /** The ledger's partitions (the topic was created with its metadata in place: see {@code TopicProvisioner}). */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> reader) {
        List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("alert ledger topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    @Override
    public synchronized Optional<Episode> get(String alertId) {
        return Optional.ofNullable(episodes.get(alertId));
    }

    @Override
    public synchronized void put(Episode episode) throws InterruptedException {
        write(episode.alertId(), EpisodeCodec.toBytes(episode));
        episodes.put(episode.alertId(), episode);
    }

    /** A tombstone, so compaction removes the episode's record. */
    @Override
    public synchronized void forget(String alertId) throws InterruptedException {
        if (episodes.containsKey(alertId)) {
            write(alertId, null);
            episodes.remove(alertId);
        }
    }

    @Override
    public synchronized List<Episode> select(Predicate<Episode> which) {
        return episodes.values().stream().filter(which).toList();
    }

    @Override
    public synchronized int size() {
        return episodes.size();
    }

    private void write(String alertId, byte[] value) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, owner + "|" + alertId, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LedgerWriteException(
                    "cannot write alert ledger " + topic + " for " + alertId + ": " + cause, cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
