package io.cellwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cellwatch.model.Sample;
import io.cellwatch.model.WireSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /**
     * The samples read, in the order the topic gave them (each record of the topic once), how many had
     * arrived when the first ingester died, and how many the reader's consumer group handed over again
     * after a rebalance ({@link CommittedTopicReader}: left out of {@code read}, the topic holds them once).
     */
    public record Result(List<ConsumerRecord<String, Sample>> read, int atKill, long repeatsSkipped) {}

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
        int next = 0;
        writes.get(next++).run();
        Process first = ingester.start("first");
        // The reader subscribes only once the ingester has made the samples topic: a consumer asking for a
        // topic that does not exist yet has the broker create it on demand, with the broker's default of one
        // partition, and the ingester's --partitions then never applies.
        await("the samples topic, made by the first ingester (JVM start, topics)")
                .atMost(Duration.ofSeconds(120))
                .until(() -> kafka.partitions(samplesTopic) > 0 || !first.isAlive());
        CommittedTopicReader<String, Sample> reader = CommittedTopicReader.start(
                kafka,
                "ingester-sigkill-reader",
                samplesTopic,
                new StringDeserializer(),
                WireSerdes.sample().deserializer());
        List<ConsumerRecord<String, Sample>> read = reader.read();
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
            if (reader.repeatsSkipped() > 0) {
                System.out.printf(
                        "IngesterSigkill: the reader's group rebalanced and handed %d records over again (skipped)%n",
                        reader.repeatsSkipped());
            }
            return new Result(read, atKill, reader.repeatsSkipped());
        } finally {
            reader.close();
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
}
