package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.testing.IngesterSigkill;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * channel's metadata from the flags on the channels topic. Real binary files, when a registered
 * format reads them: a BioLogic {@code .mpr} copied from the shared data and grown as EC-Lab grows it
 * ({@link GrowingMpr}); an Arbin {@code .res} whose data points are written back row batch by row
 * batch with Jackcess ({@link GrowingRes}); a Neware {@code .nda} written in pieces.
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
        List<IngesterSigkill.Write> writes = new ArrayList<>();
        for (String chunk : chunks(HEADER + rows(1, ROWS_A))) {
            writes.add(() -> append(fileA, chunk));
        }
        int createdAfterRestart = writes.size();
        for (String chunk : chunks(HEADER + rows(1, ROWS_B))) {
            writes.add(() -> append(fileB, chunk));
        }
        TopicNames topics = TopicNames.withPrefix(PREFIX);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            IngesterSigkill.Result followed = IngesterSigkill.run(
                    kafka,
                    topics.samples(),
                    name -> startIngester(kafka, lab, name, "--cell-type", "half"),
                    writes,
                    createdAfterRestart,
                    ROWS_A - 1 + ROWS_B);

            assertThat(kafka.partitions(topics.samples()))
                    .as("the samples topic as --partitions asked")
                    .isEqualTo(2);
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
                    .as(
                            "cell-a rows, in order, each once (killed after %d; %d handed over again by a rebalance of"
                                    + " the reader's group, not counted)",
                            followed.atKill(), followed.repeatsSkipped())
                    .containsExactlyElementsOf(expectedA);
            assertThat(byChannel.get("cell-b")).containsExactlyElementsOf(expectedB);
            // Each channel's first sample carries its metadata in band, for a pipeline that meets it before the
            // channels table has it (ChannelInfoHeader).
            for (String channel : List.of("cell-a", "cell-b")) {
                ConsumerRecord<String, Sample> first = followed.read().stream()
                        .filter(r -> r.key().equals(channel))
                        .findFirst()
                        .orElseThrow();
                assertThat(first.headers().lastHeader(ChannelInfoHeader.NAME))
                        .as("%s's first sample", channel)
                        .isNotNull();
                assertThat(WireCodec.CHANNEL_INFO.fromBytes(first.headers()
                                .lastHeader(ChannelInfoHeader.NAME)
                                .value()))
                        .satisfies(info -> {
                            assertThat(info.channelId()).isEqualTo(channel);
                            assertThat(info.cellType()).isEqualTo(CellType.HALF);
                        });
            }
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
                assertThat(IngesterSigkill.header(d, DeadLetter.FILE_HEADER)).isEqualTo(fileA.toString());
                assertThat(IngesterSigkill.header(d, DeadLetter.LINE_HEADER))
                        .isEqualTo(Integer.toString(MALFORMED_ROW + 1));
                assertThat(IngesterSigkill.header(d, DeadLetter.FIELD_HEADER)).isEqualTo("Voltage(V)");
                assertThat(IngesterSigkill.header(d, DeadLetter.REASON_HEADER)).contains("not a number");
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
        RealBinary real = smallestReadable(
                ".mpr",
                r -> GrowingMpr.of(r.file())
                        .map(layout -> layout.points() == r.samples().size())
                        .orElse(false));
        Path growing =
                Files.createDirectories(dir.resolve("lab")).resolve(real.file().getFileName());
        GrowingMpr mpr = GrowingMpr.of(real.file()).orElseThrow();
        List<IngesterSigkill.Write> writes = mpr.writes(growing, mpr.recordBytes() * 37 + mpr.recordBytes() / 2);
        followedExactlyOnce(real, growing, writes);
    }

    @Test
    void aRealResWrittenRowByRowReachesKafkaExactlyOnceAcrossASigkill() throws Exception {
        RealBinary real = smallestReadable(".res", r -> r.samples().stream().allMatch(s -> s.auxiliary() == null));
        Path growing =
                Files.createDirectories(dir.resolve("lab")).resolve(real.file().getFileName());
        GrowingRes res = GrowingRes.emptied(real.file(), growing);
        assertThat(res.rows())
                .as("data points of %s", real.file())
                .isEqualTo(real.samples().size());
        followedExactlyOnce(real, growing, res.writes(300));
    }

    @Test
    void aRealNewareNdaWrittenInPiecesReachesKafkaExactlyOnceAcrossASigkill() throws Exception {
        RealBinary real = smallestReadable(".nda", r -> true);
        Path growing =
                Files.createDirectories(dir.resolve("lab")).resolve(real.file().getFileName());
        followedExactlyOnce(real, growing, pieces(real.file(), growing, 40));
    }

    /** The real file's bytes appended to {@code growing} in {@code count} writes of about equal size. */
    private static List<IngesterSigkill.Write> pieces(Path real, Path growing, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(real);
        int size = (bytes.length + count - 1) / count;
        List<IngesterSigkill.Write> writes = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += size) {
            byte[] piece = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + size));
            writes.add(() -> Files.write(growing, piece, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        }
        return writes;
    }

    /** Grows {@code growing} into a copy of the real file under an ingester killed midway: every record once. */
    private void followedExactlyOnce(RealBinary real, Path growing, List<IngesterSigkill.Write> writes)
            throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            IngesterSigkill.Result followed = IngesterSigkill.run(
                    kafka,
                    TopicNames.withPrefix(PREFIX).samples(),
                    name -> startIngester(kafka, growing.getParent(), name),
                    writes,
                    writes.size(),
                    real.samples().size());

            assertThat(kafka.partitions(TopicNames.withPrefix(PREFIX).samples()))
                    .as("the samples topic as --partitions asked")
                    .isEqualTo(2);
            String channel = growing.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            assertThat(followed.read()).allSatisfy(r -> assertThat(r.key()).isEqualTo(channel));
            // First whether the restarted ingester resumed: when it did not, its log (printed whole by the
            // failure) says why (a file taken for another, no committed position), which a list of records
            // delivered twice does not.
            assertThat(Files.readString(dir.resolve("second.log")))
                    .contains(growing.getFileName() + ": resuming after data point");
            assertThat(followed.read().stream().map(r -> r.value().dataPoint()).toList())
                    .as(
                            "%s: records in order, each once (killed after %d; %d handed over again by a rebalance of"
                                    + " the reader's group, not counted)",
                            real.file(), followed.atKill(), followed.repeatsSkipped())
                    .containsExactlyElementsOf(
                            real.samples().stream().map(Sample::dataPoint).toList());
            assertThat(followed.read().stream().map(r -> r.value().voltageV()).toList())
                    .as("the same records as a whole-file read")
                    .containsExactlyElementsOf(
                            real.samples().stream().map(Sample::voltageV).toList());
        }
    }

    /** A real binary file of the shared data and what a whole-file read of it gives. */
    private record RealBinary(Path file, List<Sample> samples) {}

    /** A test of a real file: whether it suits (reading the file may fail: it does not, then). */
    @FunctionalInterface
    private interface Suits {
        boolean test(RealBinary real) throws IOException;
    }

    /**
     * The smallest file of the shared data's binary files with this extension that a registered format
     * reads into at least 1,000 samples and that {@code suits} (which files are there varies: some are
     * held back); skips when there is none.
     */
    private static RealBinary smallestReadable(String extension, Suits suits) throws IOException {
        Path binary = RealData.root().resolve("binary");
        assumeTrue(Files.isDirectory(binary), () -> "no real binary files at " + binary);
        List<Path> candidates;
        try (Stream<Path> files = Files.walk(binary)) {
            candidates = files.filter(f -> f.getFileName().toString().endsWith(extension))
                    .sorted(Comparator.comparingLong(FollowIngestIT::size))
                    .toList();
        }
        for (Path file : candidates) {
            RealBinary real = new RealBinary(file, wholeRead(file));
            if (real.samples().size() >= 1000 && suits.test(real)) {
                return real;
            }
        }
        assumeTrue(
                false,
                "no registered format reads any of the " + candidates.size() + " " + extension + " files in " + binary);
        return null;
    }

    /** The samples of a whole-file read by the registered binary format that recognises the file (none: empty). */
    private static List<Sample> wholeRead(Path file) {
        try {
            CyclerFormat format = CyclerFormats.detect(file);
            if (!(format instanceof BinaryCyclerFormat)) {
                return List.of();
            }
            SamplesOnly read = new SamplesOnly(new ArrayList<>());
            format.read(file, read);
            return read.samples();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Keeps the samples; what else a file holds does not matter to what the follower must deliver. */
    private record SamplesOnly(List<Sample> samples) implements RecordSink {
        @Override
        public void sample(Sample sample) {
            samples.add(sample);
        }

        @Override
        public void channel(ChannelInfo info) {}

        @Override
        public void malformed(MalformedRowException error) {}
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
}
