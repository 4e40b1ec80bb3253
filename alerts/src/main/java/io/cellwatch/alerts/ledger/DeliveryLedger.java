package io.cellwatch.alerts.ledger;

import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.model.kafka.KafkaConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
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
 * <p>Every change is written and committed before it takes effect in memory, so what the service
 * acts on is never ahead of what survives it. Writes are serialized; the volume is a handful of
 * records per alert event. A receiver that is a Kafka topic (pause requests) has its records written
 * in the transaction that records their delivery ({@link #deliverWith}).
 *
 * <p>Only the instance that holds a partition of the alerts topic may write its episodes, and Kafka
 * enforces it: each held partition has its own transactional producer ({@code GROUP-ledger-P}), and
 * every write is a transaction of its own. When a partition moves, its new owner's producer with
 * the same id fences the old owner's ({@link #claim}) before it reads the ledger. An instance that
 * stalled past its session timeout (a long GC pause, a paused VM) and goes on as if it still held
 * the partition then has its next write refused ({@link LedgerFencedException}) instead of marking a
 * delivery as begun behind the new owner's back and making it: what the stalled instance managed to
 * write before the fence, the new owner reads; nothing it writes after the fence counts. (An instance
 * cut off from Kafka cannot be told: its writes fail rather than being refused.)
 */
public final class DeliveryLedger implements EpisodeLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);

    /**
     * The awaited-send tuning, with a small buffer (one producer per held partition, each holding one
     * small record at a time) and a short transaction timeout.
     */
    private static final Map<String, Object> WRITER_TUNING = writerTuning(KafkaConnection.AWAITED_SENDS);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long a ledger write's transaction may stay open before the broker aborts it: a write lasts
     * milliseconds, and a commit gives up after 10 s ({@code max.block.ms}); this bounds how long an
     * instance killed inside a write holds back the others' reads when nobody fences it sooner.
     */
    private static final int TRANSACTION_TIMEOUT_MS = 15_000;

    /** A read waits that long, and a little more, for writes begun before it to be decided. */
    private static final Duration UNDECIDED_WAIT = Duration.ofMillis(TRANSACTION_TIMEOUT_MS + 15_000);

    private final KafkaConnection kafka;
    private final String topic;
    private final String owner;
    private final Map<String, Episode> episodes = new HashMap<>();

    /** Per partition of the alerts topic this instance holds, the producer that writes its episodes. */
    private final Map<Integer, KafkaProducer<String, byte[]>> writers = new HashMap<>();

    /** Partitions whose writer was fenced or broke while this instance still held them. */
    private final Set<Integer> lost = new TreeSet<>();

    private DeliveryLedger(KafkaConnection kafka, String topic, String owner) {
        this.kafka = kafka;
        this.topic = topic;
        this.owner = owner;
    }

    /**
     * A ledger that reads and holds no partition yet: {@link #claim} the partitions of the alerts
     * topic it may write for.
     *
     * @param topic the compacted ledger topic (must exist: see {@code AlertTopics#ensure})
     * @param owner whose memory this is: the alert service's consumer group
     */
    public static DeliveryLedger open(KafkaConnection kafka, String topic, String owner) {
        return new DeliveryLedger(kafka, topic, owner);
    }

    public String topic() {
        return topic;
    }

    /** The transactional id of the writer for {@code alertsPartition}: one per group and partition. */
    public static String transactionalId(String owner, int alertsPartition) {
        return owner + "-ledger-" + alertsPartition;
    }

    /**
     * Takes over the writing of these partitions' episodes: for each, a producer with the partition's
     * transactional id, whose initialization fences the previous owner's and completes (or aborts) any
     * write it had under way. Call before {@link #reload}, so the reload sees every write the previous
     * owner made and none of its writes can come after.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot fence (unreachable)
     * @throws IllegalStateException naming the ACL to grant when the service may not use the id
     */
    public synchronized void claim(Collection<Integer> alertsPartitions) {
        for (int partition : alertsPartitions) {
            lost.remove(partition);
            if (writers.containsKey(partition)) {
                continue;
            }
            String transactionalId = transactionalId(owner, partition);
            KafkaProducer<String, byte[]> writer = new KafkaProducer<>(
                    kafka.transactionalProducer(transactionalId, transactionalId, WRITER_TUNING),
                    new StringSerializer(),
                    new ByteArraySerializer());
            try {
                writer.initTransactions();
            } catch (TransactionalIdAuthorizationException e) {
                writer.close(Duration.ZERO);
                throw new IllegalStateException(
                        "the alert service may not use transactional id " + transactionalId
                                + ": grant its user Write on transactional ids prefixed " + owner
                                + "-ledger- (the README's ACL table)",
                        e);
            } catch (RuntimeException e) {
                writer.close(Duration.ZERO);
                throw e;
            }
            writers.put(partition, writer);
        }
    }

    /** Lets go of partitions that moved away (their new owner fences these writers anyway). */
    public synchronized void release(Collection<Integer> alertsPartitions) {
        for (int partition : alertsPartitions) {
            lost.remove(partition);
            KafkaProducer<String, byte[]> writer = writers.remove(partition);
            if (writer != null) {
                writer.close(CLOSE_TIMEOUT);
            }
        }
    }

    /**
     * Partitions this instance was not told it lost but whose writes were fenced (another instance
     * holds them: this one's group membership is stale) or whose writer failed beyond repair. The
     * session joins its group again: it must not deliver for them.
     */
    public synchronized Set<Integer> lostWriters() {
        return Set.copyOf(lost);
    }

    /**
     * Reads the whole ledger again (at start, and whenever partitions of the alerts topic move
     * between instances, whose last words are then in the topic). Reads committed writes only: a
     * write that failed, or that a fence aborted, never took effect.
     *
     * <p>Reads until every write begun before the read is decided, committed or aborted, not just up
     * to the first undecided one (a read_committed reader's end): an instance killed inside a write
     * leaves its transaction open until the partition's new owner fences it or it times out, and the
     * other instances' writes after it, committed, would otherwise be missed.
     *
     * @throws IllegalStateException when a write stays undecided longer than its transaction may last
     */
    public synchronized int reload() {
        Map<String, Episode> loaded = new HashMap<>();
        String prefix = owner + "|";
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                kafka.consumer(owner + "-ledger-reader", null, Map.of()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = writtenUpTo(partitions);
            long deadline = System.nanoTime() + UNDECIDED_WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("alert ledger " + topic + ": a write begun before this read was"
                            + " still undecided after " + UNDECIDED_WAIT.toSeconds() + " s");
                }
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

    /** Where every write made so far ends, decided or not (the high watermark). */
    private Map<TopicPartition, Long> writtenUpTo(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        try (Admin admin = Admin.create(kafka.admin(owner + "-ledger-reader-admin"))) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((p, info) -> ends.put(p, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading alert ledger " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read alert ledger " + topic + ": " + e, e);
        }
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

    /** @throws LedgerFencedException when the episode's partition is not (or no longer) this instance's */
    @Override
    public synchronized void put(Episode episode) throws InterruptedException {
        write(episode.alertId(), episode.alertsPartition(), EpisodeCodec.toBytes(episode));
        episodes.put(episode.alertId(), episode);
    }

    @Override
    public synchronized boolean deliverWith(
            String alertId,
            int alertsPartition,
            String receiver,
            long offset,
            List<ProducerRecord<String, byte[]>> records)
            throws InterruptedException {
        Episode stored = episodes.get(alertId);
        Episode delivered = stored == null ? null : stored.withDelivered(receiver, offset);
        List<ProducerRecord<String, byte[]>> transaction = new ArrayList<>(records);
        if (delivered != null) {
            transaction.add(entry(alertId, EpisodeCodec.toBytes(delivered)));
        }
        transact(alertId, alertsPartition, transaction);
        if (delivered != null) {
            episodes.put(alertId, delivered);
        }
        return delivered != null;
    }

    /** A tombstone, so compaction removes the episode's record. */
    @Override
    public synchronized void forget(String alertId) throws InterruptedException {
        Episode episode = episodes.get(alertId);
        if (episode != null) {
            write(alertId, episode.alertsPartition(), null);
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

    /** One ledger entry (a tombstone when {@code value} is null), one transaction. */
    private void write(String alertId, int alertsPartition, byte[] value) throws InterruptedException {
        transact(alertId, alertsPartition, List.of(entry(alertId, value)));
    }

    private ProducerRecord<String, byte[]> entry(String alertId, byte[] value) {
        return new ProducerRecord<>(topic, owner + "|" + alertId, value);
    }

    /** One transaction, by the writer of the episode's partition: its records count all together or not at all. */
    private void transact(String alertId, int alertsPartition, List<ProducerRecord<String, byte[]>> records)
            throws InterruptedException {
        KafkaProducer<String, byte[]> writer = writers.get(alertsPartition);
        if (writer == null) {
            throw new LedgerFencedException(
                    "alert ledger " + topic + ": " + alertId + " not written, partition " + alertsPartition
                            + " of the alerts topic is not this instance's",
                    alertsPartition,
                    null);
        }
        try {
            writer.beginTransaction();
            records.forEach(writer::send);
            writer.commitTransaction(); // flushes; a failed send fails the commit
        } catch (KafkaException | IllegalStateException e) {
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptException) {
                lose(alertsPartition, writer);
                throw new InterruptedException("interrupted while writing alert ledger " + topic);
            }
            if (fenced(e)) {
                lose(alertsPartition, writer);
                throw new LedgerFencedException(
                        "alert ledger " + topic + ": " + alertId + " not written, another instance holds partition "
                                + alertsPartition + " of the alerts topic now (it fenced this one's writes)",
                        alertsPartition,
                        e);
            }
            abortOrLose(alertsPartition, writer);
            throw new LedgerWriteException("cannot write alert ledger " + topic + " for " + alertId + ": " + e, e);
        }
    }

    /**
     * After a failed write (Kafka unreachable, a timeout) the writer goes on if its transaction can be
     * aborted; if not, it is lost, and the session starts again with a new one, since this instance
     * must not make a new writer for a partition it may no longer hold.
     */
    private void abortOrLose(int alertsPartition, KafkaProducer<String, byte[]> writer) {
        try {
            writer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn(
                    "alert ledger {}: the writer for partition {} cannot go on ({}); the session will start again",
                    topic,
                    alertsPartition,
                    e.toString());
            lose(alertsPartition, writer);
        }
    }

    private void lose(int alertsPartition, KafkaProducer<String, byte[]> writer) {
        writers.remove(alertsPartition);
        lost.add(alertsPartition);
        writer.close(Duration.ZERO);
    }

    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> writerTuning(Map<String, Object> tuning) {
        Map<String, Object> small = new HashMap<>(tuning);
        small.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 1 << 20);
        small.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        return Map.copyOf(small);
    }

    @Override
    public synchronized void close() {
        writers.values().forEach(w -> w.close(CLOSE_TIMEOUT));
        writers.clear();
    }
}
