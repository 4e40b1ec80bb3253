package io.cellwatch.ingest.format.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.ingest.format.generic.GenericCsvFormat;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workbooks as cycler software exports them, built with a spreadsheet writer: the data sheet reads as the
 * same rows saved as CSV, its wall clock from Excel's date numbers, its durations from time formats,
 * continuation sheets carry on, a workbook of cycles alone reads as cycles, and what cannot be read is
 * said with the file and the sheets named.
 */
class XlsxFormatTest {
    private static final String ARBIN_HEADER = Workbooks.ARBIN_HEADER;

    @TempDir
    Path dir;

    private Path workbook(String name, Workbooks.Sheets sheets) throws IOException {
        return Workbooks.write(dir.resolve(name), sheets);
    }

    private Path arbinWorkbook(String name, int points) throws IOException {
        return Workbooks.arbin(dir.resolve(name), points);
    }

    private static Object[] arbinRow(int k) {
        return Workbooks.arbinRow(k);
    }

    private static void header(Worksheet ws, int row, String header) {
        Workbooks.header(ws, row, header);
    }

    private static void values(Worksheet ws, int row, Object[] values) {
        Workbooks.values(ws, row, values);
    }

    @Test
    void anArbinWorkbookIsDetectedAndItsChannelSheetReadsAsTheSameRowsSavedAsCsv() throws IOException {
        Path xlsx = arbinWorkbook("arbin.xlsx", 6);
        assertThat(CyclerFormats.detect(xlsx).name()).isEqualTo(XlsxFormat.NAME);
        Collected fromWorkbook = Collected.read(new XlsxFormat(), xlsx);

        StringBuilder csv = new StringBuilder(ARBIN_HEADER).append('\n');
        for (int k = 1; k <= 6; k++) {
            Object[] row = arbinRow(k);
            row[2] = String.format("%1$tm/%1$td/%1$tY %1$tH:%1$tM:%1$tS", (LocalDateTime) row[2]);
            csv.append(String.join(",", Arrays.stream(row).map(String::valueOf).toList()))
                    .append('\n');
        }
        Path saved = Files.writeString(dir.resolve("arbin.csv"), csv);
        Collected fromCsv = Collected.read(CyclerFormats.detect(saved), saved);

        assertThat(fromWorkbook.errors).isEmpty();
        assertThat(fromWorkbook.samples).hasSize(6);
        assertThat(fromWorkbook.samples)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("channelId")
                .containsExactlyElementsOf(fromCsv.samples);
        assertThat(fromWorkbook.samples.get(0).wallTimeMs())
                .as("Excel's date number, read as a local stamp")
                .isEqualTo(java.time.Instant.parse("2021-08-12T23:59:00Z").toEpochMilli());
        assertThat(fromWorkbook.samples.get(0).channelId()).isEqualTo("arbin");
    }

