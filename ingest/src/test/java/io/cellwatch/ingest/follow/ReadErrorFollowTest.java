package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.model.Sample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read error on one followed file (a network share's stale handle, a lock) holds that file back and
 * nothing else: what the pass read of it is not delivered, the other files' rows are, and the file is
 * read again from its delivered position once it reads, every row once. The waits are timed on a clock
 * the test moves.
 */
class ReadErrorFollowTest {
    private static final Duration POLL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final FailingReads reads = new FailingReads();
    private final InMemoryFollowOutput out = new InMemoryFollowOutput();
    private Path a;
    private Path b;

    @BeforeEach
    void twoExports() throws IOException {
        a = dir.toRealPath().resolve("ch-a.csv");
        b = dir.toRealPath().resolve("ch-b.csv");
        append(a, Following.ARBIN_HEADER + Following.arbinRows(1, 10, 3.5));
        append(b, Following.ARBIN_HEADER + Following.arbinRows(1, 10, 3.6));
    }

    private FileFollower started() throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(dir.toRealPath()), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(Duration.ZERO)
                .withPollInterval(POLL)
                .withLinesPerBatch(100_000);
        FileFollower follower = new FileFollower(settings, out, registry, MovedFiles.ofThisSystem(), nanos::get, reads);
        follower.start();
        return follower;
    }

    @Test
    void theOtherFilesAreDeliveredWhileOneCannotBeReadAndItIsReadOnceItCan() throws Exception {
        FileFollower follower = started();
        drain(follower);
        append(a, Following.arbinRows(11, 20, 3.5));
        append(b, Following.arbinRows(11, 20, 3.6));
        reads.failAfter(a, 0);

        assertThatCode(follower::pollOnce)
                .as("one file's read error does not stop the follower")
                .doesNotThrowAnyException();
        assertThat(dataPointsOf(b)).isEqualTo(upTo(20));
        assertThat(dataPointsOf(a)).isEqualTo(upTo(10));
        assertThat(gauge("cellwatch.ingest.files.unreadable")).isEqualTo(1);

        reads.heal(a);
        nanos.addAndGet(POLL.toNanos());
        drain(follower);
        assertThat(dataPointsOf(a))
                .as("read on from its delivered position, every row once")
                .isEqualTo(upTo(20));
        assertThat(voltagesOf(a)).startsWith(3.501).endsWith(3.52);
        assertThat(gauge("cellwatch.ingest.files.unreadable")).isZero();
        assertThat(registry.get("cellwatch.ingest.read.errors").counter().count())
                .isEqualTo(1);
        assertThat(out.positions.get(a.toString()).line()).isEqualTo(21);
    }

    @Test
    void rowsReadBeforeTheFailureInTheSamePassAreNotDeliveredAndComeOnceLater() throws Exception {
        FileFollower follower = started();
        drain(follower);
        // More than a read's 64 KiB: the leading bytes' check and the first 64 KiB read, the next read fails.
        append(a, Following.arbinRows(11, 3000, 3.5));
        append(b, Following.arbinRows(11, 20, 3.6));
        reads.failAfter(a, 2);

        follower.pollOnce();
        assertThat(dataPointsOf(a))
                .as("the rows of the read that worked wait for the file")
                .isEqualTo(upTo(10));
        assertThat(dataPointsOf(b)).as("delivered in the same pass").isEqualTo(upTo(20));
        assertThat(out.positions.get(a.toString()).line()).isEqualTo(11);

        reads.heal(a);
        nanos.addAndGet(POLL.toNanos());
        drain(follower);
        assertThat(dataPointsOf(a)).isEqualTo(upTo(3000));
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aFileThatKeepsFailingIsTriedAgainAfterWaitsThatDouble() throws Exception {
        FileFollower follower = started();
        drain(follower);
        append(a, Following.arbinRows(11, 12, 3.5));
        reads.failAfter(a, 0);

        follower.pollOnce();
        assertThat(readErrors()).isEqualTo(1);
        follower.pollOnce();
        follower.pollOnce();
        assertThat(readErrors()).as("not tried again before its wait").isEqualTo(1);

        nanos.addAndGet(POLL.toNanos());
        follower.pollOnce();
        assertThat(readErrors()).as("tried after one poll interval").isEqualTo(2);
        nanos.addAndGet(POLL.toNanos());
        follower.pollOnce();
        assertThat(readErrors()).as("the second wait is two").isEqualTo(2);
        nanos.addAndGet(POLL.toNanos());
        follower.pollOnce();
        assertThat(readErrors()).isEqualTo(3);

        append(b, Following.arbinRows(11, 11, 3.6));
        drain(follower);
        assertThat(dataPointsOf(b)).as("the other file followed all along").isEqualTo(upTo(11));

        reads.heal(a);
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        drain(follower);
        assertThat(dataPointsOf(a)).isEqualTo(upTo(12));
    }

    @Test
    void theEndOfARotatedFileIsDeliveredEvenWhenTheNewFileAtItsPathCannotBeReadYet() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        FileFollower follower = started();
        drain(follower);
        append(a, Following.arbinRows(11, 15, 3.5));
        // Rotated out of the followed folder (read on through the open file), and a new export at the name
        // that the cycler holds locked while it writes it.
        Path archive = Files.createDirectories(dir.toRealPath().resolveSibling(dir.getFileName() + "-archive"));
        Files.move(a, archive.resolve("ch-a.csv"));
        reads.lockFilesOpenedAt(a);
        append(a, Following.ARBIN_HEADER + Following.arbinRows(1, 3, 3.9));

        drain(follower);
        assertThat(dataPointsOf(a)).as("the old file's end, once").isEqualTo(upTo(15));

        reads.heal(a);
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        drain(follower);
        assertThat(dataPointsOf(a)).as("then the new export, numbered on").isEqualTo(upTo(18));
        assertThat(voltagesOf(a).subList(15, 18)).containsExactly(3.901, 3.902, 3.903);
    }

    @Test
    void aNewFileWhoseReadFailsHalfWayIsNumberedFromOneWhenItIsReadAgain() throws Exception {
        FileFollower follower = started();
        drain(follower);
        Path c = dir.toRealPath().resolve("ch-c.csv");
        append(c, Following.ARBIN_HEADER + Following.arbinRows(1, 3000, 3.7));
        reads.failAfter(c, OK_READS_OF_A_NEW_FILE);
        follower.pollOnce();
        assertThat(dataPointsOf(c)).isEmpty();

        reads.heal(c);
        nanos.addAndGet(POLL.toNanos());
        drain(follower);
        assertThat(dataPointsOf(c))
                .as("no numbers skipped for the rows not delivered")
                .isEqualTo(upTo(3000));
    }

    /**
     * Reads that pass before the failure: the format's sniffing and the first 64 KiB of rows, so rows were
     * numbered when the read fails (with fewer, it fails before any is; measured by reverting the fix).
     */
    private static final int OK_READS_OF_A_NEW_FILE = 4;

    @Test
    void aNewFileThatFailsItsFirstReadIsDescribedAndDeliveredOnceWhenItReads() throws Exception {
        FileFollower follower = started();
        drain(follower);
        Path c = dir.toRealPath().resolve("ch-c.csv");
        append(c, Following.ARBIN_HEADER + Following.arbinRows(1, 5, 3.7));
        reads.failAfter(c, 0);
        follower.pollOnce();
        assertThat(dataPointsOf(c)).isEmpty();

        reads.heal(c);
        nanos.addAndGet(POLL.toNanos());
        drain(follower);
        assertThat(dataPointsOf(c)).isEqualTo(upTo(5));
        String channel = out.samples.stream()
                .filter(s -> s.voltageV() > 3.7)
                .findFirst()
                .orElseThrow()
                .channelId();
        assertThat(out.channels.stream().filter(info -> info.channelId().equals(channel)))
                .as("its channel described once")
                .hasSize(1);
    }

    private double readErrors() {
        return registry.get("cellwatch.ingest.read.errors").counter().count();
    }

    /** The record numbers delivered for the file whose voltages start at {@code file}'s base. */
    private List<Long> dataPointsOf(Path file) {
        return samplesOf(file).stream().map(Sample::dataPoint).toList();
    }

    private List<Double> voltagesOf(Path file) {
        return samplesOf(file).stream().map(Sample::voltageV).toList();
    }

    private List<Sample> samplesOf(Path file) {
        String channel = file.getFileName().toString();
        return out.samples.stream()
                .filter(s -> s.channelId().contains(channel.substring(0, channel.indexOf('.'))))
                .toList();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static List<Long> upTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
