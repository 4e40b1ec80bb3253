package io.cellwatch.ingest.follow;

import static io.cellwatch.ingest.follow.Following.dataPoints;
import static io.cellwatch.ingest.follow.Following.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.ingest.format.xlsx.Workbooks;
import io.cellwatch.ingest.format.xlsx.XlsWorkbooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ingest --follow} on a folder where cycler software saves Excel exports: a workbook still being
 * written is waited for, a complete one is delivered once, a restart delivers nothing again, and one
 * saved again (to a temporary file renamed over it) is read on after the rows delivered.
 */
class XlsxFollowTest {
    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Following {@code lab}, files detected, a file still being written waited for while it changes. */
    private static FollowSettings settings(Path lab, Duration detectAfter) {
        return FollowSettings.of(List.of(lab), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withDetectAfter(detectAfter);
    }

    private FileFollower started(Path lab, InMemoryFollowOutput out) throws Exception {
        return started(settings(lab, Duration.ofHours(1)), out);
    }

    private FileFollower started(FollowSettings settings, InMemoryFollowOutput out) throws Exception {
        FileFollower follower = new FileFollower(settings, out, registry);
        follower.start();
        return follower;
    }

    /**
     * Half a workbook, as Excel has written it halfway through saving: an {@code .xlsx} without its ZIP end record
     * is incomplete, an {@code .xls} cut short is refused by its reader; neither is a dead letter, and both are
     * tried again as the file changes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aWorkbookBeingSavedIsWaitedForThenDeliveredOnceAndNotAgainAfterARestart(String kind) throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        byte[] whole = Files.readAllBytes(arbinWorkbook(kind, dir.resolve("made." + kind)));
        Path export = lab.resolve("cell-7." + kind);
        Files.write(export, Arrays.copyOf(whole, whole.length / 2));

        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);
        assertThat(out.samples).isEmpty();
        assertThat(out.deadLetters).isEmpty();

        Files.write(export, whole);
        drain(follower);
        drain(follower);
        follower.close();
        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(out.samples.get(0).channelId()).isEqualTo("cell-7");

        FileFollower restarted = started(lab, out);
        drain(restarted);
        restarted.close();
        assertThat(dataPoints(out)).as("nothing delivered twice").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void aWorkbookSavedAgainAsExcelSavesIsReadOnAfterItsLastRow() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("saved-again"));
        Path export = lab.resolve("cell-8.xlsx");
        Workbooks.arbin(export, 6);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);

        // Excel saves to a temporary file and renames it over the workbook: another file key at the path.
        savedAgain(export, 9);
        drain(follower);
        drain(follower);
        follower.close();
        assertThat(dataPoints(out)).as("every row once").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

        savedAgain(export, 11); // and while the follower is down
        FileFollower restarted = started(lab, out);
        drain(restarted);
        restarted.close();
        assertThat(dataPoints(out))
                .as("every row once after a restart")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(out.deadLetters).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aTextFormatForcedOnAFolderReadsAWorkbookInItsSheet(String kind) throws Exception {
        Path lab = Files.createDirectories(dir.resolve("forced"));
        Path workbook = arbinWorkbook(kind, lab.resolve("cell-9." + kind));
        Files.writeString(lab.resolve("cell-10.csv"), Following.ARBIN_HEADER + Following.arbinRows(1, 4, 3.5));
        FollowSettings settings = settings(lab, Duration.ofHours(1)).withFormat(CyclerFormats.byName("arbin"));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = new FileFollower(settings, out, registry);
        follower.start();
        drain(follower);
        drain(follower);
        follower.close();

        assertThat(out.samples.stream().filter(s -> s.channelId().equals("cell-10")))
                .as("the CSV export read as forced")
                .hasSize(4);
        assertThat(out.samples.stream().filter(s -> s.channelId().equals("cell-9")))
                .as("the workbook's data sheet read as forced, its ZIP bytes not read as text")
                .hasSize(6);
        assertThat(out.deadLetters).isEmpty();

        FileFollower restarted = new FileFollower(settings, out, registry);
        restarted.start();
        drain(restarted);
        restarted.close();
        assertThat(out.samples).as("nothing again after a restart").hasSize(10);
        assertThat(out.positions.get(workbook.toString()).format())
                .as("the position keeps the format the sheet was read in")
                .isEqualTo(kind + "/arbin");

        // Restarted without --format: the workbook is read on in the format its rows were delivered in.
        FollowSettings detecting = settings(lab, Duration.ofHours(1));
        FileFollower unforced = new FileFollower(detecting, out, registry);
        unforced.start();
        drain(unforced);
        unforced.close();
        assertThat(out.samples).as("nothing again without --format either").hasSize(10);
    }

    /**
     * A workbook copied into a folder read in a forced text format: its bytes are not read as text before they tell
     * what it is, whether the copy has its length before its bytes (zeros: Windows) or its first few bytes alone,
     * fewer than a signature (the start of a ZIP's or an OLE2 file's).
     */
    @ParameterizedTest
    @CsvSource({"xlsx, zeros", "xlsx, start", "xls, zeros", "xls, start"})
    void aWorkbookCopiedIntoAFolderWithAForcedTextFormatIsReadOnceItsBytesCome(String kind, String first)
            throws Exception {
        Path lab = Files.createDirectories(dir.resolve("copied"));
        byte[] whole = Files.readAllBytes(arbinWorkbook(kind, dir.resolve("made-copied." + kind)));
        Path copy = lab.resolve("cell-11." + kind);
        Files.write(copy, first.equals("zeros") ? new byte[whole.length] : Arrays.copyOf(whole, 3));
        FollowSettings settings = settings(lab, Duration.ZERO).withFormat(CyclerFormats.byName("arbin"));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        try (CapturedLog text = CapturedLog.of(TextRows.class)) {
            FileFollower follower = new FileFollower(settings, out, registry);
            follower.start();
            drain(follower);
            Files.write(copy, whole);
            drain(follower);
            drain(follower);
            follower.close();

            assertThat(text.lines())
                    .as("its first bytes not read as arbin text")
                    .isEmpty();
        }
        assertThat(dataPoints(out)).as("its data sheet, once its bytes came").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(out.deadLetters).isEmpty();
    }

    /** An Arbin export of 6 points as an {@code .xlsx} or an {@code .xls}. */
    private static Path arbinWorkbook(String kind, Path file) throws java.io.IOException {
        return kind.equals("xls") ? XlsWorkbooks.arbin(file, 6) : Workbooks.arbin(file, 6);
    }

    @Test
    void aWorkbookSavedOverWithOneItsFormatRefusesIsReportedNotWaitedOnForEver() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("refused-save"));
        Path export = lab.resolve("cell-12.xlsx");
        Workbooks.arbin(export, 6);
        FollowSettings settings = settings(lab, Duration.ZERO);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        try (CapturedLog binary = CapturedLog.of(BinaryRows.class)) {
            FileFollower follower = new FileFollower(settings, out, registry);
            follower.start();
            drain(follower);
            // Saved over with a workbook whose sheet no format knows: whole, unchanged, never a first row.
            Path notes = Workbooks.write(
                    dir.resolve("notes.tmp"), wb -> wb.newWorksheet("Notes").value(0, 0, "nothing but notes"));
            Files.move(notes, export, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (int poll = 0; poll < 4; poll++) {
                drain(follower);
            }
            follower.close();

            assertThat(binary.lines())
                    .as("taken for another file, whose refusal is reported")
                    .anySatisfy(line -> assertThat(line).contains("not the delivered test"))
                    .anySatisfy(line -> assertThat(line).contains("ERROR").contains("cannot be read as xlsx"));
        }
        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aWorkbookSavedInExcelsOrderWithAPollBeforeTheOldOneIsDeletedIsReadOnNotAgain() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("excel-order"));
        Path export = lab.resolve("cell-13.xlsx");
        Workbooks.arbin(export, 6);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = started(lab, out);
        drain(follower);

