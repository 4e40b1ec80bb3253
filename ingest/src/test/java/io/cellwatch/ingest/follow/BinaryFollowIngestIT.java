package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.ingest.testformat.FixedRecordWriter;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.testing.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary cycler file written while a separate ingester JVM follows it into Kafka, the ingester
 * killed with SIGKILL midway and restarted: every record reaches the samples topic exactly once
 * (read_committed), including those written while it was down, and the one unreadable record is
 * one dead letter. The file grows as a cycler's software grows it: record bytes in writes that cut
 * records in two, the header's record count updated after each write.
 */
class BinaryFollowIngestIT {
    private static final int RECORDS = 3000;
    private static final int UNREADABLE = 1200;
    private static final int CHUNK_BYTES = 1500; // 37.5 records: every other write ends inside a record
    private static final String PREFIX = "binary-follow-it.";

    @TempDir
    Path dir;

    @Test
    void everyRecordReachesKafkaExactlyOnceAcrossASigkill() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        FixedRecordWriter writer = FixedRecordWriter.create(lab.resolve("cell-bin.cwfr"));
        List<byte[]> chunks = chunks(FixedRecordWriter.records(1, RECORDS, UNREADABLE));
        TopicNames topics = TopicNames.withPrefix(PREFIX);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(2, topics.samples(), topics.channels(), topics.cycles(), topics.deadLetter());
            List<ConsumerRecord<String, Sample>> read = new CopyOnWriteArrayList<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> readCommitted(kafka, topics.samples(), read, reading), "it-reader");

            int next = 0;
            write(writer, chunks.get(next++));
            Process first = startIngester(kafka, lab, "first");
            reader.start();
            await("the first ingester's rows (JVM start, fencing)")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> !read.isEmpty() || !first.isAlive());
            // The cycler keeps writing; kill the ingester once about a third has arrived, mid-stream.
            while (next < chunks.size() && read.size() < RECORDS / 3) {
                write(writer, chunks.get(next++));
                Thread.sleep(40);
                assertThat(first.isAlive())
                        .as("first ingester alive (see %s)", dir.resolve("first.log"))
                        .isTrue();
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int atKill = read.size();
            assertThat(atKill).isGreaterThan(0).isLessThan(RECORDS - 1);

            for (int i = 0; i < 5 && next < chunks.size(); i++) {
                write(writer, chunks.get(next++)); // written while no ingester runs
            }
            Process second = startIngester(kafka, lab, "second");
            try {
                while (next < chunks.size()) {
                    write(writer, chunks.get(next++));
                    Thread.sleep(20);
                }
                await("every record on the samples topic")
                        .atMost(Duration.ofSeconds(240))
                        .until(() -> read.size() >= RECORDS - 1 || !second.isAlive());
                Thread.sleep(2000); // time for any duplicate to show up
                reading.set(false);
                reader.join(10_000);

                List<Long> expected = new ArrayList<>();
                for (long i = 1; i <= RECORDS; i++) {
                    if (i != UNREADABLE) {
                        expected.add(i);
                    }
                }
                assertThat(read).allSatisfy(r -> assertThat(r.key()).isEqualTo("cell-bin"));
                assertThat(read.stream().map(r -> r.value().dataPoint()).toList())
                        .as("records in order, each once (killed after %d)", atKill)
                        .containsExactlyElementsOf(expected);
                assertThat(Files.readString(dir.resolve("second.log")))
                        .as("the restart resumed from the committed data point")
                        .contains("cell-bin.cwfr: resuming after data point");

                List<ConsumerRecord<String, byte[]>> dead = kafka.readUntil(
                        topics.deadLetter(),
                        new StringDeserializer(),
                        new ByteArrayDeserializer(),
                        Duration.ofSeconds(10),
                        r -> r.size() > 1);
                assertThat(dead).singleElement().satisfies(d -> {
                    assertThat(d.key()).isEqualTo("cell-bin");
                    assertThat(header(d, DeadLetter.FILE_HEADER))
                            .isEqualTo(writer.path().toString());
                    assertThat(header(d, DeadLetter.LINE_HEADER)).isEqualTo(Integer.toString(UNREADABLE));
                    assertThat(header(d, DeadLetter.FIELD_HEADER)).isEqualTo("voltage");
                    assertThat(header(d, DeadLetter.FORMAT_HEADER)).isEqualTo(FixedRecordFormat.NAME);
                });
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /** Appends a piece of the record stream, then counts the records now whole, as the cycler software does. */
    private static void write(FixedRecordWriter writer, byte[] chunk) throws IOException {
        writer.appendBytes(chunk);
        writer.countCompleteRecords();
    }

    private static List<byte[]> chunks(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += CHUNK_BYTES) {
            out.add(Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + CHUNK_BYTES)));
        }
        return out;
    }

    private Process startIngester(KafkaTestCluster kafka, Path lab, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BinaryIngesterMain.class.getName(),
                        lab.toString(),
                        kafka.bootstrapServers(),
                        PREFIX,
                        "binary-follow-it")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private static void readCommitted(
            KafkaTestCluster kafka, String topic, List<ConsumerRecord<String, Sample>> into, AtomicBoolean running) {
        try (KafkaConsumer<String, Sample> consumer = kafka.committedReader(
                "binary-follow-it-reader",
                new StringDeserializer(),
                WireSerdes.sample().deserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200)).forEach(into::add);
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
