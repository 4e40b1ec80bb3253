package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --follow} on the real Neware files of the shared data as they appear in a lab's
 * directory: BTS writes them in pieces (an {@code .nda}'s records after its header; a {@code .ndax}
 * is a zip whose directory comes last). While a file is incomplete the follower delivers what is
 * whole and waits for the rest — never a dead letter — and once it is complete every data point has
 * been delivered once, in order, the same as a whole-file read; a restarted follower delivers nothing
 * again.
 */
class NewareFollowTest {
    private static final long LARGEST_BYTES = 1_500_000; // keeps the test to seconds; the readers' own tests read all
    private static final int PIECES = 8;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyNewareFileWrittenInPiecesIsFollowedOnceWithoutDeadLetters() throws IOException {
        return forEveryNewareFile(this::followedInPieces);
    }

    @TestFactory
    Stream<DynamicTest> aWholeNewareFileReadInTenTransactionsIsDeliveredOnceAcrossACrash() throws IOException {
        return forEveryNewareFile(this::followedInSmallTransactions);
    }

    private interface FileCheck {
        void check(Path real) throws Exception;
    }

    private static Stream<DynamicTest> forEveryNewareFile(FileCheck check) throws IOException {
        Path binary = RealData.root().resolve("binary");
        assumeTrue(Files.isDirectory(binary), () -> "no real binary files at " + binary + " (set cellwatch.realData)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(binary)) {
            files = walk.filter(f -> {
                        String name = f.getFileName().toString();
                        return (name.endsWith(".nda") || name.endsWith(".ndax")) && size(f) <= LARGEST_BYTES;
                    })
                    .sorted()
                    .toList();
        }
        assumeFalse(files.isEmpty(), () -> "no Neware .nda/.ndax file under " + binary);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(binary.relativize(f).toString(), () -> check.check(f)));
    }

    /**
     * A file already whole when following begins, read about a tenth at a time (the row sources stop
     * at the budget), with a crash before the fourth transaction's commit and a restart.
     */
    private void followedInSmallTransactions(Path real) throws Exception {
        List<Long> whole = wholeRead(real);
        assumeFalse(whole.isEmpty(), () -> real + " holds no samples a registered format reads");
        Path lab = Files.createTempDirectory(dir, "budget"); // the same name may come from two peers' folders
        Files.copy(real, lab.resolve(real.getFileName()));
        int perTransaction = Math.max(1, whole.size() / 10);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        out.failDelivery = 4;
        FileFollower first = started(lab, out, perTransaction);
        boolean crashed = false;
        try {
            drain(first);
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("simulated crash");
            crashed = true;
        }
        first.close();
        assertThat(crashed || whole.size() < 10)
                .as("ten transactions or more: the fourth crashes")
                .isTrue();
        assertThat(out.samplesPerDelivery)
                .as("transactions of the budget before the crash")
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(perTransaction));

        FileFollower second = started(lab, out, perTransaction);
        drain(second);
        second.close();
        assertThat(out.deadLetters).isEmpty();
        assertThat(dataPoints(out)).as("every data point once, in order").isEqualTo(whole);
    }

    private void followedInPieces(Path real) throws Exception {
        List<Long> whole = wholeRead(real);
        assumeFalse(whole.isEmpty(), () -> real + " holds no samples a registered format reads");
        Path lab = Files.createDirectories(dir.resolve(real.getFileName().toString() + ".lab"));
        Path growing = lab.resolve(real.getFileName());
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);

        byte[] bytes = Files.readAllBytes(real);
        int size = (bytes.length + PIECES - 1) / PIECES;
        for (int start = 0; start < bytes.length; start += size) {
            byte[] piece = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + size));
            Files.write(growing, piece, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            drain(follower);
            assertThat(out.deadLetters)
                    .as("dead letters after %d of %d bytes", start + piece.length, bytes.length)
                    .isEmpty();
            assertThat(dataPoints(out))
                    .as("what is delivered of a file still being written is the start of the whole file")
                    .isEqualTo(whole.subList(0, out.samples.size()));
        }
        follower.close();
        assertThat(dataPoints(out)).as("every data point once, in order").isEqualTo(whole);

        int delivered = out.samples.size();
        FileFollower restarted = started(lab, out);
        drain(restarted);
        restarted.close();
        assertThat(out.samples).as("nothing again after a restart").hasSize(delivered);
    }

    private static FileFollower started(Path lab, InMemoryFollowOutput out) throws Exception {
        return started(lab, out, 20_000);
    }

    private static FileFollower started(Path lab, InMemoryFollowOutput out, int linesPerBatch) throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(lab), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(Duration.ofHours(1)) // a file still being written is waited for
                .withLinesPerBatch(linesPerBatch);
        FileFollower follower = new FileFollower(settings, out, new SimpleMeterRegistry());
        follower.start();
        return follower;
    }

    private static List<Long> wholeRead(Path file) throws IOException {
        CyclerFormat format = CyclerFormats.detect(file);
        List<Long> points = new ArrayList<>();
        format.read(file, new RecordSink() {
            @Override
            public void sample(Sample sample) {
                points.add(sample.dataPoint());
            }

            @Override
            public void channel(ChannelInfo info) {}

            @Override
            public void malformed(MalformedRowException error) {}
        });
        return points;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
