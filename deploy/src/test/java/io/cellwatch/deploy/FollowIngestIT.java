package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.ingest.follow.DeadLetter;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.RealData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cellwatch ingest --follow} as a lab runs it: a separate JVM tailing a directory while a
 * cycler writes to it, killed with SIGKILL midway and restarted. Every row reaches the samples
 * topic exactly once (read_committed), including rows written while the ingester was down.
 *
 * <p>Text exports: appended in chunks that cut rows in two, a file created after the restart, a
 * malformed row that lands in the dead-letter topic with file, line and field in its headers, the
 * channel's metadata from the flags on the channels topic. A real BioLogic {@code .mpr}: copied
 * from the shared data and grown as EC-Lab grows it ({@link GrowingMpr}), when a registered format
 * reads {@code .mpr} files.
 */
class FollowIngestIT {
    private static final String HEADER = "Data_Point,Test_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V),"
            + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\n";
    private static final int ROWS_A = 6000;
    private static final int ROWS_B = 800;
    private static final int CHUNK_ROWS = 150;
    private static final int MALFORMED_ROW = 2500;
    private static final String PREFIX = "follow-it.";

    @TempDir
    Path dir;

    @Test
    void everyRowReachesKafkaExactlyOnceAcrossASigkill() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path fileA = lab.resolve("cell-a.csv");
        Path fileB = lab.resolve("cell-b.csv");
        List<GrowingMpr.Write> writes = new ArrayList<>();
        for (String chunk : chunks(HEADER + rows(1, ROWS_A))) {
            writes.add(() -> append(fileA, chunk));
        }
        int createdAfterRestart = writes.size();
        for (String chunk : chunks(HEADER + rows(1, ROWS_B))) {
            writes.add(() -> append(fileB, chunk));
        }
        TopicNames topics = TopicNames.withPrefix(PREFIX);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            Followed followed = followAcrossASigkill(
                    kafka, lab, writes, createdAfterRestart, ROWS_A - 1 + ROWS_B, "--cell-type", "half");

