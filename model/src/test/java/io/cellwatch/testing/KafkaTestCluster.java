package io.cellwatch.testing;

import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka for integration tests (Kafka's own test kit: free ports,
 * temporary directories), with the few client helpers every integration test needs.
 */
public final class KafkaTestCluster implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private KafkaTestCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaTestCluster start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaTestCluster(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** This cluster as cellwatch's clients reach it (plaintext, no client properties). */
    public KafkaConnection connection() {
        return KafkaConnection.plain(bootstrapServers());
    }

    public void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(connection().admin("it-admin"))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1));
            }
            admin.createTopics(newTopics).all().get();
            // The controller answers once the topics are committed; a broker applies that a moment later.
            // A producer sending in between gets NOT_LEADER_OR_FOLLOWER, and an idempotent one retrying
            // then can be stuck on OUT_OF_ORDER_SEQUENCE until its delivery timeout drops the batch.
            // The broker asked may not know the topics yet either: describing them then fails with
            // UNKNOWN_TOPIC_OR_PARTITION (CI, once), which is "not yet", as in TopicProvisioner.awaitLeaders.
            boolean led = Waiting.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
                try {
                    return admin.describeTopics(List.of(topics)).allTopicNames().get().values().stream()
                            .flatMap(d -> d.partitions().stream())
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        return false;
                    }
                    throw e;
                }
            });
            if (!led) {
                throw new IllegalStateException("topics without a leader 30 s after creation: " + List.of(topics));
            }
            // The metadata names a leader before that broker serves as one (QueryApiIT's producer was stuck
            // 120 s so once, under load): ListOffsets is answered by the partition's leader only, as a produce is.
            Map<TopicPartition, OffsetSpec> everyPartition = new HashMap<>();
            for (String topic : topics) {
                for (int partition = 0; partition < partitions; partition++) {
                    everyPartition.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            boolean serving = Waiting.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
                try {
                    admin.listOffsets(everyPartition).all().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException | TimeoutException notYet) {
                    return false;
                }
            });
            if (!serving) {
                throw new IllegalStateException(
                        "topics whose leaders do not serve 30 s after creation: " + List.of(topics));
            }
        }
    }

    /** The topic's partition count, or 0 while it does not exist. */
    public int partitions(String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(connection().admin("it-admin"))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    /** A consumer reading only committed records from the start of the topic. */
    public <K, V> KafkaConsumer<K, V> committedReader(String group, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(connection().consumer(group + "-reader", group, Map.of()), keys, values);
    }

    /**
     * Polls {@code topic} until {@code done} holds for what was read or {@code timeout} passes; returns everything read,
     * each record of the topic once: the reader commits no offsets, so a rebalance of its group (a member that missed
     * its session on a loaded machine) would hand a partition over again from its start; a record at or below the last
     * offset read in its partition is such a repeat and left out (see {@link CommittedTopicReader}).
     */
    public <K, V> List<ConsumerRecord<K, V>> readUntil(
            String topic,
            Deserializer<K> keys,
            Deserializer<V> values,
            Duration timeout,
            Predicate<List<ConsumerRecord<K, V>>> done) {
        List<ConsumerRecord<K, V>> read = new ArrayList<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        try (KafkaConsumer<K, V> consumer = committedReader("it-reader-" + System.nanoTime(), keys, values)) {
            consumer.subscribe(List.of(topic));
            Waiting.until(timeout, Duration.ofMillis(1), () -> {
                if (!done.test(read)) {
                    for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.offset() > lastOffset.getOrDefault(record.partition(), -1L)) {
                            lastOffset.put(record.partition(), record.offset());
                            read.add(record);
                        }
                    }
                }
                return done.test(read);
            });
        }
        return read;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
