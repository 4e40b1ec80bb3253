package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.model.Sample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text export that its software saves whole each time, while it is followed: written again in
 * place (truncated, then written), or saved under a temporary name and moved over the old one. The
 * same export with rows added is read on after the lines delivered, none twice, also when a poll
 * catches it half written; a new, different export under the name is a new generation, read whole.
 * The quiet time that tells a file stopped short is measured on a clock the test moves.
 */
class TextRewriteFollowTest {
    private static final String HEADER = Following.ARBIN_HEADER;
    private static final Duration DETECT_AFTER = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    private static String rows(int from, int to, double base) {
        return Following.arbinRows(from, to, base);
    }

    private FileFollower started(Path followed, InMemoryFollowOutput out) throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(followed), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(DETECT_AFTER);
        FileFollower follower =
                new FileFollower(settings, out, new SimpleMeterRegistry(), MovedFiles.ofThisSystem(), nanos::get);
        follower.start();
        return follower;
    }

    /** An export of 100 rows, followed and delivered whole. */
    private FileFollower followed(Path export, InMemoryFollowOutput out) throws Exception {
        Files.writeString(export, HEADER + rows(1, 100, 3.5));
        FileFollower follower = started(export, out);
        drain(follower);
        assertThat(dataPoints(out)).isEqualTo(upTo(100));
        return follower;
    }

    private void later(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static List<Long> upTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void theSameExportWrittenAgainInPlaceIsReadOnAfterTheLinesDelivered() throws Exception {
        Path export = dir.resolve("ch03.csv");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = followed(export, out);

        String whole = HEADER + rows(1, 110, 3.5);
        Files.writeString(export, whole.substring(0, whole.length() / 3), StandardOpenOption.TRUNCATE_EXISTING);
        later(Duration.ofMillis(500));
        drain(follower);
        assertThat(dataPoints(out)).as("caught a third written: nothing more").isEqualTo(upTo(100));

        Files.writeString(
                export, whole.substring(whole.length() / 3), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        later(Duration.ofMillis(500));
        drain(follower);
        follower.close();
        assertThat(dataPoints(out)).as("the ten rows added, each row once").isEqualTo(upTo(110));
        assertThat(out.positions.get(export.toString()).generation()).isZero();
    }

    @Test
    void theSameExportSavedUnderATemporaryNameAndMovedOverIsReadOnAfterTheLinesDelivered() throws Exception {
        Path export = dir.resolve("ch04.csv");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = followed(export, out);

        Path temporary = Files.writeString(dir.resolve("ch04.csv.tmp~"), HEADER + rows(1, 110, 3.5));
        Files.move(temporary, export, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        later(Duration.ofMillis(500));
        drain(follower);
        follower.close();
        assertThat(dataPoints(out)).as("the ten rows added, each row once").isEqualTo(upTo(110));
    }

    @Test
    void aShorterNewExportWrittenInPlaceIsANewGenerationOnceItStaysShort() throws Exception {
        Path export = dir.resolve("ch05.csv");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = followed(export, out);

        Files.writeString(export, HEADER + rows(1, 30, 3.9), StandardOpenOption.TRUNCATE_EXISTING);
        later(Duration.ofMillis(500));
        drain(follower);
        assertThat(out.samples).as("shorter and just written: waited for").hasSize(100);

        later(DETECT_AFTER);
        drain(follower);
        follower.close();
        assertThat(out.samples.subList(100, out.samples.size()))
                .extracting(Sample::voltageV)
                .as("the new export whole, from its first row")
                .hasSize(30)
                .allSatisfy(v -> assertThat(v).isGreaterThan(3.9));
        assertThat(out.positions.get(export.toString()).generation()).isEqualTo(1);
    }

    @Test
    void aDifferentExportMovedOverTheOldOneIsANewGeneration() throws Exception {
        Path export = dir.resolve("ch06.csv");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = followed(export, out);

        Path temporary = Files.writeString(dir.resolve("ch06.csv.tmp~"), HEADER + rows(1, 120, 3.9));
        Files.move(temporary, export, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        later(Duration.ofMillis(500));
        drain(follower);
        follower.close();
        assertThat(out.samples.subList(100, out.samples.size()))
                .extracting(Sample::voltageV)
                .as("the other export whole, from its first row")
                .hasSize(120)
                .allSatisfy(v -> assertThat(v).isGreaterThan(3.9));
    }
}
