package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.ingest.follow.DeadLetter;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.testing.KafkaTestCluster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code cellwatch ingest --follow} as a lab runs it: a separate JVM tailing a directory of exports
 * while a cycler appends to them in chunks (rows split across writes), killed with SIGKILL midway
 * and restarted. Every row reaches the samples topic exactly once (read_committed), including rows
 * written while the ingester was down and those of a file created after the restart; a malformed
 * row lands in the dead-letter topic with file, line and field in its headers; the channel's
 * metadata from the flags reaches the channels topic.
 */
class FollowIngestIT {
    private static final String HEADER = "Data_Point,Test_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V),"
            + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\n";
    private static final int ROWS_A = 6000;
    private static final int ROWS_B = 800;
    private static final int CHUNK_ROWS = 150;
    private static final int MALFORMED_ROW = 2500;

    @TempDir
    Path dir;

    @Test
    void everyRowReachesKafkaExactlyOnceAcrossASigkill() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path fileA = lab.resolve("cell-a.csv");
        Path fileB = lab.resolve("cell-b.csv");
        String rowsA = HEADER + rows(1, ROWS_A);
        String rowsB = HEADER + rows(1, ROWS_B);
        List<String> chunksA = chunks(rowsA);
        TopicNames topics = TopicNames.withPrefix("follow-it.");

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            List<ConsumerRecord<String, Sample>> read = new CopyOnWriteArrayList<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> readCommitted(kafka, topics.samples(), read, reading), "it-reader");

            int next = 0;
            Files.writeString(fileA, chunksA.get(next++));
            Process first = startIngester(kafka, lab, "first");
            reader.start();
            await("the first ingester's rows (JVM start, fencing, topics)")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> !read.isEmpty() || !first.isAlive());
            // The cycler keeps writing; kill the ingester once about a third has arrived, mid-stream.
            while (next < chunksA.size() && read.size() < ROWS_A / 3) {
                append(fileA, chunksA.get(next++));
                Thread.sleep(40);
                assertThat(first.isAlive())
                        .as("first ingester alive (see %s)", dir.resolve("first.log"))
                        .isTrue();
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int atKill = read.size();
            assertThat(atKill).isGreaterThan(0).isLessThan(ROWS_A - 1);

            // Rows written while no ingester runs, and a partial row left hanging at the restart.
            for (int i = 0; i < 5 && next < chunksA.size(); i++) {
                append(fileA, chunksA.get(next++));
            }
            Process second = startIngester(kafka, lab, "second");
            try {
                while (next < chunksA.size()) {
                    append(fileA, chunksA.get(next++));
                    Thread.sleep(20);
                }
                for (String chunk : chunks(rowsB)) {
                    append(fileB, chunk);
                }
                int expected = ROWS_A - 1 + ROWS_B;
                await("every row on the samples topic")
                        .atMost(Duration.ofSeconds(240))
                        .until(() -> read.size() >= expected || !second.isAlive());
                Thread.sleep(2000); // time for any duplicate to show up
                reading.set(false);
                reader.join(10_000);

                Map<String, List<Long>> byChannel = new HashMap<>();
                for (ConsumerRecord<String, Sample> r : read) {
                    assertThat(r.key()).isEqualTo(r.value().channelId());
                    byChannel
                            .computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(r.value().dataPoint());
                }
                List<Long> expectedA = new ArrayList<>();
                for (long i = 1; i <= ROWS_A; i++) {
                    if (i != MALFORMED_ROW) {
                        expectedA.add(i);
                    }
                }
                List<Long> expectedB = new ArrayList<>();
                for (long i = 1; i <= ROWS_B; i++) {
                    expectedB.add(i);
                }
                assertThat(byChannel.get("cell-a"))
                        .as("cell-a rows, in order, each once (killed after %d)", atKill)
                        .containsExactlyElementsOf(expectedA);
                assertThat(byChannel.get("cell-b")).containsExactlyElementsOf(expectedB);
                // The restart resumed from the committed position rather than reading the file again.
                assertThat(Files.readString(dir.resolve("second.log"))).contains("cell-a.csv: resuming after line");

                List<ConsumerRecord<String, byte[]>> dead = kafka.readUntil(
                        topics.deadLetter(),
                        new StringDeserializer(),
                        new ByteArrayDeserializer(),
                        Duration.ofSeconds(20),
                        r -> !r.isEmpty());
                assertThat(dead).singleElement().satisfies(d -> {
                    assertThat(d.key()).isEqualTo("cell-a");
                    assertThat(header(d, DeadLetter.FILE_HEADER)).isEqualTo(fileA.toString());
                    assertThat(header(d, DeadLetter.LINE_HEADER)).isEqualTo(Integer.toString(MALFORMED_ROW + 1));
                    assertThat(header(d, DeadLetter.FIELD_HEADER)).isEqualTo("Voltage(V)");
                    assertThat(header(d, DeadLetter.REASON_HEADER)).contains("not a number");
                    assertThat(new String(d.value(), StandardCharsets.UTF_8)).startsWith(MALFORMED_ROW + ",");
                });

                List<ConsumerRecord<String, ChannelInfo>> channels = kafka.readUntil(
                        topics.channels(),
                        new StringDeserializer(),
                        WireSerdes.channelInfo().deserializer(),
                        Duration.ofSeconds(20),
                        r -> r.stream().map(ConsumerRecord::key).distinct().count() == 2);
                assertThat(channels).extracting(ConsumerRecord::key).contains("cell-a", "cell-b");
                assertThat(channels)
                        .allSatisfy(c -> assertThat(c.value().cellType()).isEqualTo(CellType.HALF));
            } finally {
                second.destroy(); // SIGTERM: the orderly shutdown
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /** Rows with increasing record numbers; row {@link #MALFORMED_ROW} has an unreadable voltage. */
    private static String rows(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            boolean charging = (i - 1) % 200 < 100;
            double q = ((i - 1) % 100 + 1) * 1e-4;
            String voltage = String.format(Locale.ROOT, "%.4f", charging ? 3.4 + q : 4.1 - q);
            if (i == MALFORMED_ROW && to == ROWS_A) {
                voltage = "4.0o1";
            }
            b.append(i)
                    .append(',')
                    .append(i * 30)
                    .append(',')
                    .append((i - 1) / 200 + 1)
                    .append(',')
                    .append(charging ? 1 : 2)
                    .append(',')
                    .append(charging ? "0.01" : "-0.01")
                    .append(',')
                    .append(voltage)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", charging ? q : 0.01, charging ? 0.0 : q))
                    .append('\n');
        }
        return b.toString();
    }

    /** Pieces of about {@link #CHUNK_ROWS} rows, cut in the middle of a row, as a cycler's buffered writes are. */
    private static List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        int approx = CHUNK_ROWS * 50;
        for (int start = 0; start < text.length(); start += approx) {
            out.add(text.substring(start, Math.min(text.length(), start + approx)));
        }
        return out;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private Process startIngester(KafkaTestCluster kafka, Path lab, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CellwatchCli.class.getName(),
                "ingest",
                "--follow",
                lab.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                "follow-it.",
                "--partitions",
                "2",
                "--ingester-id",
                "follow-it",
                "--poll-interval",
                "50",
                "--lines-per-transaction",
                "300",
                "--cell-type",
                "half");
        File log = dir.resolve(name + ".log").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private static void readCommitted(
            KafkaTestCluster kafka, String topic, List<ConsumerRecord<String, Sample>> into, AtomicBoolean running) {
        try (KafkaConsumer<String, Sample> consumer = kafka.committedReader(
                "follow-it-reader",
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