            Map<String, List<Long>> byChannel = new HashMap<>();
            for (ConsumerRecord<String, Sample> r : followed.read()) {
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
            assertThat(followed.atKill())
                    .as("killed before cell-a was all read")
                    .isLessThan(ROWS_A - 1);
            assertThat(byChannel.get("cell-a"))
                    .as("cell-a rows, in order, each once (killed after %d)", followed.atKill())
                    .containsExactlyElementsOf(expectedA);
            assertThat(byChannel.get("cell-b")).containsExactlyElementsOf(expectedB);
            // The restart resumed from the committed position rather than reading the file again.
            assertThat(followed.secondLog()).contains("cell-a.csv: resuming after line");

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
        }
    }

    @Test
    void aRealMprGrownAsEcLabWritesItReachesKafkaExactlyOnceAcrossASigkill() throws Exception {
        RealMpr real = smallestReadableMpr();
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path growing = lab.resolve(real.file().getFileName());
        GrowingMpr mpr = real.layout();
        List<GrowingMpr.Write> writes = mpr.writes(growing, mpr.recordBytes() * 37 + mpr.recordBytes() / 2);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            Followed followed = followAcrossASigkill(
                    kafka, lab, writes, writes.size(), real.samples().size());

            String channel = growing.getFileName().toString().replaceFirst("\\.mpr$", "");
            assertThat(followed.read()).allSatisfy(r -> assertThat(r.key()).isEqualTo(channel));
            assertThat(followed.read().stream().map(r -> r.value().dataPoint()).toList())
                    .as("%s: records in order, each once (killed after %d)", real.file(), followed.atKill())
                    .containsExactlyElementsOf(
                            real.samples().stream().map(Sample::dataPoint).toList());
            assertThat(followed.read().stream().map(r -> r.value().voltageV()).toList())
                    .as("the same records as a whole-file read")
                    .containsExactlyElementsOf(
                            real.samples().stream().map(Sample::voltageV).toList());
            assertThat(followed.secondLog()).contains(growing.getFileName() + ": resuming after data point");
        }
    }

    /** What the samples topic received, when the ingester was killed, and what the restarted one logged. */
    private record Followed(List<ConsumerRecord<String, Sample>> read, int atKill, String secondLog) {}

    /**
     * Runs the writes while an ingester follows {@code lab}: kills it with SIGKILL once about a third of
     * {@code expected} rows has arrived, makes five more writes while none runs, restarts it, makes the
     * rest, and waits for {@code expected} rows (and a moment for any duplicate).
     *
     * @param keepFirst the ingester must not die before this many writes are made (a file created later
     *                  may not exist while it runs)
     */
    private Followed followAcrossASigkill(
            KafkaTestCluster kafka,
            Path lab,
            List<GrowingMpr.Write> writes,
            int keepFirst,
            int expected,
            String... flags)
            throws Exception {
        List<ConsumerRecord<String, Sample>> read = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(
                () -> readCommitted(kafka, TopicNames.withPrefix(PREFIX).samples(), read, reading), "it-reader");
        int next = 0;
        writes.get(next++).run();
        Process first = startIngester(kafka, lab, "first", flags);
        reader.start();
        await("the first ingester's rows (JVM start, fencing, topics)")
                .atMost(Duration.ofSeconds(120))
                .until(() -> !read.isEmpty() || !first.isAlive());
        // The cycler keeps writing; kill the ingester once about a third has arrived, mid-stream.
        while (next < Math.min(keepFirst, writes.size()) && read.size() < expected / 3) {
            writes.get(next++).run();
            Thread.sleep(40);
            assertThat(first.isAlive())
                    .as("first ingester alive (see %s)", dir.resolve("first.log"))
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
        Process second = startIngester(kafka, lab, "second", flags);
        try {
            while (next < writes.size()) {
                writes.get(next++).run();
                Thread.sleep(20);
            }
            await("every row on the samples topic")
                    .atMost(Duration.ofSeconds(240))
                    .until(() -> read.size() >= expected || !second.isAlive());
            Thread.sleep(2000); // time for any duplicate to show up
        } finally {
            reading.set(false);
            reader.join(10_000);
            second.destroy(); // SIGTERM: the orderly shutdown
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        return new Followed(read, atKill, Files.readString(dir.resolve("second.log")));
    }

    /** A real .mpr from the shared data, its layout and what a whole-file read of it gives. */
    private record RealMpr(Path file, GrowingMpr layout, List<Sample> samples) {}

    /**
     * The smallest {@code .mpr} of the shared data with at least 1,000 records that a registered format
     * reads (which files are there varies: some are held back); skips when there is none.
     */
    private static RealMpr smallestReadableMpr() throws IOException {
        Path binary = RealData.root().resolve("binary");
        assumeTrue(Files.isDirectory(binary), () -> "no real binary files at " + binary);
        List<Path> candidates;
        try (Stream<Path> files = Files.walk(binary)) {
            candidates = files.filter(f -> f.getFileName().toString().endsWith(".mpr"))
                    .sorted(Comparator.comparingLong(FollowIngestIT::size))
                    .toList();
        }
        for (Path file : candidates) {
            GrowingMpr layout = GrowingMpr.of(file).orElse(null);
            if (layout == null || layout.points() < 1000) {
                continue;
            }
            List<Sample> samples = wholeRead(file);
            if (samples.size() == layout.points()) {
                return new RealMpr(file, layout, samples);
            }
        }
        assumeTrue(false, "no registered format reads any of the " + candidates.size() + " .mpr files in " + binary);
        return null;
    }

    private static List<Sample> wholeRead(Path file) {
        List<Sample> samples = new ArrayList<>();
        try {
            CyclerFormat format = CyclerFormats.detect(file);
            if (!(format instanceof BinaryCyclerFormat)) {
                return List.of();
            }
            format.read(file, new RecordSink() {
                @Override
                public void channel(ChannelInfo info) {}

                @Override
                public void sample(Sample sample) {
                    samples.add(sample);
                }

                @Override
                public void malformed(MalformedRowException error) {}
            });
        } catch (IOException e) {
            return List.of();
        }
        return samples;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
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

    private Process startIngester(KafkaTestCluster kafka, Path lab, String name, String... flags) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
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
                PREFIX,
                "--partitions",
                "2",
                "--ingester-id",
                "follow-it",
                "--poll-interval",
                "50",
                "--lines-per-transaction",
                "300"));
        command.addAll(List.of(flags));
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
