package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.simcsv.SimCsvWriter;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestProtocol;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFollowerTest {
    private static final String ARBIN_HEADER = "Data_Point,Test_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V),"
            + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\n";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private FollowSettings settings(Path... paths) {
        return FollowSettings.of(List.of(paths), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(Duration.ZERO);
    }

    private FileFollower started(FollowSettings settings, InMemoryFollowOutput output) throws Exception {
        FileFollower follower = new FileFollower(settings, output, registry);
        follower.start();
        return follower;
    }

    /** Arbin rows {@code from..to}: ten cycles' worth of 20 rows, charge then discharge. */
    private static String arbinRows(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            int cycle = (i - 1) / 20 + 1;
            boolean charging = (i - 1) % 20 < 10;
            double step = ((i - 1) % 10 + 1) * 0.01;
            b.append(String.format(
                    Locale.ROOT,
                    "%d,%d,%d,%d,%s,%.3f,%.4f,%.4f%n",
                    i,
                    i * 10,
                    cycle,
                    charging ? 1 : 2,
                    charging ? "1.0" : "-1.0",
                    charging ? 3.5 + step : 4.1 - step,
                    charging ? step : 0.1,
                    charging ? 0.0 : step));
        }
        return b.toString();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aLineWithoutItsNewlineIsNotARowYet() throws Exception {
        Path file = dir.resolve("ch01.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 5) + "6,60,1,1,1.0,3.");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);

        drain(follower);
        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(out.positions.get(file.toString()).line()).isEqualTo(6);

        append(file, "560,0.0600,0.0000\n");
        drain(follower);
        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(out.samples.get(5).voltageV()).isEqualTo(3.56);
        assertThat(out.deadLetters).isEmpty();
        assertThat(out.channels).extracting(ChannelInfo::channelId).containsExactly("ch01");
    }

    @Test
    void aNewFileWaitingForItsRotatedPredecessorThatIsDeletedLeavesNothingWaiting() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("waiting-gone"));
        Path file = lab.resolve("ch14.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 10));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(lab), out);
        drain(first);
        first.close();

        // Rotated while down, the old file grown meanwhile; the new file at the name waits for it to be read.
        Path rotated = lab.resolve("ch14.csv.1");
        Files.move(file, rotated);
        append(rotated, arbinRows(11, 60));
        append(file, ARBIN_HEADER + arbinRows(1, 3));
        FileFollower second = started(settings(lab).withLinesPerBatch(5), out);
        second.pollOnce();
        Files.delete(file); // the new file goes before its turn came
        drain(second);

        assertThat(second.pollOnce())
                .as("nothing left to do: an idle pass says so (and the follower sleeps)")
                .isFalse();
        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch14")))
                .extracting(Sample::dataPoint)
                .startsWith(1L, 2L, 3L)
                .hasSize(60);
        second.close();
    }

    @Test
    void anErrorInTheFollowerIsAFailureNotACleanStop() throws Exception {
        Path file = dir.resolve("ch02.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 5));
        FollowOutput failing = new FollowOutput() {
            @Override
            public Map<String, FilePosition> restore() {
                return Map.of();
            }

            @Override
            public void deliver(FollowBatch batch) {
                throw new StackOverflowError("played by the test");
            }

            @Override
            public void close() {}
        };
        FileFollower follower = new FileFollower(settings(file), failing, registry);
        follower.start();
        follower.run();
        assertThat(follower.running()).isFalse();
        assertThat(follower.failure()).as("what the command exits 1 on").hasMessageContaining("StackOverflowError");
    }

    @Test
    void aFileThatCannotBeOpenedWaitsWhileTheOtherFilesAreFollowed() throws Exception {
        Path good = dir.resolve("ch10.csv");
        append(good, ARBIN_HEADER + arbinRows(1, 5));
        // Root opens any file whatever its mode, so the test reaches the same failure another way: a path
        // through a regular file fails to open with an IOException other than "no such file" (ENOTDIR), as a
        // mode-600 file (AccessDeniedException) or a share's lock does on a lab's ingester.
        Path blocker = dir.resolve("locked");
        Files.writeString(blocker, "not a directory");
        Path locked = blocker.resolve("ch11.csv");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(good, locked), out);

        drain(follower);
        follower.pollOnce();
        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(registry.get("cellwatch.ingest.files.unreadable").gauge().value())
                .isEqualTo(1);

        Files.delete(blocker);
        Files.createDirectory(blocker);
        append(locked, ARBIN_HEADER + arbinRows(1, 3));
        drain(follower);
        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch11")))
                .extracting(Sample::dataPoint)
                .containsExactly(1L, 2L, 3L);
        assertThat(registry.get("cellwatch.ingest.files.unreadable").gauge().value())
                .isZero();
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aFileWithCarriageReturnsAloneIsNotHeldInMemoryWaitingForALineFeed() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("mac"));
        append(lab.resolve("ch17.csv"), (ARBIN_HEADER + arbinRows(1, 30)).replace('\n', '\r'));
        append(lab.resolve("ch18.csv"), ARBIN_HEADER + arbinRows(1, 3));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("ch18");
        assertThat(out.positions).doesNotContainKey(lab.resolve("ch17.csv").toString());
    }

    @Test
    void aCrashBeforeTheCommitLosesAndRepeatsNothing() throws Exception {
        Path file = dir.resolve("ch02.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 40));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        out.failDelivery = 2;
        FileFollower first = started(settings(file).withLinesPerBatch(15), out);
        first.pollOnce();
        append(file, arbinRows(41, 60));
        assertThatThrownBy(first::pollOnce).hasMessageContaining("simulated crash");
        first.close();

        append(file, arbinRows(61, 100));
        FileFollower second = started(settings(file).withLinesPerBatch(15), out);
        drain(second);

        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            expected.add(i);
        }
        assertThat(dataPoints(out)).containsExactlyElementsOf(expected);
        assertThat(registry.get("cellwatch.ingest.rows").counter().count()).isEqualTo(100);
    }

    @Test
    void aRestartRebuildsTheReadersStateFromTheDeliveredPrefix() throws Exception {
        // Maccor's single Amp-hr column is split by state with memory of earlier rows: a restart must
        // deliver exactly what one uninterrupted read of the whole file gives.
        String header = "Today's Date 10/10/2019  Date of Test:\t10/10/2019\t Filename:\tx.010 Procedure: p.000\n"
                + "Rec#\tCyc#\tStep\tTest (Sec)\tStep (Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt Time\n";
        StringBuilder rows = new StringBuilder();
        double ampHours = 0;
        for (int rec = 1; rec <= 60; rec++) {
            int cycle = (rec - 1) / 30 + 1;
            boolean charge = (rec - 1) % 30 < 15;
            ampHours = (rec - 1) % 15 == 0 && !charge ? ampHours : ampHours + 0.01; // runs on from C into D
            rows.append(String.format(
                    Locale.ROOT,
                    "%d\t%d\t%d\t%d\t0\t%.4f\t%.4f\t%s\t%.3f\t%s\t0\t10/10/2019 10:%02d:00%n",
                    rec,
                    cycle,
                    charge ? 1 : 2,
                    rec * 60,
                    ampHours,
                    ampHours * 3.7,
                    charge ? "1.0" : "-1.0",
                    3.6 + rec * 0.001,
                    charge ? "C" : "D",
                    rec % 60));
            if (rec % 30 == 0) {
                ampHours = 0; // the cycle resets the counter
            }
        }
        String[] lines = (header + rows).split("(?<=\n)");
        Path file = dir.resolve("maccor-ch.010");
        StringBuilder firstPart = new StringBuilder();
        for (int i = 0; i < 37; i++) {
            firstPart.append(lines[i]);
        }
        append(file, firstPart.toString());
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(file), out);
        drain(first);
        first.close();
        assertThat(out.samples).hasSize(35);

        StringBuilder rest = new StringBuilder();
        for (int i = 37; i < lines.length; i++) {
            rest.append(lines[i]);
        }
        append(file, rest.toString());
        FileFollower second = started(settings(file), out);
        drain(second);

        Collected oneRead = Collected.read(CyclerFormats.byName("maccor"), file);
        assertThat(oneRead.errors).isEmpty();
        assertThat(oneRead.samples).hasSize(60);
        assertThat(out.samples).containsExactlyElementsOf(oneRead.samples);
    }

    /**
     * A GBK export whose rows carry no word of a cycler's vocabulary (English step names, a Chinese long
     * date): only its header shows it is Chinese, and a follower resuming after a restart starts below it.
     */
    @Test
    void aRestartInAChineseAnsiFileReadsItsRowsInTheFilesCodePage() throws Exception {
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        String header = "数据序号,循环号,工步号,工步类型,总时间,电流(mA),电压(V),容量(mAh),绝对时间\n";
        StringBuilder rows = new StringBuilder();
        for (int k = 1; k <= 6; k++) {
            rows.append(String.format(
                    Locale.ROOT,
                    "%d,1,1,CC_Chg,00:%02d:00,1.5,%.3f,%.4f,2026年1月1日 08:%02d:00%n",
                    k,
                    k - 1,
                    3.4 + 0.01 * k,
                    0.025 * (k - 1),
                    k - 1));
        }
        String[] lines = (header + rows).split("(?<=\n)");
        Path file = dir.resolve("通道1.csv");
        Files.write(file, (lines[0] + lines[1] + lines[2] + lines[3]).getBytes(gbk));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(file), out);
        drain(first);
        first.close();
        assertThat(out.samples).hasSize(3);

        Files.write(file, (lines[4] + lines[5] + lines[6]).getBytes(gbk), StandardOpenOption.APPEND);
        FileFollower second = started(settings(file), out);
        drain(second);

        Collected oneRead = Collected.read(CyclerFormats.byName("neware-zh"), file);
        assertThat(oneRead.errors).isEmpty();
        assertThat(oneRead.samples).hasSize(6);
        assertThat(out.deadLetters).isEmpty();
        assertThat(out.samples).containsExactlyElementsOf(oneRead.samples);
    }

    @Test
    void aTruncatedFileIsANewGenerationWhoseRecordNumbersContinueTheChannels() throws Exception {
        Path file = dir.resolve("ch03.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 30));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);
        drain(follower);

        Files.writeString(file, ARBIN_HEADER + arbinRows(1, 5)); // the cycler started a new test in the same file
        drain(follower);

        assertThat(dataPoints(out)).hasSize(35);
        assertThat(dataPoints(out).subList(30, 35)).containsExactly(31L, 32L, 33L, 34L, 35L);
        FilePosition position = out.positions.get(file.toString());
        assertThat(position.generation()).isEqualTo(1);
        assertThat(position.dataPointShift()).isEqualTo(30);

        // The shift survives a restart: the next rows continue from 35, not from 5.
        append(file, arbinRows(6, 8));
        FileFollower restarted = started(settings(file), out);
        drain(restarted);
        assertThat(dataPoints(out).subList(35, 38)).containsExactly(36L, 37L, 38L);
    }

    @Test
    void aRotatedFileIsReadToItsEndBeforeTheNewOne() throws Exception {
        Path file = dir.resolve("ch04.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 10));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);
        drain(follower);

        // The cycler writes two more rows (the last without newline), then rotates: rename and start afresh.
        append(file, arbinRows(11, 11) + arbinRows(12, 12).strip());
        Files.move(file, dir.resolve("ch04.csv.1"));
        append(file, ARBIN_HEADER + arbinRows(1, 3));
        drain(follower);

        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(out.positions.get(file.toString()).generation()).isEqualTo(1);
    }

    @Test
    void aRotatedFileIsReadToItsEndABudgetAPoll() throws Exception {
        Path file = dir.resolve("ch05.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 5));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file).withLinesPerBatch(10), out);
        drain(follower);

        // Written on while the follower was busy, then rotated: 95 rows left in the old file.
        append(file, arbinRows(6, 100));
        Files.move(file, dir.resolve("ch05.csv.1"));
        append(file, ARBIN_HEADER + arbinRows(1, 3));
        drain(follower);

        assertThat(dataPoints(out)).hasSize(103).doesNotHaveDuplicates();
        assertThat(out.samplesPerDelivery)
                .as("a transaction's worth a poll, not the old file's rest in one")
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
    }

    @Test
    void aFileRotatedWithinAFollowedDirectoryIsNotReadTwiceUnderItsNewName() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("rotating"));
        Path file = lab.resolve("ch08.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 10));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);

        append(file, arbinRows(11, 12));
        Files.move(file, lab.resolve("ch08.csv.1"));
        append(file, ARBIN_HEADER + arbinRows(1, 3));
        drain(follower);
        follower.close();

        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("ch08");
        assertThat(out.positions.get(lab.resolve("ch08.csv.1").toString()).line())
                .isEqualTo(13);

        // After a restart both names resume where they were: nothing is delivered again.
        FileFollower restarted = started(settings(lab), out);
        drain(restarted);
        assertThat(out.samples).hasSize(15);
    }

    @Test
    void aRowUnreadableAfterARenameIsDeadLetteredUnderTheFilesNewName() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("renamed-dead-letter"));
        Path file = lab.resolve("ch11.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 3));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);

        Path renamed = lab.resolve("ch11.csv.1");
        Files.move(file, renamed);
        drain(follower);
        append(renamed, "4,40,1,1,1.0,not-a-voltage,0.004,0.0\n");
        drain(follower);
        follower.close();

        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.channelId()).isEqualTo("ch11");
            assertThat(d.error().file()).as("the file where the row is now").isEqualTo(renamed);
        });
    }

    @Test
    void aFileRenamedWhileTheFollowerWasDownContinuesAndACopyIsANewFile() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("renamed-while-down"));
        Path file = lab.resolve("ch09.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 10));
        Path other = lab.resolve("ch10.csv");
        append(other, ARBIN_HEADER + arbinRows(1, 10));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower first = started(settings(lab), out);
        drain(first);
        first.close();
        assertThat(out.samples).hasSize(20);

        // While it is down, the lab's rotation renames ch09's file and the cycler goes on writing it; ch10's is
        // copied to an archive name and the original deleted (a copy keeps the bytes, not the file).
        Files.move(file, lab.resolve("ch09.csv.1"));
        append(lab.resolve("ch09.csv.1"), arbinRows(11, 12));
        Files.copy(other, lab.resolve("ch10-archive.csv"));
        Files.delete(other);
        FileFollower second = started(settings(lab), out);
        drain(second);
        second.close();

        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch09")))
                .as("the renamed file continues on its channel, nothing again")
                .extracting(Sample::dataPoint)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(out.positions.get(lab.resolve("ch09.csv.1").toString()).line())
                .isEqualTo(13);
        assertThat(out.samples.stream().filter(s -> !s.channelId().equals("ch09")))
                .as("the copy is another file: read whole")
                .hasSize(20);

        // Renamed again while down, after more rows: the name it had last (delivered furthest) is continued, and
        // still on ch09, not on a channel named after its new name.
        append(lab.resolve("ch09.csv.1"), arbinRows(13, 14));
        FileFollower third = started(settings(lab), out);
        drain(third);
        third.close();
        Files.move(lab.resolve("ch09.csv.1"), lab.resolve("ch09.csv.2"));
        append(lab.resolve("ch09.csv.2"), arbinRows(15, 16));
        FileFollower fourth = started(settings(lab), out);
        drain(fourth);
        fourth.close();
        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch09")))
                .extracting(Sample::dataPoint)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(out.samples.stream().map(Sample::channelId).distinct()).containsOnly("ch09", "ch10", "ch10-archive");
    }

    @Test
    void aFileRotatedWhileTheFollowerWasDownIsContinuedUnderItsNewNameAndTheNewFileReadWhole() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("rotated-while-down"));
        Path file = lab.resolve("ch11.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 10));
        Path rotated = lab.resolve("ch11.csv.1");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        // Both names, the old first: it is looked at before the name its file went to.
        FileFollower first = started(settings(file, rotated), out);
        drain(first);
        first.close();

        // The lab's rotation while it is down: the file goes on under a new name, a new one starts at the old.
        Files.move(file, rotated);
        append(rotated, arbinRows(11, 12));
        append(file, ARBIN_HEADER + arbinRows(1, 3));
        FileFollower second = started(settings(file, rotated), out);
        drain(second);
        second.close();

        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch11")))
                .extracting(Sample::dataPoint)
                .as("the old file's rows once, then the new file's numbered on")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
    }

    @Test
    void aNewFileGivenADeletedFilesInodeIsANewFileNotItsContinuation() throws Exception {
        Assumptions.assumeTrue(MovedFiles.ofThisSystem().knowsNames(), "needs /proc/self/fd (Linux)");
        Path lab = Files.createDirectories(dir.resolve("reuse"));
        Path old = lab.resolve("ch12.csv");
        append(old, ARBIN_HEADER + arbinRows(1, 40));
        Object oldKey = Files.readAttributes(old, BasicFileAttributes.class).fileKey();
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);

        // The test ends and its file is archived off this disk (copied, then deleted here); the follower lets go
        // of it, its inode is free, and the next file made in the folder is likely to get that inode number.
        Files.delete(old);
        drain(follower);
        follower.pollOnce();
        // Made again until it gets the freed inode (files other tests make meanwhile can take it first); each
        // miss is deleted before the follower looks, so only the one that got it is ever seen.
        Path next = lab.resolve("ch13.csv");
        boolean reused = false;
        for (int attempt = 0; attempt < 200 && !reused; attempt++) {
            append(next, ARBIN_HEADER + arbinRows(1, 5));
            reused = oldKey.equals(
                    Files.readAttributes(next, BasicFileAttributes.class).fileKey());
            if (!reused) {
                Files.delete(next);
            }
        }
        Assumptions.assumeTrue(reused, "the file system never gave a new file the freed inode: nothing to check");
        drain(follower);

        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch13")))
                .extracting(Sample::dataPoint)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(out.samples.stream().filter(s -> s.channelId().equals("ch12")))
                .hasSize(40);
    }

    @Test
    void newFilesInAFollowedDirectoryArePickedUpAndUnrecognisedOnesIgnored() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        append(lab.resolve("ch05.csv"), ARBIN_HEADER + arbinRows(1, 4));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab), out);
        drain(follower);
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("ch05");

        append(lab.resolve("notes.txt"), "cell 7 looked odd today\n".repeat(25));
        append(lab.resolve("ch06.csv"), ARBIN_HEADER + arbinRows(1, 3));
        drain(follower);

        assertThat(out.samples)
                .extracting(Sample::channelId)
                .containsExactly("ch05", "ch05", "ch05", "ch05", "ch06", "ch06", "ch06");
        assertThat(out.positions).doesNotContainKey(lab.resolve("notes.txt").toString());
    }

    @Test
    void aLongBacklogDoesNotStarveTheOtherFiles() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("backlog"));
        append(lab.resolve("big.csv"), ARBIN_HEADER + arbinRows(1, 200));
        append(lab.resolve("small.csv"), ARBIN_HEADER + arbinRows(1, 5));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(lab).withLinesPerBatch(20), out);
        follower.pollOnce();
        follower.pollOnce();
        assertThat(out.samples).extracting(Sample::channelId).contains("big", "small");
        assertThat(out.samples.size()).isLessThan(60);
        drain(follower);
        assertThat(out.samples).hasSize(205);
    }

    @Test
    void aMalformedRowBecomesADeadLetterAndTheRestFlows() throws Exception {
        Path file = dir.resolve("ch07.csv");
        String rows = arbinRows(1, 6).replace("3,30,1,1,1.0,3.530", "3,30,1,1,1.0,3.5x0");
        append(file, ARBIN_HEADER + rows);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file), out);
        drain(follower);

        assertThat(dataPoints(out)).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.error().file()).isEqualTo(file);
            assertThat(d.error().line()).isEqualTo(4);
            assertThat(d.error().field()).isEqualTo("Voltage(V)");
            assertThat(d.rawLine()).startsWith("3,30,1,1,1.0,3.5x0");
            assertThat(d.channelId()).isEqualTo("ch07");
        });
        assertThat(registry.get("cellwatch.ingest.dead.letter.records")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aFormatIsNotChosenFromTooFewLinesWhileTheFileIsStillGrowing() throws Exception {
        // A Neware BTSDA export's first line alone reads like a cycle summary's header.
        Path file = dir.resolve("nw.csv");
        append(
                file,
                "Cycle Index,Chg. Cap.(Ah),DChg. Cap.(Ah),Chg.-DChg. Eff(%),Chg. Energy(Wh),DChg. Energy(Wh),"
                        + "Chg. Time,DChg. Time\n");
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(settings(file).withDetectAfter(Duration.ofHours(1)), out);
        drain(follower);
        assertThat(out.deliveries).isZero();

        append(
                file,
                ",Step Index,Step Number,Step Type,Step Time,Capacity(Ah),Energy(Wh)\n"
                        + ",,DataPoint,Time,Total Time,Current(A),Voltage(V),Capacity(Ah),Energy(Wh),Date\n"
                        + "1,0.1,0.1,100.0,0.4,0.4,00:10:00,00:10:00\n"
                        + ",1,1,CC Chg,00:10:00,0.1,0.4\n");
        for (int i = 1; i <= 20; i++) {
            append(
                    file,
                    String.format(
                            Locale.ROOT,
                            ",,%d,00:00:%02d,00:00:%02d,0.5,%.2f,%.4f,%.4f,2026-03-06 12:37:%02d%n",
                            i,
                            i,
                            i,
                            3.9 + i * 0.01,
                            i * 0.005,
                            i * 0.02,
                            i));
        }
        drain(follower);
        assertThat(out.samples).hasSize(20);
        assertThat(out.deadLetters).isEmpty();
        assertThat(out.positions.get(file.toString()).format()).isEqualTo("neware-btsda");
        assertThat(out.samples.get(19).chargeCapacityAh()).isEqualTo(0.1);
    }

    @Test
    void aRestartKeepsTheFilesOwnMetadataAndDoesNotReplaceItWithTheCatalogs() throws Exception {
        // Found by `cellwatch chaos`: after a restart the re-read header's metadata was dropped, and the first new
        // row described the channel with the catalog's defaults (a full cell), replacing the file's on the
        // compacted channels topic: a symmetric cell was judged as a full cell from then on.
        ChannelInfo symmetric = new ChannelInfo(
                ChannelInfo.SCHEMA_VERSION,
                "li-li-03",
                CellType.SYMMETRIC,
                "Li|LLZO|Li",
                0.785,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
        Path file = dir.resolve("li-li-03.csv");
        StringWriter text = new StringWriter();
        try (SimCsvWriter writer = new SimCsvWriter(text, symmetric)) {
            for (int i = 1; i <= 40; i++) {
                writer.write(new Sample(
                        Sample.SCHEMA_VERSION,
                        "li-li-03",
                        i,
                        1_736_150_400_000L + i * 30_000L,
                        i * 30.0,
                        1 + i / 20,
                        1,
                        i % 20 < 10 ? StepType.CHARGE : StepType.DISCHARGE,
                        0.08,
                        i % 20 < 10 ? 1e-4 : -1e-4,
                        null,
                        null,
                        null,
                        null,
                        25.0,
                        null));
            }
        }
        String[] lines = text.toString().split("(?<=\n)");
        append(file, String.join("", java.util.Arrays.copyOfRange(lines, 0, 25)));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        drain(started(settings(file), out));
        append(file, String.join("", java.util.Arrays.copyOfRange(lines, 25, lines.length)));
        drain(started(settings(file), out)); // a new run on the committed positions

        assertThat(dataPoints(out)).hasSize(40).doesNotHaveDuplicates();
        assertThat(out.channels).as("the channel's metadata as published").containsOnly(symmetric);
    }

    @Test
    void channelMetadataFromTheCatalogIsPublishedBeforeTheFirstSample() throws Exception {
        Path file = dir.resolve("si-07.csv");
        append(file, ARBIN_HEADER + arbinRows(1, 2));
        ChannelCatalog catalog = new ChannelCatalog(
                List.of(),
                new ChannelOverrides(CellType.HALF, null, 1.13, null, null, null, null, null),
                ZoneOffset.UTC);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = new FileFollower(
                FollowSettings.of(List.of(file), catalog).withDetectAfter(Duration.ZERO), out, registry);
        follower.start();
        drain(follower);
        assertThat(out.channels).singleElement().satisfies(c -> {
            assertThat(c.channelId()).isEqualTo("si-07");
            assertThat(c.cellType()).isEqualTo(CellType.HALF);
            assertThat(c.electrodeAreaCm2()).isEqualTo(1.13);
        });
    }
}
