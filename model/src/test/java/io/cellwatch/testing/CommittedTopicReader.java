package io.cellwatch.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A topic read in the background from its beginning as its consumers see it (read_committed), each
 * record the topic holds handed over once: what a test counts and compares.
 *
 * <p>Once even across a rebalance of the reader's consumer group. The reader commits no offsets (a
 * test wants the whole topic), so whenever its group takes a partition back and gives it again
 * (another member, a coordinator that lost the member, a change in the topic's metadata), the
 * partition restarts at its earliest offset and every record read so far comes again: a list in which
 * the topic's records 1..N appear twice although the topic holds them once. Offsets only grow within
 * a partition, so a record at or below the last offset read there is such a repeat: it is skipped and
 * counted ({@link #repeatsSkipped()}). A record the topic really holds twice has an offset of its own
 * and stays in the list.
 */
public final class CommittedTopicReader<K, V> implements AutoCloseable {
    private final List<ConsumerRecord<K, V>> read = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicInteger assignments = new AtomicInteger();
    private final Thread thread;

    private CommittedTopicReader(
            KafkaTestCluster kafka, String group, String topic, Deserializer<K> keys, Deserializer<V> values) {
        thread = new Thread(() -> readUntilClosed(kafka, group, topic, keys, values), "it-reader");
    }

    /** Starts reading {@code topic} (it may not exist yet) as a member of consumer group {@code group}. */
    public static <K, V> CommittedTopicReader<K, V> start(
            KafkaTestCluster kafka, String group, String topic, Deserializer<K> keys, Deserializer<V> values) {
        CommittedTopicReader<K, V> reader = new CommittedTopicReader<>(kafka, group, topic, keys, values);
        reader.thread.start();
        return reader;
    }

    /** The records read so far, in the order the topic gave them; grows while the reader runs. */
    public List<ConsumerRecord<K, V>> read() {
        return read;
    }

    /** Records the group handed over a second time (or more) after a rebalance, left out of {@link #read()}. */
    public long repeatsSkipped() {
        return repeats.get();
    }

    /** How many times the group has assigned the reader its partitions (once per rebalance it took part in). */
    public int assignments() {
        return assignments.get();
    }

    private void readUntilClosed(
            KafkaTestCluster kafka, String group, String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<TopicPartition, Long> lastOffset = new HashMap<>();
        try (KafkaConsumer<K, V> consumer = kafka.committedReader(group, keys, values)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignments.incrementAndGet();
                }
            });
            while (running.get()) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = lastOffset.get(partition);
                    if (last != null && record.offset() <= last) {
                        repeats.incrementAndGet();
                        continue;
                    }
                    lastOffset.put(partition, record.offset());
                    read.add(record);
                }
            }
        }
    }

    /** Stops reading and waits for the reader to leave its group (10 s at most). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