        // Excel: the old workbook renamed to a temporary name, the new one renamed in, a poll, then the old deleted.
        Path old = lab.resolve("CE1A2B3C");
        Files.move(export, old, StandardCopyOption.ATOMIC_MOVE);
        Path saved = Workbooks.arbin(dir.resolve("excel-saved.tmp"), 9);
        Files.move(saved, export, StandardCopyOption.ATOMIC_MOVE);
        drain(follower);
        Files.delete(old);
        drain(follower);
        drain(follower);
        follower.close();

        assertThat(dataPoints(out))
                .as("the old workbook's rows once, then the new one's from after them")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(out.samples).extracting(s -> s.channelId()).containsOnly("cell-13");
    }

    @Test
    void aWorkbookClosedAsIdleThenSavedAgainIsReadOnAfterItsLastRow() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("idle-saved-again"));
        Path export = lab.resolve("cell-14.xlsx");
        Workbooks.arbin(export, 6);
        FollowSettings settings = settings(lab, Duration.ofHours(1)).withCloseIdleAfter(Duration.ofHours(1));
        AtomicLong nanos = new AtomicLong();
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = new FileFollower(settings, out, registry, MovedFiles.ofThisSystem(), nanos::get);
        follower.start();
        drain(follower);
        nanos.addAndGet(Duration.ofHours(2).toNanos());
        follower.pollOnce();
        assertThat(registry.get("cellwatch.ingest.files.idle").gauge().value())
                .as("closed as idle")
                .isEqualTo(1);

        savedAgain(export, 8);
        drain(follower);
        drain(follower);
        follower.close();
        assertThat(dataPoints(out)).as("every row once").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void aWorkbookDeliveredThroughAMappingStopsARestartWithoutOneNamingItsFormat() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("mapped"));
        Workbooks.arbin(lab.resolve("cell-15.xlsx"), 6);
        Path mapping = Files.writeString(dir.resolve("arbin-columns.yaml"), """
                columns:
                  dataPoint: Data_Point
                  testTime: Test_Time(s)
                  cycle: Cycle_Index
                  step: Step_Index
                  current: Current(A)
                  voltage: Voltage(V)
                """);
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower mapped = started(
                settings(lab, Duration.ofHours(1))
                        .withFormat(CyclerFormats.byName("generic", ColumnMapping.read(mapping))),
                out);
        drain(mapped);
        mapped.close();
        assertThat(dataPoints(out)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(out.positions.get(lab.resolve("cell-15.xlsx").toString()).format())
                .isEqualTo("xlsx/generic");

        // Without --mapping this run cannot read the workbook on in the format it was delivered in: it says so at
        // start rather than reading it another way (every row again, or none).
        FileFollower unmapped = started(lab, out);
        assertThatThrownBy(() -> drain(unmapped))
                .isInstanceOf(TrackedFile.CannotContinue.class)
                .hasMessageContaining("delivered as format 'xlsx/generic', which this run cannot read")
                .hasMessageContaining("--mapping");
        unmapped.close();
        assertThat(out.samples).as("nothing again").hasSize(6);
    }

    private void savedAgain(Path export, int points) throws Exception {
        Path temporary = Workbooks.arbin(dir.resolve("saving.tmp"), points);
        Files.move(temporary, export, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