    @Test
    void aSheetThatContinuesTheDataSheetCarriesOnAndItsBadRowIsNamedByTheCountedLine() throws IOException {
        Path xlsx = workbook("long.xlsx", wb -> {
            Workbooks.channelSheet(wb, "Channel_1-006", 0, 1, 3);
            Worksheet second = wb.newWorksheet("Channel_1-006_1");
            header(second, 0, ARBIN_HEADER);
            values(second, 1, arbinRow(4));
            Object[] bad = arbinRow(5);
            bad[5] = "5OO";
            values(second, 2, bad);
            values(second, 3, arbinRow(6));
        });
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 6L);
        assertThat(read.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .as("row 3 of the second sheet is line 6 of the table")
                        .isEqualTo(xlsx + ":6: field 'Current(A)': not a number: '5OO'"));
    }

    @Test
    void aRowLongerThanATextFilesLineIsRefusedAfterTheRowsBeforeIt() throws IOException {
        // Point 25's row (line 26) with 300 more cells of 4,000 characters: 1.2 million characters as CSV.
        Path xlsx = workbook("long-row.xlsx", wb -> {
            Worksheet channel = Workbooks.channelSheet(wb, "Channel_1-006", 0, 1, 30);
            String text = "x".repeat(4_000);
            for (int c = 9; c < 309; c++) {
                channel.value(25, c, text);
            }
        });
        Collected read = new Collected();
        assertThatThrownBy(() -> new XlsxFormat().read(SourceFile.of(xlsx), read))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(xlsx + ":26: a row of more than 1048576 characters as CSV");
        assertThat(read.samples).hasSize(24);
    }

    @Test
    void aWorkbookOfCyclesAloneReadsAsCycleSummaries() throws IOException {
        Path xlsx = workbook("stats.xlsx", wb -> {
            Worksheet statistics = wb.newWorksheet("Statistics_1-006");
            header(statistics, 0, "Cycle_Index,Charge_Capacity(Ah),Discharge_Capacity(Ah)");
            values(statistics, 1, new Object[] {1, 0.025, 0.0249});
            values(statistics, 2, new Object[] {2, 0.0251, 0.0248});
        });
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        assertThat(read.samples).isEmpty();
        assertThat(read.cycles).hasSize(2);
        assertThat(read.cycles.get(1).dischargeAh()).isEqualTo(0.0248, within(1e-12));
    }

    /**
     * BTS 7.x's Excel export: an information sheet, the cycles, the steps' statistics (which name a status,
     * a capacity and both times too, but no record), then the records' Detail sheet, which is the one read.
     */
    @Test
    void aNewareBts7WorkbookIsReadFromItsDetailSheet() throws IOException {
        Path xlsx = workbook("bts7.xlsx", wb -> {
            values(wb.newWorksheet("Info"), 0, new Object[] {"Start Time", "2017-04-04 14:16:13"});
            Worksheet cycles = wb.newWorksheet("Cycle_67_1_1");
            header(
                    cycles,
                    0,
                    "Channel,ToTal of Cycle,Capacity of charge(mAh),Capacity of discharge(mAh),Cycle Life(%)");
            values(cycles, 1, new Object[] {1, 1, 8.3333, 8.3, 100});
            Worksheet steps = wb.newWorksheet("Statis_67_1_1");
            header(
                    steps,
                    0,
                    "Channel,CyCle,Step,Raw Step ID,Status,Step Voltage(V),End Voltage(V),Start Current(mA),"
                            + "End Current(mA),CapaCity(mAh),Endure Time(h:min:s.ms),Relative Time(h:min:s.ms),Absolute Time");
            values(steps, 1, new Object[] {
                1, 1, 2, 2, "CC_Chg", 3.6, 4.2, 500, 500, 8.3333, "0:01:00.000", "0:01:00.000", "2017-04-04 14:17:13"
            });
            Worksheet detail = wb.newWorksheet("Detail_67_1_1");
            header(
                    detail,
                    0,
                    "Record Index,Status,JumpTo,Cycle,Step,Cur(mA),Voltage(V),CapaCity(mAh),Energy(mWh),"
                            + "Relative Time(h:min:s.ms),Absolute Time");
            values(detail, 1, new Object[] {
                1, "CC_Chg", 1, 1, 2, 500.0, 3.6, 0.0, 0.0, "0:00:00.000", "2017-04-04 14:17:13"
            });
            values(detail, 2, new Object[] {
                2, "CC_Chg", 1, 1, 2, 500.0, 4.2, 8.3333, 30.2, "0:01:00.000", "2017-04-04 14:18:13"
            });
        });
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L);
        assertThat(read.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0);
        assertThat(read.samples.get(1).chargeCapacityAh()).isEqualTo(8.3333e-3, within(1e-12));
    }

    @Test
    void aChineseNewareRecordSheetWithTimeFormattedDurationsReadsItsTestTime() throws IOException {
        Path xlsx = workbook("记录.xlsx", wb -> {
            Worksheet record = wb.newWorksheet("记录层");
            header(record, 0, "数据序号,循环号,工步号,工步类型,总时间,电流(mA),电压(V),容量(mAh)");
            Object[][] rows = {
                {1, 1, 1, "恒流充电", 0.0, 1.5, 3.40, 0.0},
                {2, 1, 1, "恒流充电", 90.5 / 86_400, 1.5, 3.45, 0.0375},
                {3, 1, 2, "恒流放电", 90_000.0 / 86_400, -1.5, 3.30, 0.0}
            };
            for (int r = 0; r < rows.length; r++) {
                values(record, r + 1, rows[r]);
                record.style(r + 1, 4).format("[h]:mm:ss.000").set();
            }
        });
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples)
                .extracting(Sample::testTimeS)
                .as("a time format is a duration, hours past 24 included")
                .containsExactly(0.0, 90.5, 90_000.0);
        assertThat(read.samples.get(1).chargeCapacityAh()).isEqualTo(37.5e-6, within(1e-12));
    }

    @Test
    void aWorkbookWithNoSheetAFormatKnowsIsRefusedNamingItsSheets() throws IOException {
        Path xlsx = workbook("notes.xlsx", wb -> {
            Worksheet notes = wb.newWorksheet("Notes");
            notes.value(0, 0, "cell");
            notes.value(0, 1, "comment");
            notes.value(1, 0, "A7");
        });
        assertThat(CyclerFormats.detect(xlsx).name()).isEqualTo(XlsxFormat.NAME);
        assertThatThrownBy(() -> Collected.read(new XlsxFormat(), xlsx))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(xlsx.toString())
                .hasMessageContaining("no sheet of this workbook is in a format cellwatch reads")
                .hasMessageContaining("'Notes' (first row: cell,comment)");
    }

    @Test
    void aWorkbookCutShortIsIncompleteAsAFollowerWaitsForOne() throws IOException {
        Path whole = arbinWorkbook("whole.xlsx", 6);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> new XlsxFormat().read(SourceFile.of(cut), new Collected()))
                .isInstanceOf(BinaryFileIncompleteException.class)
                .hasMessageContaining(cut.toString());
    }

    @Test
    void aFollowerReadsAWorkbookInBudgetsOnceAndResumesAfterADeliveredPoint() throws IOException {
        Path xlsx = arbinWorkbook("follow.xlsx", 6);
        Collected first = new Collected();
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            assertThat(rows.readNew(first, 4)).isEqualTo(4);
            assertThat(rows.readNew(first, 4)).isEqualTo(2);
            assertThat(rows.readNew(first, 4))
                    .as("read once: an export does not grow")
                    .isZero();
        }
        assertThat(first.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        Collected resumed = new Collected();
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            rows.resumeAfter(4);
            rows.readNew(resumed);
        }
        assertThat(resumed.samples).extracting(Sample::dataPoint).containsExactly(5L, 6L);
    }

    @Test
    void numberFormatsTellDatesDurationsAndNumbersApart() {
        assertThat(SheetLines.kind(14, "m/d/yyyy", 44321.5)).isEqualTo(SheetLines.Kind.DATE);
        assertThat(SheetLines.kind(46, "[h]:mm:ss", 1.5)).isEqualTo(SheetLines.Kind.DURATION);
        assertThat(SheetLines.kind(21, "h:mm:ss", 0.25)).isEqualTo(SheetLines.Kind.DURATION);
        assertThat(SheetLines.kind(21, "h:mm:ss", 44321.65))
                .as("a wall clock shown as its time of day")
                .isEqualTo(SheetLines.Kind.DATE);
        assertThat(SheetLines.kind(21, "h:mm:ss", 1.25))
                .as("a step of 30 h shown as a time of day is still a step")
                .isEqualTo(SheetLines.Kind.DURATION);
        assertThat(SheetLines.kind(47, "mm:ss.0", 0.001)).isEqualTo(SheetLines.Kind.DURATION);
        assertThat(SheetLines.kind(31, null, 44321.0))
                .as("a Chinese PC's yyyy年m月d日")
                .isEqualTo(SheetLines.Kind.DATE);
        assertThat(SheetLines.kind(169, "#,##0.000", 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.kind(170, "0.00E+00", 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.kind(49, "@", 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.kind(164, "yyyy-mm-dd hh:mm:ss.000", 44321.5)).isEqualTo(SheetLines.Kind.DATE);
        assertThat(SheetLines.kind(165, "[h]:mm:ss.000", 2.5)).isEqualTo(SheetLines.Kind.DURATION);
        assertThat(SheetLines.kind(166, "hh:mm:ss", 44321.65)).isEqualTo(SheetLines.Kind.DATE);
        assertThat(SheetLines.kind(167, "0.0000\" mAh\"", 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.kind(168, "[Red]0.00;[Blue]-0.00", 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.kind(0, "General", 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.kind(null, null, 3.3)).isEqualTo(SheetLines.Kind.NUMBER);
        assertThat(SheetLines.duration(90_000.25)).isEqualTo("25:00:00.250");
        assertThat(SheetLines.duration(-3723))
                .as("negative: seconds, sign kept")
                .isEqualTo("-3723.000");
    }

    @Test
    void textCellsWithCommasAndQuotesStayInTheirColumn() throws IOException {
        Path xlsx = workbook("remarks.xlsx", wb -> {
            Worksheet channel = wb.newWorksheet("Channel_1-006");
            header(channel, 0, ARBIN_HEADER + ",Comment");
            for (int k = 1; k <= 3; k++) {
                values(channel, k, arbinRow(k));
                channel.value(k, 9, "cell \"A7\", lot 3\nre-crimped");
            }
        });
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples)
                .extracting(Sample::voltageV)
                .as("the column after the comment's commas is not taken for the voltage")
                .containsExactly((double) arbinRow(1)[6], (double) arbinRow(2)[6], (double) arbinRow(3)[6]);
    }

    @Test
    void aFormulaCellReadsAsItsCachedValueOfTheTypeExcelSavedItAs() throws IOException {
        Path plain = workbook("formulas.xlsx", wb -> header(wb.newWorksheet("Data"), 0, "Flag,Lot,Sum,Check"));
        // The library writes formulas without a cached value, which Excel always saves: the row is written in.
        Path xlsx = withPartEdited(plain, "xl/worksheets/sheet1.xml", xml -> {
            String row = "<row r=\"2\">"
                    + "<c r=\"A2\" t=\"b\"><f>TRUE()</f><v>1</v></c>"
                    + "<c r=\"B2\" t=\"str\"><f>\"007\"</f><v>007</v></c>"
                    + "<c r=\"C2\"><f>1+1</f><v>2</v></c>"
                    + "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
                    + "</row>";
            assertThat(xml).contains("</sheetData>");
            return xml.replace("</sheetData>", row + "</sheetData>");
        });
        try (OpenWorkbook workbook = XlsxWorkbook.open(xlsx);
                Stream<String> lines = workbook.sheets().get(0).lines()) {
            assertThat(lines.toList())
                    .as(
                            "a flag reads TRUE, and text that looks like a number keeps its zeros, as in the CSV Excel saves")
                    .containsExactly("Flag,Lot,Sum,Check", "TRUE,007,2,#DIV/0!");
        }
    }

    @Test
    void aWorkbookExportedAgainOverItselfIsReadOnAfterWhatWasHandedOver() throws IOException {
        Path xlsx = arbinWorkbook("again.xlsx", 4);
        Collected out = new Collected();
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            assertThat(rows.readNew(out)).isEqualTo(4);
            assertThat(rows.readNew(out)).as("unchanged: nothing new").isZero();

            Files.copy(arbinWorkbook("longer.xlsx", 7), xlsx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(rows.readNew(out)).isEqualTo(3);
            assertThat(rows.readNew(out)).isZero();
        }
        assertThat(out.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aResumedSourceSkipsTheDeadLettersAmongTheRowsHandedOverAndHandsThoseAfterThemAgain() throws IOException {
        Path xlsx = workbook("bad-rows.xlsx", wb -> {
            Worksheet channel = wb.newWorksheet("Channel_1-006");
            header(channel, 0, ARBIN_HEADER);
            for (int k = 1; k <= 6; k++) {
                Object[] row = arbinRow(k);
                if (k == 2 || k == 5) {
                    row[5] = "5OO";
                }
                values(channel, k, row);
            }
        });
        Collected resumed = new Collected();
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            rows.resumeAfter(4); // points 1, 3 and 4 and the dead letter of row 2 were handed over before
            rows.readNew(resumed);
        }
        assertThat(resumed.samples).extracting(Sample::dataPoint).containsExactly(6L);
        assertThat(resumed.errors)
                .as("row 5's dead letter came after the last row handed over: handed again, for the follower to skip")
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(6));

        Collected fromThree = new Collected();
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            rows.resumeAfter(3);
            rows.readNew(fromThree);
        }
        assertThat(fromThree.samples).extracting(Sample::dataPoint).containsExactly(4L, 6L);
        assertThat(fromThree.errors).extracting(e -> e.line()).containsExactly(6L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true"})
    void aWorkbookInThe1904DateSystemReadsItsDatesFrom1904(String mark) throws IOException {
        Path xlsx = with1904Mark(arbinWorkbook("mac-" + mark + ".xlsx", 2), mark);
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        // The cell holds the number Excel's 1900 system gives 2021-08-12 23:59; from 1904 that number is four
        // years and a day later, as a workbook saved on an old Mac shows it.
        assertThat(read.errors).isEmpty();
        assertThat(read.samples.get(0).wallTimeMs())
                .as("date1904=\"%s\"", mark)
                .isEqualTo(java.time.Instant.parse("2025-08-13T23:59:00Z").toEpochMilli());
    }

    /** The workbook with {@code date1904="mark"} on its {@code xl/workbook.xml}'s {@code workbookPr}. */
    private Path with1904Mark(Path xlsx, String mark) throws IOException {
        return withPartEdited(xlsx, "xl/workbook.xml", xml -> {
            // The library writes date1904="false"; one without the attribute gets it.
            String marked = xml.contains("date1904=\"false\"")
                    ? xml.replace("date1904=\"false\"", "date1904=\"" + mark + "\"")
                    : xml.replace("<workbookPr", "<workbookPr date1904=\"" + mark + "\"");
            assertThat(marked).contains("date1904=\"" + mark + "\"");
            return marked;
        });
    }

    /** A copy of the workbook with one of its parts (an XML entry of the ZIP) edited. */
    private Path withPartEdited(Path xlsx, String part, UnaryOperator<String> edit) throws IOException {
        Path edited = dir.resolve("edited-" + xlsx.getFileName());
        try (ZipFile in = new ZipFile(xlsx.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(edited))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(part)) {
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return edited;
    }

    @Test
    void sheetsNumberedAsSequelsAreKnown() {
        assertThat(WorkbookRowSource.sequelOf("Record", "Record1")).isTrue();
        assertThat(WorkbookRowSource.sequelOf("Record", "Record_12")).isTrue();
        assertThat(WorkbookRowSource.sequelOf("Record", "Record (2)")).isTrue();
        assertThat(WorkbookRowSource.sequelOf("Record", "Record")).isFalse();
        assertThat(WorkbookRowSource.sequelOf("Record", "RecordCycle")).isFalse();
        assertThat(WorkbookRowSource.sequelOf("Channel_1-006", "Statistics_1-006"))
                .isFalse();
    }

    @Test
    void aTextFormatForcedOnAWorkbookReadsTheFirstSheetInThatFormat() throws IOException {
        Path xlsx = arbinWorkbook("forced.xlsx", 2);
        CyclerFormat forced = CyclerFormats.forced(CyclerFormats.byName("arbin"), xlsx);
        assertThat(forced.name()).isEqualTo("xlsx/arbin");
        Collected read = Collected.read(forced, xlsx);
        assertThat(read.errors).isEmpty();
        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L);

        assertThatThrownBy(() -> Collected.read(CyclerFormats.forced(CyclerFormats.byName("maccor"), xlsx), xlsx))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(xlsx + ":")
                .hasMessageContaining("no sheet of this workbook reads as --format maccor (sheets: 'Global_Info'")
                .hasMessageContaining("The first refused:");
        Path csv = Files.writeString(dir.resolve("plain.csv"), ARBIN_HEADER + "\n");
        assertThat(CyclerFormats.forced(CyclerFormats.byName("arbin"), csv).name())
                .isEqualTo("arbin");
    }

    @Test
    void aGenericMappingReadsAWorkbookSheetNoFormatKnows() throws IOException {
        // A lab's own template: a title row, then its own column names; no cycler format recognises it.
        Path xlsx = workbook("lab-template.xlsx", wb -> {
            Worksheet cover = wb.newWorksheet("Cover");
            cover.value(0, 0, "Project Li-In, batch 7");
            Worksheet data = wb.newWorksheet("Data");
            data.value(0, 0, "Cell 12, 25 degC");
            header(data, 1, "t [s],U [V],I [mA],Cycle");
            values(data, 2, new Object[] {0, 3.40, 0.0, 1});
            values(data, 3, new Object[] {60, 3.61, 1.5, 1});
            values(data, 4, new Object[] {120, 3.52, -1.5, 1});
        });
        assertThatThrownBy(() -> Collected.read(new XlsxFormat(), xlsx))
                .as("detection knows no sheet of it")
                .hasMessageContaining("no sheet of this workbook is in a format cellwatch reads");
        // The mapping names a semicolon for the lab's CSV files; a workbook's rows come as commas all the same.
        GenericCsvFormat generic =
                new GenericCsvFormat(ColumnMapping.read(Files.writeString(dir.resolve("m.yaml"), """
                headerLine: 2
                delimiter: ";"
                columns:
                  testTime: t [s]
                  voltage: U [V]
                  current: {name: "I [mA]", unit: mA}
                  cycle: Cycle
                """)));
        Collected read = Collected.read(CyclerFormats.forced(generic, xlsx), xlsx);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0, 120.0);
        assertThat(read.samples.get(1).currentA()).isCloseTo(0.0015, within(1e-12));
        assertThat(read.samples.get(2).voltageV()).isEqualTo(3.52);
    }

    @Test
    void aContinuationSheetRepeatsEveryRowDownToTheHeaderNotOnlyTheTitle() throws IOException {
        Path xlsx = workbook("template-sheets.xlsx", wb -> {
            Worksheet data = wb.newWorksheet("Data");
            data.value(0, 0, "Cell 12, 25 degC");
            header(data, 1, "t [s],U [V],I [mA]");
            values(data, 2, new Object[] {0, 3.40, 1.5});
            values(data, 3, new Object[] {60, 3.61, 1.5});
            Worksheet more = wb.newWorksheet("Data (2)"); // the template's title and header again, more rows
            more.value(0, 0, "Cell 12, 25 degC");
            header(more, 1, "t [s],U [V],I [mA]");
            values(more, 2, new Object[] {120, 3.62, 1.5});
            Worksheet summary = wb.newWorksheet("Summary"); // the same title, another table
            summary.value(0, 0, "Cell 12, 25 degC");
            header(summary, 1, "Cycle,Q_ch,Q_dis");
            values(summary, 2, new Object[] {1, 0.5, 0.49});
        });
        GenericCsvFormat generic =
                new GenericCsvFormat(ColumnMapping.read(Files.writeString(dir.resolve("t.yaml"), """
                headerLine: 2
                columns:
                  testTime: t [s]
                  voltage: U [V]
                  current: {name: "I [mA]", unit: mA}
                """)));
        Collected read = Collected.read(CyclerFormats.forced(generic, xlsx), xlsx);

        assertThat(read.errors)
                .as("no summary row read as a sample, no header as a row")
                .isEmpty();
        assertThat(read.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0, 120.0);
    }

    @Test
    void aFollowerRefusesAWorkbookOfCyclesAloneWhichReplayReads() throws IOException {
        Path xlsx = workbook("stats-only.xlsx", wb -> {
            Worksheet statistics = wb.newWorksheet("Statistics_1-006");
            header(statistics, 0, "Cycle_Index,Charge_Capacity(Ah),Discharge_Capacity(Ah)");
            values(statistics, 1, new Object[] {1, 0.025, 0.0249});
        });
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            assertThatThrownBy(() -> rows.readNew(new Collected()))
                    .isInstanceOf(io.cellwatch.ingest.format.binary.NotCyclingDataException.class)
                    .hasMessageContaining("read it with replay");
        }
        assertThat(Collected.read(new XlsxFormat(), xlsx).cycles).hasSize(1);
    }

    @Test
    void aWordFileIsNotTakenForAWorkbookButAWorkbookUnderAnotherNameIs() throws IOException {
        Path workbook = Files.copy(arbinWorkbook("a.xlsx", 2), dir.resolve("export.bin"));
        byte[] head = Arrays.copyOf(Files.readAllBytes(workbook), 64);
        byte[] word = head.clone();
        byte[] contentTypes = "[Content_Types].xml".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        word[26] = (byte) contentTypes.length;
        word[27] = 0;
        System.arraycopy(contentTypes, 0, word, 30, contentTypes.length);

        assertThat(new XlsxFormat().recognisesBytes(dir.resolve("notes.docx"), word))
                .isFalse();
        assertThat(new XlsxFormat().recognisesBytes(dir.resolve("notes.xlsx"), word))
                .isTrue();

        byte[] workbookPartFirst = head.clone();
        byte[] part = "xl/workbook.xml".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        workbookPartFirst[26] = (byte) part.length;
        workbookPartFirst[27] = 0;
        System.arraycopy(part, 0, workbookPartFirst, 30, part.length);
        assertThat(new XlsxFormat().recognisesBytes(workbook, workbookPartFirst))
                .as("a workbook under another name, its workbook part first")
                .isTrue();
    }

    @Test
    void aWorkbookOfUnreadableRowsReadAgainAfterAChangeHandsOnlyItsNewDeadLetters() throws IOException {
        Path xlsx = dir.resolve("unreadable.xlsx");
        Workbooks.Sheets[] exports = new Workbooks.Sheets[2];
        for (int n = 0; n < 2; n++) {
            int rows = 3 + n;
            exports[n] = wb -> {
                Worksheet channel = wb.newWorksheet("Channel_1-006");
                header(channel, 0, ARBIN_HEADER);
                for (int k = 1; k <= rows; k++) {
                    Object[] row = arbinRow(k);
                    row[6] = "5OO";
                    values(channel, k, row);
                }
            };
        }
        Workbooks.write(xlsx, exports[0]);
        Collected out = new Collected();
        try (WorkbookRowSource rows = new XlsxFormat().openBinary(SourceFile.of(xlsx))) {
            rows.readNew(out);
            assertThat(out.errors).hasSize(3);
            Path longer = Workbooks.write(dir.resolve("longer-unreadable.xlsx"), exports[1]);
            Files.copy(longer, xlsx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            rows.readNew(out);
        }
        assertThat(out.errors).extracting(e -> e.line()).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void aContinuationSheetWhoseHeaderIsOnItsSecondRowIsContinuedWithoutIt() throws IOException {
        Path xlsx = workbook("gap.xlsx", wb -> {
            Workbooks.channelSheet(wb, "Channel_1-006", 0, 1, 2);
            Workbooks.channelSheet(wb, "Channel_1-006_1", 1, 3, 3); // row 1 left out of the sheet
        });
        Collected read = Collected.read(new XlsxFormat(), xlsx);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L);
    }
}
