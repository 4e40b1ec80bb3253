package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.ingest.testformat.FixedRecordWriter;
import io.cellwatch.model.Sample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed file that stays unchanged for a while is closed, its descriptor given back (a lab's
 * finished tests and paused channels would otherwise hold one each for months), and followed again
 * once it changes: continued from its delivered position, nothing lost or repeated, also when it was
 * renamed or replaced meanwhile. The idle time is measured on a clock the test moves.
 */
class IdleFileClosingTest {
    private static final String HEADER = Following.ARBIN_HEADER;
    private static final Duration IDLE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();

    private FileFollower started(Path followed, InMemoryFollowOutput out) throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(followed), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(Duration.ZERO)
                .withCloseIdleAfter(IDLE)
                .withBinaryFormats(List.of(new FixedRecordFormat()));
        FileFollower follower = new FileFollower(settings, out, registry, MovedFiles.ofThisSystem(), nanos::get);
        follower.start();
        return follower;
    }

    /** A follower on {@code followed} that read everything there, then an hour passed and it closed the files. */
    private FileFollower closedWhileIdle(Path followed, InMemoryFollowOutput out) throws Exception {
        FileFollower follower = started(followed, out);
        drain(follower);
        idleFor(IDLE.plusMinutes(1));
        follower.pollOnce();
        assertThat(gauge("cellwatch.ingest.files")).isZero();
        assertThat(gauge("cellwatch.ingest.files.idle")).isEqualTo(1);
        return follower;
    }

    private static String rows(int from, int to, double base) {
        return Following.arbinRows(from, to, base);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void idleFor(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static List<Long> upTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    /** Whether this process holds {@code file} open (Linux: a descriptor in /proc/self/fd links to it). */
    private static boolean heldOpen(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed while listed
                }
            });
        }
    }

    @Test
    void anIdleFileIsClosedAndContinuedOnceItGrows() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        Path file = dir.toRealPath().resolve("ch01.csv");
        append(file, HEADER + rows(1, 10, 3.5));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(file, out);
        drain(follower);
        assertThat(heldOpen(file)).isTrue();

        idleFor(IDLE.minusMinutes(1));
        follower.pollOnce();
        assertThat(heldOpen(file)).as("not idle long enough").isTrue();

        idleFor(Duration.ofMinutes(2));
        follower.pollOnce();
        assertThat(heldOpen(file)).as("idle for an hour: closed").isFalse();
        assertThat(gauge("cellwatch.ingest.files")).isZero();
        assertThat(gauge("cellwatch.ingest.files.idle")).isEqualTo(1);
        follower.pollOnce();
        assertThat(heldOpen(file)).as("not opened again while unchanged").isFalse();

        append(file, rows(11, 12, 3.5));
        drain(follower);
        assertThat(dataPoints(out)).as("continued, nothing repeated").isEqualTo(upTo(12));
        assertThat(out.samples.get(11).voltageV()).isEqualTo(3.512);
        assertThat(heldOpen(file)).isTrue();
        assertThat(gauge("cellwatch.ingest.files")).isEqualTo(1);
        assertThat(gauge("cellwatch.ingest.files.idle")).isZero();
        assertThat(out.positions.get(file.toString()).line()).isEqualTo(13);
        follower.close();
    }

    @Test
    void rowsWrittenJustBeforeTheFileWouldBeClosedAreReadNotLeftBehind() throws Exception {
        Path file = dir.resolve("ch02.csv");
        append(file, HEADER + rows(1, 5, 3.6));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(file, out);
        drain(follower);

        // The cycler writes after an hour's pause, between two polls: the file is not closed on them.
        idleFor(IDLE.plusMinutes(5));
        append(file, rows(6, 7, 3.6));
        drain(follower);
        assertThat(dataPoints(out)).isEqualTo(upTo(7));
        assertThat(gauge("cellwatch.ingest.files.idle")).isZero();
    }

    @Test
    void aFileRenamedWhileClosedIsContinuedUnderItsNewNameOnItsChannel() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("renamed"));
        Path file = lab.resolve("ch03.csv");
        append(file, HEADER + rows(1, 10, 3.7));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(lab, out);

        // The lab's rotation renames it while it is closed, and the cycler goes on writing it.
        Path renamed = lab.resolve("ch03.csv.1");
        Files.move(file, renamed);
        append(renamed, rows(11, 12, 3.7));
        drain(follower);

        assertThat(out.samples).extracting(Sample::channelId).containsOnly("ch03");
        assertThat(dataPoints(out)).isEqualTo(upTo(12));
        assertThat(out.positions.get(renamed.toString()).line()).isEqualTo(13);
    }

    @Test
    void aFileReplacedWhileClosedIsANewGenerationNumberedOn() throws Exception {
        Path file = dir.resolve("ch04.csv");
        append(file, HEADER + rows(1, 10, 3.8));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(file, out);

        // A new test on the channel: the old export is deleted and a new one written at its name.
        Files.delete(file);
        append(file, HEADER + rows(1, 3, 3.9));
        drain(follower);

        assertThat(dataPoints(out)).isEqualTo(upTo(13));
        assertThat(out.samples.get(10).voltageV())
                .as("the new file's first row")
                .isEqualTo(3.901);
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    @Test
    void anIdleBinaryFileIsClosedAndContinuedOnceItGrows() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        Path file = dir.toRealPath().resolve("cell-11.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(file, out);
        assertThat(heldOpen(file))
                .as("a finished result file gives its descriptor back")
                .isFalse();

        writer.grow(31, 40); // the test goes on after a long pause
        drain(follower);
        assertThat(dataPoints(out))
                .as("continued after its last row, none twice")
                .isEqualTo(upTo(40));
        assertThat(out.positions.get(file.toString()).generation()).isZero();
    }

    @Test
    void aBinaryFileWrittenInPlaceJustBeforeItWouldBeClosedIsReadNotClosed() throws Exception {
        Path file = dir.resolve("cell-15.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(file, out);
        drain(follower);
        // Records written ahead of their count (the file grows, nothing new to read yet)...
        writer.appendBytes(FixedRecordWriter.records(31, 35, -1));
        drain(follower);
        idleFor(IDLE.plusMinutes(1));
        // ...then counted in place, the size unchanged (as an .res fills its pages), between two polls.
        writer.countCompleteRecords();
        Files.setLastModifiedTime(
                file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2_000));
        drain(follower);

        assertThat(dataPoints(out)).isEqualTo(upTo(35));
    }

    @Test
    void anIdleBinaryFileRenamedWhileClosedIsContinuedUnderItsNewName() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("binary-renamed"));
        Path file = lab.resolve("cell-12.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(lab, out);

        Path renamed = lab.resolve("cell-12-continued.cwfr");
        Files.move(file, renamed);
        FixedRecordWriter.of(renamed).grow(31, 35);
        drain(follower);

        assertThat(out.samples).extracting(Sample::channelId).containsOnly("cell-12");
        assertThat(dataPoints(out)).isEqualTo(upTo(35));
    }

    @Test
    void anIdleBinaryFileReplacedByAnotherTestIsANewGeneration() throws Exception {
        Path file = dir.resolve("cell-13.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(file, out);

        // Overwritten in place by another cell's test: the same inode, another first row.
        FixedRecordWriter.create(file, 0.05).grow(1, 40);
        drain(follower);

        assertThat(out.samples.subList(30, out.samples.size()))
                .extracting(Sample::voltageV)
                .as("the new test's 40 rows, none skipped for the old test's")
                .hasSize(40)
                .allSatisfy(v -> assertThat(v).isGreaterThan(3.44));
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    @Test
    void aFileNoFormatRecognisesIsClosedWhenUnchangedAndLookedAtAgainOnlyOnceItChanges() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("mixed"));
        Path notes = lab.resolve("notes.txt");
        append(notes, "the cycler's operator notes, not an export\n".repeat(25));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(lab, out);
        follower.pollOnce();
        assertThat(gauge("cellwatch.ingest.files"))
                .as("not opened again while unchanged")
                .isZero();

        append(notes, "one more line\n");
        follower.pollOnce();
        assertThat(gauge("cellwatch.ingest.files"))
                .as("changed: looked at again")
                .isEqualTo(1);
        assertThat(out.samples).isEmpty();
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aFileThatKeepsChangingStaysOpen() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("busy"));
        Path log = lab.resolve("cycler.log");
        Path export = lab.resolve("ch06.csv");
        append(log, "a log line no format reads\n".repeat(25));
        append(export, HEADER + rows(1, 1, 3.6));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);

        // Three hours of a row every 20 min, and a log written as often: neither is ever idle for an hour.
        for (int i = 2; i <= 10; i++) {
            idleFor(Duration.ofMinutes(20));
            append(log, "another log line\n");
            append(export, rows(i, i, 3.6));
            drain(follower);
            assertThat(gauge("cellwatch.ingest.files.idle")).isZero();
        }
        assertThat(dataPoints(out)).isEqualTo(upTo(10));
    }

    @Test
    void aFileWhoseLastLineAwaitsItsNewlineStaysOpen() throws Exception {
        Path file = dir.resolve("ch07.csv");
        append(file, HEADER + rows(1, 5, 3.6) + "6,60,1,1,1.0,3.");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(file, out);
        drain(follower);
        idleFor(IDLE.plusHours(5));
        follower.pollOnce();
        // Open, it is read to its end, that line included, should it be moved away or deleted; closed, it would not.
        assertThat(gauge("cellwatch.ingest.files")).isEqualTo(1);
        assertThat(gauge("cellwatch.ingest.files.idle")).isZero();
    }

    @Test
    void aFileDeletedWhileClosedIsForgottenAndANewFileGivenItsInodeIsNotTakenForIt() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("deleted"));
        Path old = lab.resolve("ch08.csv");
        String content = HEADER + rows(1, 10, 3.6);
        append(old, content);
        Object oldKey = Files.readAttributes(old, BasicFileAttributes.class).fileKey();
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(lab, out);

        Files.delete(old);
        follower.pollOnce();
        assertThat(gauge("cellwatch.ingest.files.idle")).as("let go of").isZero();

        // The next file made in the folder, with the same first bytes (one cycler's files can begin alike), is
        // likely to get the freed inode; made again until it does, each miss deleted before the follower looks.
        Path next = lab.resolve("ch09.csv");
        boolean reused = false;
        for (int attempt = 0; attempt < 200 && !reused; attempt++) {
            append(next, content);
            reused = oldKey.equals(
                    Files.readAttributes(next, BasicFileAttributes.class).fileKey());
            if (!reused) {
                Files.delete(next);
            }
        }
        Assumptions.assumeTrue(reused, "the file system never gave a new file the freed inode: nothing more to check");
        drain(follower);
        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch09")))
                .as("read whole as a new file, not continued after the deleted one's last row")
                .hasSize(10);
    }

    @Test
    void aRotationChainWhileClosedDeliversNothingAgain() throws Exception {
        // Each channel's export and its first rotated copy, closed; then the lab's rotation shifts them all
        // (.1 to .2, the export to .1) and the cycler starts a new export. Several channels, so whatever order
        // the directory lists the names in, some chain is taken up with its .1 before its .2.
        Path lab = Files.createDirectories(dir.resolve("chain"));
        List<String> channels = List.of("a", "b", "c", "d", "e", "f");
        for (String ch : channels) {
            append(lab.resolve(ch + ".csv.1"), HEADER + rows(1, 10, 3.5));
            append(lab.resolve(ch + ".csv"), HEADER + rows(11, 20, 3.6));
        }
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);
        idleFor(IDLE.plusMinutes(1));
        follower.pollOnce();
        assertThat(gauge("cellwatch.ingest.files.idle")).isEqualTo(2.0 * channels.size());
        int before = out.samples.size();

        for (String ch : channels) {
            Files.move(lab.resolve(ch + ".csv.1"), lab.resolve(ch + ".csv.2"));
            Files.move(lab.resolve(ch + ".csv"), lab.resolve(ch + ".csv.1"));
            append(lab.resolve(ch + ".csv"), HEADER + rows(1, 3, 3.7));
        }
        drain(follower);
        drain(follower);

        assertThat(out.samples.size() - before).as("only the new exports' rows").isEqualTo(3 * channels.size());
    }

    @Test
    void twoClosedFilesThatSwapNamesDoNotStopTheFollower() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("swap"));
        Path a = lab.resolve("ch10.csv");
        Path b = lab.resolve("ch11.csv");
        append(a, HEADER + rows(1, 10, 3.5));
        append(b, HEADER + rows(1, 10, 3.6));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);
        idleFor(IDLE.plusMinutes(1));
        follower.pollOnce();

        Path aside = lab.resolve(".swapping");
        Files.move(a, aside);
        Files.move(b, a);
        Files.move(aside, b);
        drain(follower); // each name's old file is now at the other name: before, each sent the other's tracking back
        drain(follower);
        // Both are read again whole: a swap of closed files is not recognised (README). Should that change, so
        // does this count; what must not is that they are followed again at all.
        assertThat(out.samples.size())
                .as("both followed again, each read whole")
                .isEqualTo(40);
    }

    @Test
    void aRestartWhileAFileIsClosedDeliversNothingAgain() throws Exception {
        Path file = dir.resolve("ch05.csv");
        append(file, HEADER + rows(1, 10, 3.6));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = closedWhileIdle(file, out);
        follower.close();

        append(file, rows(11, 11, 3.6));
        FileFollower restarted = started(file, out);
        drain(restarted);
        restarted.close();
        assertThat(dataPoints(out)).isEqualTo(upTo(11));
    }
}
