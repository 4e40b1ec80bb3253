package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.ingest.testformat.FixedRecordWriter;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --follow} on a binary cycler file that grows while it is followed, with a format
 * defined in the tests ({@link FixedRecordFormat}): recognised by magic bytes, polled record by
 * record, resumed after the last data point delivered, and retried rather than dead-lettered while
 * it cannot be read yet.
 */
class BinaryFollowTest {
    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final FixedRecordFormat format = new FixedRecordFormat();

    private FollowSettings settings(ChannelCatalog catalog, Path... paths) {
        return FollowSettings.of(List.of(paths), catalog)
                .withDetectAfter(Duration.ZERO)
                .withBinaryFormats(List.of(format));
    }

    private FollowSettings settings(Path... paths) {
        return settings(new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC), paths);
    }

    private FileFollower started(FollowSettings settings, InMemoryFollowOutput output) throws Exception {
        FileFollower follower = new FileFollower(settings, output, registry);
        follower.start();
        return follower;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aGrowingBinaryFileIsFollowedRecordByRecordOnceItsMagicBytesAreThere() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path file = Files.createFile(lab.resolve("cell-9.cwfr"));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);
        Files.write(file, "CWFI".getBytes(StandardCharsets.US_ASCII)); // the header being written
        drain(follower);
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        drain(follower);
        assertThat(out.deliveries)
                .as("nothing to deliver before the first record")
                .isZero();

        for (int i = 1; i <= 60; i++) {
            byte[] record = FixedRecordWriter.records(i, i, -1);
            writer.appendBytes(Arrays.copyOf(record, 17)); // half a record: not a row yet
            writer.countCompleteRecords();
            drain(follower);
            assertThat(out.samples).hasSize(i - 1);
            writer.appendBytes(Arrays.copyOfRange(record, 17, record.length));
            writer.countCompleteRecords();
            drain(follower);
        }

        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 60));
        assertThat(out.samples.get(0).voltageV()).isEqualTo(3.4001);
        assertThat(out.channels).extracting(ChannelInfo::channelId).containsExactly("cell-9");
        assertThat(out.deadLetters).isEmpty();
        FilePosition position = out.positions.get(file.toString());
        assertThat(position.format()).isEqualTo(FixedRecordFormat.NAME);
        assertThat(position.offset()).as("the last data point delivered").isEqualTo(60);
        assertThat(position.line()).isEqualTo(60);
        assertThat(position.generation())
                .as("a header that changes as the file grows is the same file")
                .isZero();
    }

    @Test
    void aRestartResumesAfterTheLastDataPointAndACrashBeforeTheCommitLosesNothing() throws Exception {
        Path file = dir.resolve("cell-2.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.grow(1, 40);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        out.failDelivery = 2;
        FileFollower first = started(settings(file), out);
        first.pollOnce();
        writer.grow(41, 60);
        assertThatThrownBy(first::pollOnce).hasMessageContaining("simulated crash");
        first.close();

        writer.grow(61, 100);
        FileFollower second = started(settings(file), out);
        drain(second);

        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 100));
        assertThat(registry.get("cellwatch.ingest.rows").counter().count()).isEqualTo(100);
    }

    @Test
    void aLongBinaryFileGoesInTransactionsOfTheBudgetAndACrashMidwayLosesAndDoublesNothing() throws Exception {
        Path file = dir.resolve("cell-4.cwfr");
        FixedRecordWriter.create(file).grow(1, 95); // a result file already long when following begins
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        out.failDelivery = 4;
        FileFollower first = started(settings(file).withLinesPerBatch(20), out);
        for (int i = 0; i < 3; i++) {
            assertThat(first.pollOnce()).isTrue();
        }
        assertThatThrownBy(first::pollOnce).hasMessageContaining("simulated crash");
        first.close();
        assertThat(out.samplesPerDelivery)
                .as("20 rows read and delivered a transaction")
                .containsExactly(20, 20, 20);

        drain(started(settings(file).withLinesPerBatch(20), out));

        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 95));
        assertThat(out.samplesPerDelivery).containsExactly(20, 20, 20, 20, 15);
        assertThat(format.largestRead())
                .as("the file is read a transaction's worth at a time, never whole")
                .isEqualTo(20);
    }

    @Test
    void aLongFileWithADeadLetterReadSevenRowsAPollIsDeliveredOnceAcrossACrashAndARestart() throws Exception {
        Path file = dir.resolve("cell-6.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.appendBytes(FixedRecordWriter.records(1, 50, 23));
        writer.countCompleteRecords();
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        out.failDelivery = 5;
        FileFollower first = started(settings(file).withLinesPerBatch(7), out);
        for (int i = 0; i < 4; i++) {
            assertThat(first.pollOnce()).isTrue();
        }
        assertThatThrownBy(first::pollOnce).hasMessageContaining("simulated crash");
        first.close();
        assertThat(dataPoints(out)).as("four transactions delivered").hasSize(27);

        writer.grow(51, 60); // the cycler goes on while the follower is down
        drain(started(settings(file).withLinesPerBatch(7), out));

        List<Long> everyRowButTheUnreadable =
                LongStream.rangeClosed(1, 60).filter(p -> p != 23).boxed().toList();
        assertThat(dataPoints(out)).containsExactlyElementsOf(everyRowButTheUnreadable);
        assertThat(out.deadLetters)
                .singleElement()
                .satisfies(d -> assertThat(d.error().line()).isEqualTo(23));
        assertThat(format.largestRead()).isLessThanOrEqualTo(7);
    }

    @Test
    void aFileWhoseRecordsAreStillBeingWrittenIsTriedAgainNotDeadLettered() throws Exception {
        Path file = dir.resolve("cell-3.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.grow(1, 5);
        writer.setCount(8); // a writer that counts its records before they are all on disk
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file).withDetectAfter(Duration.ofHours(1)), out);
        drain(follower);
        assertThat(dataPoints(out)).as("the complete records before the gap").containsExactlyElementsOf(range(1, 5));

        writer.appendBytes(FixedRecordWriter.records(6, 8, -1));
        drain(follower);

        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 8));
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aFileThatStaysUnreadableIsLeftUntilItChangesAndThenReadOn() throws Exception {
        Path file = dir.resolve("cell-4.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.grow(1, 3);
        writer.setCount(5);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out); // no patience: given up at once
        drain(follower);
        drain(follower);
        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 3));

        writer.appendBytes(FixedRecordWriter.records(4, 5, -1));
        drain(follower);
        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 5));
    }

    @Test
    void anUnreadableRecordIsOneDeadLetterEvenAcrossARestart() throws Exception {
        Path file = dir.resolve("cell-5.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.appendBytes(FixedRecordWriter.records(1, 10, 10));
        writer.countCompleteRecords();
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(file), out);
        drain(first);
        first.close();

        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 9));
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.error().file()).isEqualTo(file);
            assertThat(d.error().line()).isEqualTo(10);
            assertThat(d.error().field()).isEqualTo("voltage");
            assertThat(d.rawLine()).isNull();
            assertThat(d.format()).isEqualTo(FixedRecordFormat.NAME);
        });
        assertThat(out.positions.get(file.toString()).deadLettersAfter()).isEqualTo(1);

        writer.grow(11, 12);
        FileFollower second = started(settings(file), out);
        drain(second);
        assertThat(dataPoints(out)).containsExactlyElementsOf(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 11L, 12L));
        assertThat(out.deadLetters).hasSize(1);
    }

    @Test
    void aTruncatedBinaryFileIsANewGenerationWhoseNumbersContinueTheChannels() throws Exception {
        Path file = dir.resolve("cell-6.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);
        drain(follower);

        // The cycler began a new test in the file, on another cell: its first row reads otherwise.
        FixedRecordWriter restarted = FixedRecordWriter.create(file, 0.05);
        restarted.grow(1, 5);
        drain(follower);
        assertThat(dataPoints(out).subList(30, 35)).containsExactly(31L, 32L, 33L, 34L, 35L);
        FilePosition position = out.positions.get(file.toString());
        assertThat(position.generation()).isEqualTo(1);
        assertThat(position.dataPointShift()).isEqualTo(30);

        restarted.grow(6, 8);
        drain(started(settings(file), out));
        assertThat(dataPoints(out).subList(35, 38)).containsExactly(36L, 37L, 38L);
    }

    @Test
    void theSameTestWrittenAgainFromItsStartGoesOnAfterTheRowsDelivered() throws Exception {
        Path file = dir.resolve("cell-9.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);
        drain(follower);

        // Saved again from its start (the same cell's records), caught half way, then further than before.
        FixedRecordWriter saved = FixedRecordWriter.create(file);
        saved.grow(1, 10);
        drain(follower);
        assertThat(dataPoints(out)).as("half way: nothing more").containsExactlyElementsOf(range(1, 30));
        saved.grow(11, 40);
        drain(follower);
        assertThat(dataPoints(out)).as("each row once").containsExactlyElementsOf(range(1, 40));
        assertThat(out.positions.get(file.toString()).generation()).isZero();
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aNewTestWrittenOverTheFileWhileTheFollowerWasDownIsReadFromItsFirstRow() throws Exception {
        Path file = dir.resolve("cell-10.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(file), out);
        drain(first);
        first.close();

        FixedRecordWriter.create(file, 0.05).grow(1, 40); // in place: the same file key, another cell
        drain(started(settings(file), out));
        assertThat(out.samples.subList(30, out.samples.size()))
                .extracting(Sample::voltageV)
                .as("the new test's 40 rows, the first 30 not taken for the old test's")
                .hasSize(40)
                .allSatisfy(v -> assertThat(v).isGreaterThan(3.44));
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    @Test
    void aBinaryFileGivenItsLengthBeforeItsBytesIsRecognisedWhenTheyCome() throws Exception {
        Path written = dir.resolve("written.cwfr");
        FixedRecordWriter.create(written).grow(1, 20);
        byte[] bytes = Files.readAllBytes(written);
        Path file = dir.resolve("copied.cwfr");
        Files.write(file, new byte[bytes.length]); // a copy that set the file's length first: zeros so far
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);
        drain(follower);
        assertThat(out.samples).isEmpty();

        FileTime before = Files.getLastModifiedTime(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), 0); // the bytes arrive, the length stays
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));
        drain(follower);
        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 20));
    }

    @Test
    void aBinaryFileRenamedWhileTheFollowerWasDownIsContinuedUnderItsNewName() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("renamed-while-down"));
        Path file = lab.resolve("cell-14.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(lab), out);
        drain(first);
        first.close();

        Path renamed = lab.resolve("cell-14.cwfr.1");
        Files.move(file, renamed);
        FixedRecordWriter.of(renamed).grow(31, 35);
        drain(started(settings(lab), out));
        assertThat(dataPoints(out))
                .as("known by its file key and first row: none twice")
                .isEqualTo(range(1, 35));
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("cell-14");
    }

    @Test
    void aBinaryFileReplacedByALongerOneWhileTheFollowerWasDownIsReadWhole() throws Exception {
        Path file = dir.resolve("cell-8.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(file), out);
        drain(first);
        first.close();

        // While the follower is down the cycler software saves a new test to the same name, longer than
        // the old one: written under another name and moved over it, as an export or a copy is.
        Path written = dir.resolve("cell-8.cwfr.part");
        FixedRecordWriter.create(written, 0.05).grow(1, 50); // another cell: its first row reads otherwise
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        drain(started(settings(file), out));

        assertThat(dataPoints(out))
                .as("the old file's 30 rows, then all 50 of the new one numbered on after them")
                .containsExactlyElementsOf(range(1, 80));
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    @Test
    void aFileSavedOverWhoseFirstRowNamesNoWallClockIsANewFileNumberedOn() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("saved-over"));
        Path file = lab.resolve("cell-9.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);

        // The same records saved again under another name and moved over the file. Its rows carry no wall
        // clock, so its first row cannot tell the same test from a new cell's (record 1 at rest, the same
        // voltage): it is read whole as a new file rather than risk skipping a new test's rows.
        savedOver(file, 45);
        drain(follower);
        drain(follower);
        follower.close();
        assertThat(dataPoints(out)).as("the first 30, then all 45 numbered on").containsExactlyElementsOf(range(1, 75));
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    @Test
    void anotherTestSavedOverTheFileThroughARenameIsReadWhole() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("new-test-saved-over"));
        Path file = lab.resolve("cell-10.cwfr");
        FixedRecordWriter.create(file).grow(1, 30);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);

        Path written = dir.resolve("cell-10.cwfr.part");
        FixedRecordWriter.create(written, 0.05).grow(1, 20); // a new cell on the channel, saved under its name
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        drain(follower);
        drain(follower);
        follower.close();

        assertThat(dataPoints(out))
                .as("the old test's 30 rows, then all 20 of the new one numbered on after them")
                .containsExactlyElementsOf(range(1, 50));
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    /** The same test as {@code file}, records 1 to {@code last}, written elsewhere and moved over it. */
    private void savedOver(Path file, int last) throws Exception {
        Path written = dir.resolve(file.getFileName() + ".part");
        FixedRecordWriter.create(written).grow(1, last);
        Object before = FileIdentity.keyAt(file);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(FileIdentity.keyAt(file)).as("another file at the path").isNotEqualTo(before);
    }

    @Test
    void aBinaryFileRenamedWithinAFollowedDirectoryContinuesUnderItsNewName() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("renaming"));
        Path file = lab.resolve("cell-7.cwfr");
        FixedRecordWriter writer = FixedRecordWriter.create(file);
        writer.grow(1, 10);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);

        writer.grow(11, 12); // written after the last poll, before the rename
        Files.move(file, lab.resolve("cell-7.cwfr.done"));
        drain(follower);
        drain(follower);

        assertThat(dataPoints(out)).containsExactlyElementsOf(range(1, 12));
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("cell-7");
    }

    @Test
    void aChannelsFileRowAppliesToABinaryFileLikeToAnyOther() throws Exception {
        Path channels = dir.resolve("channels.csv");
        Files.writeString(channels, "file,channel,cell_type,area_cm2\n*.cwfr,li-07,half,1.13\n");
        ChannelCatalog catalog = ChannelCatalog.of(channels, ChannelOverrides.NONE, ZoneOffset.UTC);
        Path file = dir.resolve("rack1-ch07.cwfr");
        FixedRecordWriter.create(file).grow(1, 4);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        drain(started(settings(catalog, file), out));

        assertThat(out.samples).extracting(Sample::channelId).containsOnly("li-07");
        assertThat(out.channels).singleElement().satisfies(c -> {
            assertThat(c.channelId()).isEqualTo("li-07");
            assertThat(c.cellType()).isEqualTo(CellType.HALF);
            assertThat(c.electrodeAreaCm2()).isEqualTo(1.13);
        });
    }
}
