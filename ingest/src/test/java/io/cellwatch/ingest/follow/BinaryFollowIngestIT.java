package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.ingest.testformat.FixedRecordWriter;
import io.cellwatch.model.TopicNames;
import io.cellwatch.testing.IngesterSigkill;
import io.cellwatch.testing.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary cycler file written while a separate ingester JVM follows it into Kafka, the ingester
 * killed with SIGKILL midway and restarted: every record reaches the samples topic exactly once
 * (read_committed), including those written while it was down, and the one unreadable record is
 * one dead letter. The file grows as a cycler's software grows it: record bytes in writes that cut
 * records in two, the header's record count updated after each.
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
        byte[] records = FixedRecordWriter.records(1, RECORDS, UNREADABLE);
        List<IngesterSigkill.Write> writes = new ArrayList<>();
        for (int start = 0; start < records.length; start += CHUNK_BYTES) {
            byte[] chunk = Arrays.copyOfRange(records, start, Math.min(records.length, start + CHUNK_BYTES));
            writes.add(() -> {
                writer.appendBytes(chunk);
                writer.countCompleteRecords();
            });
        }
        TopicNames topics = TopicNames.withPrefix(PREFIX);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(
                    2,
                    topics.samples(),
                    topics.channels(),
                    topics.cycles(),
                    topics.externalCycles(),
                    topics.deadLetter());
            IngesterSigkill.Result followed = IngesterSigkill.run(
                    kafka,
                    topics.samples(),
                    name -> startIngester(kafka, lab, name),
                    writes,
                    writes.size(),
                    RECORDS - 1);

            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= RECORDS; i++) {
                if (i != UNREADABLE) {
                    expected.add(i);
                }
            }
            assertThat(followed.read()).allSatisfy(r -> assertThat(r.key()).isEqualTo("cell-bin"));
            assertThat(followed.read().stream().map(r -> r.value().dataPoint()).toList())
                    .as(
                            "records in order, each once (killed after %d; %d handed over again by a rebalance of the"
                                    + " reader's group, not counted)",
                            followed.atKill(), followed.repeatsSkipped())
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
                assertThat(IngesterSigkill.header(d, DeadLetter.FILE_HEADER))
                        .isEqualTo(writer.path().toString());
                assertThat(IngesterSigkill.header(d, DeadLetter.LINE_HEADER)).isEqualTo(Integer.toString(UNREADABLE));
                assertThat(IngesterSigkill.header(d, DeadLetter.FIELD_HEADER)).isEqualTo("voltage");
                assertThat(IngesterSigkill.header(d, DeadLetter.FORMAT_HEADER)).isEqualTo(FixedRecordFormat.NAME);
            });
        }
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
}
