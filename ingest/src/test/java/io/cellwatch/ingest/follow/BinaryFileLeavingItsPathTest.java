package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.ingest.testformat.FixedRecordWriter;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary cycler file that leaves its followed path while the follower is still catching up with
 * it, a few rows a poll: renamed out of the followed directory or deleted, its unread rows are still
 * delivered, once, a budget at a time, before it is dropped and a new file at its path is read; one
 * the follower cannot find again is reported, never silently lost. Uses the test format
 * ({@link FixedRecordFormat}), whose row source opens its file by name on every read, as the real
 * readers do.
 */
class BinaryFileLeavingItsPathTest {
    private static final int BUDGET = 7;

    @TempDir
    Path dir;

    private final FixedRecordFormat format = new FixedRecordFormat();
    private final InMemoryFollowOutput out = new InMemoryFollowOutput();
    private FileFollower follower;

    private FileFollower started(Path lab, MovedFiles movedFiles) throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(lab), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(Duration.ZERO)
                .withBinaryFormats(List.of(format))
                .withLinesPerBatch(BUDGET);
        FileFollower follower = new FileFollower(settings, out, new SimpleMeterRegistry(), movedFiles);
        follower.start();
        return follower;
    }

    /** A lab folder with a result file of 95 rows already written, of which two polls deliver 14. */
    private Path caughtUpHalfway(MovedFiles movedFiles) throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path file = lab.resolve("cell-1.cwfr");
        FixedRecordWriter.create(file).grow(1, 95);
        follower = started(lab, movedFiles);
        follower.pollOnce();
        follower.pollOnce();
        assertThat(dataPoints(out)).as("two polls of %d rows", BUDGET).isEqualTo(range(1, 14));
        return file;
    }

    @Test
    void aFileRenamedOutOfTheFollowedFolderIsReadToItsEndThenTheNewFileAtItsPath() throws Exception {
        Path file = caughtUpHalfway(requireProcSelfFd());

        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.move(file, archive.resolve("cell-1.cwfr")); // the lab files the finished test away
        FixedRecordWriter.create(file).grow(1, 5); // and the cycler starts the next test under the same name
        drain(follower);
        follower.close();

        assertThat(dataPoints(out))
                .as("the renamed file's 95 rows once, then the new file's 5 numbered on after them")
                .isEqualTo(range(1, 100));
        assertThat(out.samplesPerDelivery).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BUDGET));
        assertThat(format.largestRead())
                .as("read a budget at a time, not whole")
                .isLessThanOrEqualTo(BUDGET);
        assertThat(out.deadLetters).isEmpty();
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("cell-1");
        FilePosition position = out.positions.get(file.toString());
        assertThat(position.generation()).as("the new file is a new generation").isEqualTo(1);
        assertThat(position.line()).isEqualTo(5);
    }

    @Test
    void aFileDeletedWhileTheFollowerHoldsItOpenIsReadToItsEndThroughThatDescriptor() throws Exception {
        Path file = caughtUpHalfway(requireProcSelfFd());

        Files.delete(file);
        drain(follower);
        follower.close();

        assertThat(dataPoints(out)).isEqualTo(range(1, 95));
        assertThat(out.samplesPerDelivery).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BUDGET));
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aFileThatCannotBeFoundAgainIsReportedWithTheRowsLeftUnread() throws Exception {
        Path file = caughtUpHalfway(MovedFiles.NOWHERE);

        Files.delete(file);
        drain(follower);
        FixedRecordWriter.create(file).grow(1, 3); // a new test at the path is followed as before
        drain(follower);
        follower.close();

        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.error().file()).isEqualTo(file);
            assertThat(d.error().field()).isEqualTo("file");
            assertThat(d.error().line()).as("the first row not delivered").isEqualTo(15);
            assertThat(d.error().getMessage()).contains("81 rows after data point 14 not delivered");
            assertThat(d.format()).isEqualTo(FixedRecordFormat.NAME);
            assertThat(d.channelId()).isEqualTo("cell-1");
        });
        assertThat(dataPoints(out))
                .as("the 14 delivered, then the new file's 3 numbered on after them")
                .isEqualTo(range(1, 17));
    }

    @Test
    void aFileRenamedWithinTheFollowedFolderDuringCatchUpContinuesUnderItsNewNameOnce() throws Exception {
        Path file = caughtUpHalfway(requireProcSelfFd());

        Path renamed = file.resolveSibling("cell-1.cwfr.done");
        Files.move(file, renamed);
        drain(follower);
        FixedRecordWriter.of(renamed).grow(96, 99); // the cycler was still writing it
        drain(follower);
        follower.close();

        assertThat(dataPoints(out)).isEqualTo(range(1, 99));
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("cell-1");
        assertThat(out.deadLetters).isEmpty();
    }

    /**
     * The real binary files present, the first of each extension with enough rows for a catch-up of
     * several polls (and at most 2 MB, to keep the test to seconds): renamed out of the followed
     * folder, or deleted, after two polls of an eighth of their rows; every row still arrives, once, in
     * order, as a whole-file read gives them. The row sources open their files by name (Jackcess, a
     * ZIP reader, a file channel), so each is read on at the name or descriptor the follower found.
     */
    @TestFactory
    Stream<DynamicTest> aRealFileRenamedOrDeletedDuringCatchUpIsReadToItsEnd() throws Exception {
        requireProcSelfFd();
        Path binary = RealData.root().resolve("binary");
        assumeTrue(Files.isDirectory(binary), () -> "no real binary files at " + binary + " (set cellwatch.realData)");
        Map<String, Path> firstOfEach = new TreeMap<>();
        Map<Path, List<Long>> wholeReads = new HashMap<>();
        try (Stream<Path> walk = Files.walk(binary)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                String extension = name.substring(name.lastIndexOf('.') + 1);
                if (!List.of("mpr", "res", "nda", "ndax").contains(extension)
                        || firstOfEach.containsKey(extension)
                        || Files.size(f) > 2_000_000) {
                    continue;
                }
                List<Long> whole = wholeRead(f);
                if (whole.size() >= 200) {
                    firstOfEach.put(extension, f);
                    wholeReads.put(f, whole);
                }
            }
        }
        assumeFalse(firstOfEach.isEmpty(), () -> "no binary file of 200 rows or more under " + binary);
        return firstOfEach.values().stream()
                .flatMap(f -> Stream.of(true, false)
                        .map(deleted -> DynamicTest.dynamicTest(
                                (deleted ? "deleted: " : "renamed: ") + binary.relativize(f),
                                () -> leavesDuringCatchUp(f, wholeReads.get(f), deleted))));
    }

    private void leavesDuringCatchUp(Path real, List<Long> whole, boolean deleted) throws Exception {
        Path lab = Files.createTempDirectory(dir, "lab");
        Path file = Files.copy(real, lab.resolve(real.getFileName()));
        int budget = Math.max(1, whole.size() / 8);
        FollowSettings settings = FollowSettings.of(
                        List.of(lab), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withLinesPerBatch(budget);
        // The dynamic tests share this instance: each has its own output and follower.
        InMemoryFollowOutput received = new InMemoryFollowOutput();
        FileFollower realFollower = new FileFollower(settings, received, new SimpleMeterRegistry());
        realFollower.start();
        realFollower.pollOnce();
        realFollower.pollOnce();
        assertThat(received.samples.size()).as("caught up part way").isLessThan(whole.size());
        if (deleted) {
            Files.delete(file);
        } else {
            Files.move(file, Files.createTempDirectory(dir, "archive").resolve(real.getFileName()));
        }
        drain(realFollower);
        realFollower.close();

        assertThat(dataPoints(received)).as("every data point once, in order").isEqualTo(whole);
        assertThat(received.samplesPerDelivery).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(budget));
    }

    private static List<Long> wholeRead(Path file) {
        try {
            return Collected.read(CyclerFormats.detect(file), file).samples.stream()
                    .map(Sample::dataPoint)
                    .toList();
        } catch (IOException e) {
            return List.of(); // not cycling data, or not readable whole: not a file to follow here
        }
    }

    /** The way this system finds a moved file again; the test is skipped where there is none. */
    private static MovedFiles requireProcSelfFd() {
        assumeTrue(Files.isDirectory(ProcSelfFd.FD), "a moved file is found again through /proc/self/fd (Linux)");
        return MovedFiles.ofThisSystem();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
