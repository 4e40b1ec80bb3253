package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary cycler file written again from its start under its name, in place (the same file key):
 * the same test saved anew (BTS writing an {@code .ndax} again, a copy refreshed over the old one)
 * is read on after the rows delivered, never delivered twice, while a poll that catches it half
 * written delivers nothing; a new test written over it, while the follower runs or while it is
 * down, is a new generation delivered from its first row, none of it skipped. The two are told
 * apart by the first row ({@link FirstRow}).
 */
class BinaryRewriteFollowTest {
    /** One real file of each binary format the follower reads, small enough for a unit test. */
    private static final List<String> ONE_OF_EACH =
            List.of("NewareNDA/ZZZZZZZZTEST.ndax", "NewareNDA/TestFile.nda", "yadg/cp.mpr", "cellpy/aux_one_x_dx.res");

    private static final String TEST_A = "NewareNDA/ZZZZZZZZTEST.ndax";
    private static final String TEST_B = "NewareNDA/123456789012_Unit27_Example_Data_File.ndax";

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> theSameTestWrittenAgainInPlaceIsNotDeliveredTwice() {
        return ONE_OF_EACH.stream().map(name -> DynamicTest.dynamicTest(name, () -> sameTestWrittenAgain(name)));
    }

    private void sameTestWrittenAgain(String name) throws Exception {
        Path real = real(name);
        int rows = samplesIn(real);
        Path lab = Files.createDirectories(dir.resolve(real.getFileName() + ".lab"));
        Path followed = lab.resolve(real.getFileName());
        Files.copy(real, followed);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);
        assertThat(out.samples).as("the whole file once").hasSize(rows);

        byte[] bytes = Files.readAllBytes(real);
        byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
        Files.write(followed, half, StandardOpenOption.TRUNCATE_EXISTING); // the same inode, written from its start
        drain(follower);
        assertThat(out.samples).as("half written again: nothing more").hasSize(rows);
        Files.write(followed, Arrays.copyOfRange(bytes, half.length, bytes.length), StandardOpenOption.APPEND);
        drain(follower);
        follower.close();

        assertThat(out.samples).as("written again whole: still every row once").hasSize(rows);
        assertThat(out.deadLetters).isEmpty();
        FileFollower restarted = started(lab, out);
        drain(restarted);
        restarted.close();
        assertThat(out.samples).as("nothing again after a restart").hasSize(rows);
    }

    @Test
    void anotherTestWrittenOverTheFileWhileFollowedIsDeliveredWhole() throws Exception {
        Path a = real(TEST_A);
        Path b = real(TEST_B);
        Path followed = dir.resolve("channel-7.ndax");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = followedWhole(a, followed, out);
        int first = out.samples.size();

        byte[] bytes = Files.readAllBytes(b);
        byte[] half = Arrays.copyOf(bytes, Math.min(bytes.length / 2, (int) Files.size(a) - 1));
        Files.write(followed, half, StandardOpenOption.TRUNCATE_EXISTING);
        drain(follower);
        Files.write(followed, Arrays.copyOfRange(bytes, half.length, bytes.length), StandardOpenOption.APPEND);
        drain(follower);
        follower.close();

        assertThat(out.samples.size() - first)
                .as("the new test from its first row")
                .isEqualTo(samplesIn(b));
        assertThat(out.samples.subList(first, out.samples.size()))
                .extracting(Sample::voltageV)
                .as("its rows, in its order")
                .containsExactlyElementsOf(voltages(b));
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void anotherTestWrittenOverTheFileWhileTheFollowerWasDownIsDeliveredWhole() throws Exception {
        Path a = real(TEST_A);
        Path b = real(TEST_B);
        Path followed = dir.resolve("channel-7.ndax");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        followedWhole(a, followed, out).close();
        int first = out.samples.size();
        Object key = FileIdentity.keyAt(followed);

        Files.write(followed, Files.readAllBytes(b), StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(FileIdentity.keyAt(followed)).as("overwritten in place").isEqualTo(key);
        FileFollower restarted = started(dir, out);
        drain(restarted);
        restarted.close();

        assertThat(out.samples.subList(first, out.samples.size()))
                .extracting(Sample::voltageV)
                .as("the new test from its first row, none skipped for the old test's rows")
                .containsExactlyElementsOf(voltages(b));
    }

    /** A copy of {@code real} at {@code followed}, followed and delivered whole. */
    private FileFollower followedWhole(Path real, Path followed, InMemoryFollowOutput out) throws Exception {
        Files.copy(real, followed);
        FileFollower follower = started(followed.getParent(), out);
        drain(follower);
        assertThat(out.samples).as("the first test, whole").hasSize(samplesIn(real));
        return follower;
    }

    private static Path real(String name) {
        Path file = RealData.root().resolve("binary").resolve(name);
        assumeTrue(Files.isRegularFile(file), () -> "no real binary file " + file + " (set cellwatch.realData)");
        return file;
    }

    private static FileFollower started(Path lab, InMemoryFollowOutput out) throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(lab), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(Duration.ofHours(1)); // a file still being written is waited for
        FileFollower follower = new FileFollower(settings, out, new SimpleMeterRegistry());
        follower.start();
        return follower;
    }

    private static int samplesIn(Path file) throws IOException {
        return voltages(file).size();
    }

    private static List<Double> voltages(Path file) throws IOException {
        List<Double> voltages = new ArrayList<>();
        CyclerFormats.detect(file).read(file, new RecordSink() {
            @Override
            public void sample(Sample sample) {
                voltages.add(sample.voltageV());
            }

            @Override
            public void channel(ChannelInfo info) {}

            @Override
            public void malformed(MalformedRowException error) {}
        });
        return voltages;
    }
}
