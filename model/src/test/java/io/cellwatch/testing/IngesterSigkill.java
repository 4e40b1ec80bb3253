package io.cellwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cellwatch.model.Sample;
import io.cellwatch.model.WireSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An ingester JVM that follows files while a test writes them as a cycler would, killed with SIGKILL
 * midway and restarted, with what reached the samples topic read as consumers see it
 * (read_committed): the proof of {@code ingest --follow}'s exactly once.
 */
public final class IngesterSigkill {
    private IngesterSigkill() {}

    /** One write of the cycler's files. */
    @FunctionalInterface
    public interface Write {
        void run() throws IOException;
    }

    /** Starts an ingester JVM; {@code name} ("first", "second") names its log. */
    @FunctionalInterface
    public interface Ingester {
        Process start(String name) throws IOException;
    }

    /** The samples read, in the order the topic gave them, and how many had arrived when the first ingester died. */
    public record Result(List<ConsumerRecord<String, Sample>> read, int atKill) {}

    /**
     * Makes the first write and starts an ingester; goes on writing until about a third of
     * {@code expected} samples has arrived and kills it with SIGKILL; makes five more writes while none
     * runs; starts another and makes the rest; waits for {@code expected} samples, and a moment for any
     * duplicate; stops it with SIGTERM.
     *
     * @param keepFirst the first ingester must be killed before this write (a later one may create a file)
     */
    public static Result run(
            KafkaTestCluster kafka,
            String samplesTopic,
            Ingester ingester,
            List<Write> writes,
            int keepFirst,
            int expected)
            throws Exception {
        List<ConsumerRecord<String, Sample>> read = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readCommitted(kafka, samplesTopic, read, reading), "it-reader");
        int next = 0;
        writes.get(next++).run();
        Process first = ingester.start("first");
        reader.start();
        Process second = null;
        try {
            await("the first ingester's samples (JVM start, fencing, topics)")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> !read.isEmpty() || !first.isAlive());
            // The cycler keeps writing; kill the ingester once about a third has arrived, mid-stream.
            while (next < Math.min(keepFirst, writes.size()) && read.size() < expected / 3) {
                writes.get(next++).run();
                Thread.sleep(40);
                assertThat(first.isAlive())
                        .as("first ingester alive (see its log)")
                        .isTrue();
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int atKill = read.size();
            assertThat(atKill).isGreaterThan(0).isLessThan(expected);

            // Writes while no ingester runs (a partial row or record left hanging at the restart).
            for (int i = 0; i < 5 && next < keepFirst; i++) {
                writes.get(next++).run();
            }
            second = ingester.start("second");
            while (next < writes.size()) {
                writes.get(next++).run();
                Thread.sleep(20);
            }
            Process restarted = second;
            await("every sample on the samples topic")
                    .atMost(Duration.ofSeconds(240))
                    .until(() -> read.size() >= expected || !restarted.isAlive());
            Thread.sleep(2000); // time for any duplicate to show up
            return new Result(read, atKill);
        } finally {
            reading.set(false);
            reader.join(10_000);
            first.destroyForcibly();
            if (second != null) {
                second.destroy(); // SIGTERM: the orderly shutdown
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void readCommitted(
            KafkaTestCluster kafka, String topic, List<ConsumerRecord<String, Sample>> into, AtomicBoolean running) {
        try (KafkaConsumer<String, Sample> consumer = kafka.committedReader(
                "ingester-sigkill-reader",
                new StringDeserializer(),
                WireSerdes.sample().deserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200)).forEach(into::add);
            }
        }
    }
}
