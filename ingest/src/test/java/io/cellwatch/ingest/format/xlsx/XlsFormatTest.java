package io.cellwatch.ingest.format.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.model.Sample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.SharedFormulaRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.util.LittleEndian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Excel 97–2003 workbooks ({@code .xls}), built with Apache POI as cycler software writes them: detected by their
 * OLE2 signature and name, their sheets read exactly as the same export saved as {@code .xlsx} (the same sheet
 * choice, continuation sheets, dates, durations and forced formats), and what cannot be read refused naming the
 * file.
 */
class XlsFormatTest {
    @TempDir
    Path dir;

    @Test
    void anArbinXlsIsDetectedAndReadsAsTheSameSamplesAsItsXlsx() throws IOException {
        Path xls = XlsWorkbooks.arbin(dir.resolve("arbin.xls"), 6);
        Path xlsx = Workbooks.arbin(dir.resolve("arbin.xlsx"), 6);
        assertThat(CyclerFormats.detect(xls).name()).isEqualTo(XlsFormat.NAME);

        Collected fromXls = Collected.read(new XlsFormat(), xls);
        Collected fromXlsx = Collected.read(new XlsxFormat(), xlsx);

        assertThat(fromXls.errors).isEmpty();
        assertThat(fromXls.samples).hasSize(6);
        assertThat(fromXls.samples)
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(fromXlsx.samples);
        assertThat(fromXls.samples.get(0).wallTimeMs())
                .as("Excel's date number, read as a local stamp")
                .isEqualTo(Instant.parse("2021-08-12T23:59:00Z").toEpochMilli());
    }

    @Test
    void aChineseNewareRecordSheetWithTimeFormattedDurationsAndFormulasReadsItsTestTime() throws IOException {
        Path xls = XlsWorkbooks.write(dir.resolve("记录.xls"), wb -> {
            Sheet record = wb.createSheet("记录层");
            XlsWorkbooks.header(record, 0, "数据序号,循环号,工步号,工步类型,总时间,电流(mA),电压(V),容量(mAh)");
            Object[][] rows = {
                {1, 1, 1, "恒流充电", 0.0, 1.5, 3.40, 0.0},
                {2, 1, 1, "恒流充电", 90.5 / 86_400, 1.5, 3.45, 0.0375},
                {3, 1, 2, "恒流放电", 90_000.0 / 86_400, -1.5, 3.30, 0.0}
            };
            CellStyle elapsed = XlsWorkbooks.format(record, "[h]:mm:ss.000");
            for (int r = 0; r < rows.length; r++) {
                XlsWorkbooks.values(record, r + 1, rows[r]);
                record.getRow(r + 1).getCell(4).setCellStyle(elapsed);
            }
            // A column a lab computed in the sheet: its last computed value is what Excel saves as CSV.
            record.getRow(3).getCell(6).setCellFormula("3.3");
        });
        Collected read = Collected.read(new XlsFormat(), xls);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples)
                .extracting(Sample::testTimeS)
                .as("a time format is a duration, hours past 24 included")
                .containsExactly(0.0, 90.5, 90_000.0);
        assertThat(read.samples.get(2).voltageV()).isEqualTo(3.30);
    }

    @Test
    void aContinuationSheetCarriesOnAndItsBadRowIsNamedByTheCountedLine() throws IOException {
        // An .xls sheet ends at 65,536 rows: Arbin's export goes on in Channel_1-006_1 under the same header.
        Path xls = XlsWorkbooks.write(dir.resolve("long.xls"), wb -> {
            XlsWorkbooks.channelSheet(wb, "Channel_1-006", 0, 1, 3);
            Sheet second = XlsWorkbooks.channelSheet(wb, "Channel_1-006_1", 0, 4, 6);
            second.getRow(2).getCell(5).setCellValue("5OO");
        });
        Collected read = Collected.read(new XlsFormat(), xls);

        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 6L);
        assertThat(read.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .as("row 3 of the second sheet is line 6 of the table")
                        .isEqualTo(xls + ":6: field 'Current(A)': not a number: '5OO'"));
    }

    @Test
    void aWorkbookInThe1904DateSystemReadsItsDatesFrom1904() throws IOException {
        Path xls = XlsWorkbooks.arbin(dir.resolve("mac.xls"), 2);
        Path marked = dir.resolve("marked.xls");
        try (HSSFWorkbook wb = new HSSFWorkbook(Files.newInputStream(xls));
                OutputStream out = Files.newOutputStream(marked)) {
            ((DateWindow1904Record) wb.getInternalWorkbook().findFirstRecordBySid(DateWindow1904Record.sid))
                    .setWindowing((short) 1);
            wb.write(out);
        }
        Collected read = Collected.read(new XlsFormat(), marked);

        // The cell holds the number the 1900 system gives 2021-08-12 23:59; from 1904 it is four years and a day on.
        assertThat(read.errors).isEmpty();
        assertThat(read.samples.get(0).wallTimeMs())
                .isEqualTo(Instant.parse("2025-08-13T23:59:00Z").toEpochMilli());
    }

    @Test
    void aWorkbookCutShortIsRefusedNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(XlsWorkbooks.arbin(dir.resolve("whole.xls"), 6));
        Path cut = Files.write(dir.resolve("cut.xls"), Arrays.copyOf(whole, whole.length / 2));

        assertThat(CyclerFormats.detect(cut).name()).isEqualTo(XlsFormat.NAME);
        assertThatThrownBy(() -> new XlsFormat().read(SourceFile.of(cut), new Collected()))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(cut + ":")
                .hasMessageContaining("not an Excel 97-2003 workbook cellwatch can read");
    }

    @Test
    void anOle2FileThatIsNoWorkbookIsRefusedAndOneNamedOtherwiseIsNotClaimed() throws IOException {
        Path doc = dir.resolve("notes.doc");
        try (POIFSFileSystem compound = new POIFSFileSystem();
                OutputStream out = Files.newOutputStream(doc)) {
            compound.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "WordDocument");
            compound.writeFilesystem(out);
        }
        byte[] head = Files.readAllBytes(doc);
        assertThat(new XlsFormat().recognisesBytes(doc, head))
                .as("a Word document")
                .isFalse();

        Path named = Files.write(dir.resolve("notes.xls"), head);
        assertThat(new XlsFormat().recognisesBytes(named, head)).isTrue();
        assertThatThrownBy(() -> Collected.read(new XlsFormat(), named))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(named + ":")
                .hasMessageContaining("not an Excel 97-2003 workbook cellwatch can read");
    }

    @Test
    void aSheetsRecordsReadAsTheLinesOfTheSheetSavedAsCsv() throws IOException {
        Path xls = XlsWorkbooks.write(dir.resolve("cells.xls"), wb -> {
            wb.createSheet("Chart stand-in"); // an empty sheet first: the data sheet is found by its records' place
            Sheet sheet = wb.createSheet("Data");
            XlsWorkbooks.values(sheet, 0, new Object[] {"Record", "Date", "Step time", "Note", "Flag", "Check"});
            XlsWorkbooks.values(sheet, 1, new Object[] {1, LocalDateTime.of(2024, 3, 1, 8, 0, 5), 1.5 / 86_400});
            sheet.getRow(1).getCell(2).setCellStyle(XlsWorkbooks.format(sheet, "[h]:mm:ss.0"));
            Row formulas = sheet.createRow(2);
            formulas.createCell(0).setCellValue(2);
            // Formulas as Excel saves them: each with its last computed value, which is what a CSV holds.
            Cell text = formulas.createCell(3);
            text.setCellFormula("\"CC, Chg\"");
            text.setCellValue("CC, Chg");
            Cell flag = formulas.createCell(4);
            flag.setCellFormula("TRUE()");
            flag.setCellValue(true);
            Cell error = formulas.createCell(5);
            error.setCellFormula("1/0");
            error.setCellErrorValue(FormulaError.DIV0.getCode());
            sheet.createRow(3); // a formatted empty row
            Row sparse = sheet.createRow(4);
            sparse.createCell(0).setCellValue(1e-7);
            sparse.createCell(2).setCellValue(-0.0);
            sparse.createCell(4).setCellValue(0.1);
            sparse.createCell(5).setCellValue(1e20);
        });
        try (OpenWorkbook workbook = XlsWorkbook.open(xls);
                Stream<String> empty = workbook.sheets().get(0).lines();
                Stream<String> data = workbook.sheets().get(1).lines()) {
            assertThat(workbook.sheets())
                    .extracting(OpenWorkbook.SheetRows::name)
                    .containsExactly("Chart stand-in", "Data");
            assertThat(empty.toList()).isEmpty();
            assertThat(data.toList())
                    .containsExactly(
                            "Record,Date,Step time,Note,Flag,Check",
                            "1,2024-03-01 08:00:05.000,0:00:01.500",
                            "2,,,\"CC, Chg\",TRUE,#DIV/0!",
                            "",
                            "0.0000001,,0,,0.1,100000000000000000000");
        }
    }

    @Test
    void aCellPastTheColumnsOfAnXlsSheetIsRefusedNamingTheSheetRowAndLineAfterTheRowsBeforeIt() throws IOException {
        // Point 25 (line 26, Excel's row 26) moved to column 301, past IV: below the rows a format is chosen by.
        Path xls = widened(XlsWorkbooks.arbin(dir.resolve("wide.xls"), 30), 25);
        Collected read = new Collected();
        assertThatThrownBy(() -> new XlsFormat().read(SourceFile.of(xls), read))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(xls + ":26: sheet 'Channel_1-006', row 26: a cell in column 301, past the 256 columns"
                        + " an .xls sheet has");
        assertThat(read.samples)
                .extracting(Sample::dataPoint)
                .as("the rows before it")
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 24).boxed().toList());

        // Among the rows the sheet is chosen by: the workbook is refused naming the sheet and row, not read as
        // its Statistics sheet's cycles alone.
        Path early = widened(XlsWorkbooks.arbin(dir.resolve("wide-early.xls"), 3), 2);
        assertThatThrownBy(() -> Collected.read(new XlsFormat(), early))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(early + ": sheet 'Channel_1-006', row 3: a cell in column 301, past the 256 columns an"
                        + " .xls sheet has");
    }

    /** The workbook with the data point cell of {@code point} (row {@code point}, 0-based) moved to column 301. */
    private static Path widened(Path xls, int point) throws IOException {
        return withDataPointCell(xls, point, (stream, at) -> LittleEndian.putUShort(stream, at + 6, 300));
    }

    /** The workbook with the NUMBER record of data point {@code point}'s cell (column A) changed by {@code patch}. */
    private static Path withDataPointCell(Path xls, int point, java.util.function.ObjIntConsumer<byte[]> patch)
            throws IOException {
        patchWorkbookStream(xls, stream -> {
            for (int at = 0; at + 4 <= stream.length; ) {
                int sid = LittleEndian.getUShort(stream, at);
                int length = LittleEndian.getUShort(stream, at + 2);
                if (sid == NumberRecord.sid
                        && LittleEndian.getUShort(stream, at + 4) == point
                        && LittleEndian.getUShort(stream, at + 6) == 0
                        && LittleEndian.getDouble(stream, at + 10) == point) {
                    patch.accept(stream, at);
                    return;
                }
                at += 4 + length;
            }
            throw new AssertionError("no data point cell " + point);
        });
        return xls;
    }

    /**
     * Excel writes most numbers as RK records (30 bits) and a row's runs of them as MULRK; POI never does. The
     * NUMBER records of whole numbers are rewritten as those, each padded to its old length with an unknown
     * record so no offset moves: the samples read as before.
     */
    @Test
    void numbersWrittenAsExcelWritesThemReadAsTheSame() throws IOException {
        Path plain = XlsWorkbooks.arbin(dir.resolve("plain.xls"), 6);
        Path excel = Files.copy(plain, dir.resolve("rk.xls"));
        int[] rewritten = new int[2];
        patchWorkbookStream(excel, stream -> {
            for (int at = 0; at + 4 <= stream.length; ) {
                int length = LittleEndian.getUShort(stream, at + 2);
                int next = at + 4 + length;
                if (isWholeNumber(stream, at)
                        && isWholeNumber(stream, next)
                        && LittleEndian.getUShort(stream, at + 4) == LittleEndian.getUShort(stream, next + 4)
                        && LittleEndian.getUShort(stream, at + 6) + 1 == LittleEndian.getUShort(stream, next + 6)) {
                    // Two whole numbers side by side on a row (step and cycle index): one MULRK, 22 of 36 bytes.
                    int row = LittleEndian.getUShort(stream, at + 4);
                    int column = LittleEndian.getUShort(stream, at + 6);
                    int[] xf = {LittleEndian.getUShort(stream, at + 8), LittleEndian.getUShort(stream, next + 8)};
                    int[] rk = {
                        rk(LittleEndian.getDouble(stream, at + 10)), rk(LittleEndian.getDouble(stream, next + 10))
                    };
                    LittleEndian.putUShort(stream, at, 0x00BD);
                    LittleEndian.putUShort(stream, at + 2, 18);
                    LittleEndian.putUShort(stream, at + 4, row);
                    LittleEndian.putUShort(stream, at + 6, column);
                    for (int i = 0; i < 2; i++) {
                        LittleEndian.putUShort(stream, at + 8 + 6 * i, xf[i]);
                        LittleEndian.putInt(stream, at + 10 + 6 * i, rk[i]);
                    }
                    LittleEndian.putUShort(stream, at + 20, column + 1);
                    pad(stream, at + 22, 14);
                    rewritten[1]++;
                    at = next + 18;
                } else if (isWholeNumber(stream, at)) {
                    // One whole number: an RK, 14 of 18 bytes.
                    int rk = rk(LittleEndian.getDouble(stream, at + 10));
                    LittleEndian.putUShort(stream, at, 0x027E);
                    LittleEndian.putUShort(stream, at + 2, 10);
                    LittleEndian.putInt(stream, at + 10, rk);
                    pad(stream, at + 14, 4);
                    rewritten[0]++;
                    at = next;
                } else {
                    at = next;
                }
            }
        });
        assertThat(rewritten[0]).as("RK records written").isPositive();
        assertThat(rewritten[1]).as("MULRK records written").isPositive();

        Collected fromExcel = Collected.read(new XlsFormat(), excel);
        Collected fromPoi = Collected.read(new XlsFormat(), plain);
        assertThat(fromExcel.errors).isEmpty();
        assertThat(fromExcel.samples)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("channelId")
                .containsExactlyElementsOf(fromPoi.samples)
                .hasSize(6);
    }

    /**
     * A writer that corrects a cell by writing it again leaves two records for one cell; the later holds, as
     * Excel reads it, and the columns after it stay where they are. POI never writes one twice: the last
     * cell's column is moved onto the one before it.
     */
    @Test
    void aCellWrittenTwiceKeepsItsLaterValueAndLeavesTheOtherColumnsInPlace() throws IOException {
        Path xls = XlsWorkbooks.write(dir.resolve("twice.xls"), wb -> {
            Sheet sheet = wb.createSheet("Data");
            XlsWorkbooks.header(sheet, 0, "Record,Voltage,Spare");
            XlsWorkbooks.values(sheet, 1, new Object[] {1, 3.25, 3.5});
        });
        patchWorkbookStream(xls, stream -> {
            int at = recordAt(stream, NumberRecord.sid, littleEndian(3.5), 6);
            assertThat(LittleEndian.getUShort(stream, at + 6))
                    .as("the last cell's column")
                    .isEqualTo(2);
            LittleEndian.putUShort(stream, at + 6, 1);
        });
        try (OpenWorkbook workbook = XlsWorkbook.open(xls);
                Stream<String> lines = workbook.sheets().get(0).lines()) {
            assertThat(lines.toList()).containsExactly("Record,Voltage,Spare", "1,3.5");
        }
    }

    /**
     * Excel writes a shared formula's SHRFMLA record (or an array formula's ARRAY, a data table's TABLE) between
     * the first formula of its range and that formula's text; POI writes the text right after the formula. An
     * empty SHRFMLA is put in between: the text is still the formula's.
     */
    @Test
    void aTextFormulaWhoseTextFollowsASharedFormulaRecordReadsItsText() throws IOException {
        Path xls = XlsWorkbooks.write(dir.resolve("shared.xls"), wb -> {
            Sheet sheet = wb.createSheet("Data"); // the last sheet: bytes put into it move no other sheet
            XlsWorkbooks.header(sheet, 0, "Record,Step");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(1);
            Cell step = row.createCell(1);
            step.setCellFormula("\"CC_Chg\"");
            step.setCellValue("CC_Chg");
        });
        rewriteWorkbookStream(xls, stream -> {
            int text = recordAt(stream, StringRecord.sid, new byte[0], 0);
            byte[] sharedFormula = new byte[4 + 10]; // its range (6 bytes), reserved (2), an empty formula (2)
            LittleEndian.putUShort(sharedFormula, 0, SharedFormulaRecord.sid);
            LittleEndian.putUShort(sharedFormula, 2, 10);
            LittleEndian.putUShort(sharedFormula, 4, 1);
            LittleEndian.putUShort(sharedFormula, 6, 1);
            sharedFormula[8] = 1;
            sharedFormula[9] = 1;
            byte[] withShared = new byte[stream.length + sharedFormula.length];
            System.arraycopy(stream, 0, withShared, 0, text);
            System.arraycopy(sharedFormula, 0, withShared, text, sharedFormula.length);
            System.arraycopy(stream, text, withShared, text + sharedFormula.length, stream.length - text);
            return withShared;
        });
        try (OpenWorkbook workbook = XlsWorkbook.open(xls);
                Stream<String> lines = workbook.sheets().get(0).lines()) {
            assertThat(lines.toList()).containsExactly("Record,Step", "1,CC_Chg");
        }
    }

    private static byte[] littleEndian(double value) {
        byte[] bytes = new byte[8];
        LittleEndian.putDouble(bytes, 0, value);
        return bytes;
    }

    /** Where the first record of type {@code sid} whose data holds {@code bytes} at {@code offset} begins. */
    private static int recordAt(byte[] stream, short sid, byte[] bytes, int offset) {
        for (int at = 0; at + 4 <= stream.length; at += 4 + LittleEndian.getUShort(stream, at + 2)) {
            if (LittleEndian.getUShort(stream, at) == (sid & 0xFFFF)
                    && Arrays.equals(
                            Arrays.copyOfRange(stream, at + 4 + offset, at + 4 + offset + bytes.length), bytes)) {
                return at;
            }
        }
        throw new AssertionError("no record 0x" + Integer.toHexString(sid & 0xFFFF));
    }

    /** A NUMBER record at {@code at} holding a whole number an RK holds exactly. */
    private static boolean isWholeNumber(byte[] stream, int at) {
        if (at + 18 > stream.length
                || LittleEndian.getUShort(stream, at) != NumberRecord.sid
                || LittleEndian.getUShort(stream, at + 2) != 14) {
            return false;
        }
        double value = LittleEndian.getDouble(stream, at + 10);
        return value == Math.rint(value) && Math.abs(value) < (1 << 29);
    }

    /** A whole number as an RK value: the integer shifted past the two flag bits, flagged an integer. */
    private static int rk(double whole) {
        return ((int) whole << 2) | 0x2;
    }

    /** An unknown record filling {@code bytes} (header included): readers step over it. */
    private static void pad(byte[] stream, int at, int bytes) {
        LittleEndian.putUShort(stream, at, 0x1234);
        LittleEndian.putUShort(stream, at + 2, bytes - 4);
        java.util.Arrays.fill(stream, at + 4, at + bytes, (byte) 0);
    }

    @Test
    void aSheetSaidToBeginPastTheEndOfTheStreamRefusesTheWorkbookNamingIt() throws IOException {
        Path xls = XlsWorkbooks.arbin(dir.resolve("offset.xls"), 3);
        patchWorkbookStream(xls, stream -> {
            int sheets = 0;
            for (int at = 0; at + 4 <= stream.length; ) {
                int length = LittleEndian.getUShort(stream, at + 2);
                if (LittleEndian.getUShort(stream, at) == BoundSheetRecord.sid && ++sheets == 2) {
                    LittleEndian.putInt(stream, at + 4, 0x7FFF_FF00); // Channel_1-006, the second sheet
                    return;
                }
                at += 4 + length;
            }
            throw new AssertionError("no second sheet");
        });
        assertThatThrownBy(() -> Collected.read(new XlsFormat(), xls))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(
                        xls + ": sheet 'Channel_1-006' begins at 2147483392, past the end of the workbook's stream");
    }

    @Test
    void aRowLongerThanATextFilesLineIsRefusedNamingTheSheetAndRow() throws IOException {
        // Point 25's row (line 26) with 247 more cells of 4,300 characters: over a million characters as CSV.
        Path xls = XlsWorkbooks.write(dir.resolve("long-row.xls"), wb -> {
            Sheet channel = XlsWorkbooks.channelSheet(wb, "Channel_1-006", 0, 1, 30);
            String text = "x".repeat(4_300);
            for (int c = 9; c < 256; c++) {
                channel.getRow(25).createCell(c).setCellValue(text);
            }
        });
        Collected read = new Collected();
        assertThatThrownBy(() -> new XlsFormat().read(SourceFile.of(xls), read))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(
                        xls + ":26: sheet 'Channel_1-006', row 26: a row of more than 1048576" + " characters as CSV");
        assertThat(read.samples).hasSize(24);
    }

    @Test
    void cellsNotInRowOrderAreRefusedNotReadAsRowsOfTheirOwn() throws IOException {
        // Point 25's first cell written as if on row 2 after row 25's: a writer that wrote cells column by column.
        Path xls = withDataPointCell(
                XlsWorkbooks.arbin(dir.resolve("unordered.xls"), 30),
                25,
                (stream, at) -> LittleEndian.putUShort(stream, at + 4, 1));
        Collected read = new Collected();
        assertThatThrownBy(() -> new XlsFormat().read(SourceFile.of(xls), read))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(xls + ":26: sheet 'Channel_1-006', row 2: its cells come after row 25's, not in row order"
                        + " as Excel writes them; save the workbook again in Excel");
        assertThat(read.samples).hasSize(24);
    }

    @Test
    void aSharedStringTheTableLacksRefusesTheWorkbookNamingTheSheetAndRow() throws IOException {
        Path xls = XlsWorkbooks.arbin(dir.resolve("strings.xls"), 3);
        patchWorkbookStream(xls, stream -> {
            for (int at = 0; at + 4 <= stream.length; ) {
                int length = LittleEndian.getUShort(stream, at + 2);
                if (LittleEndian.getUShort(stream, at) == LabelSSTRecord.sid) {
                    LittleEndian.putInt(stream, at + 10, 65_000); // every text cell names a string past the table
                }
                at += 4 + length;
            }
        });
        assertThatThrownBy(() -> Collected.read(new XlsFormat(), xls))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(xls + ": sheet 'Global_Info', row 1: a cell names shared string 65000, which the workbook's"
                        + " table does not hold");
    }

    /**
     * A password to open it, or Excel's default key (which Excel opens without asking), write-protected too. (POI
     * writes FILEPASS before WRITEPROT; Excel's order, WRITEPROT first, which the check steps over, is not built.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"lab", "VelvetSweatshop"})
    void anEncryptedWorkbookIsRefusedSayingSo(String password) throws IOException {
        Path xls = dir.resolve("locked-" + password + ".xls");
        Biff8EncryptionKey.setCurrentUserPassword(password);
        try {
            XlsWorkbooks.write(xls, wb -> {
                XlsWorkbooks.channelSheet(wb, "Channel_1-006", 0, 1, 2);
                if (password.equals("VelvetSweatshop")) {
                    wb.writeProtectWorkbook("lab", "lab");
                }
            });
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        assertThatThrownBy(() -> Collected.read(new XlsFormat(), xls))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(xls + ":")
                .hasMessageContaining("an encrypted Excel 97-2003 workbook");
    }

    /** Rewrites the workbook's record stream in place ({@code Workbook} in its OLE2 file). */
    private static void patchWorkbookStream(Path xls, java.util.function.Consumer<byte[]> patch) throws IOException {
        rewriteWorkbookStream(xls, stream -> {
            patch.accept(stream);
            return stream;
        });
    }

    /** Replaces the workbook's record stream with what {@code rewrite} makes of it. */
    private static void rewriteWorkbookStream(Path xls, java.util.function.UnaryOperator<byte[]> rewrite)
            throws IOException {
        byte[] stream;
        try (POIFSFileSystem compound = new POIFSFileSystem(Files.newInputStream(xls))) {
            try (InputStream in = compound.createDocumentInputStream("Workbook")) {
                stream = in.readAllBytes();
            }
            stream = rewrite.apply(stream);
            compound.createOrUpdateDocument(new ByteArrayInputStream(stream), "Workbook");
            try (OutputStream out = Files.newOutputStream(xls)) {
                compound.writeFilesystem(out);
            }
        }
    }

    @Test
    void aTextFormatForcedOnAnXlsReadsItsSheetAndIsNamedForAFollowersPosition() throws IOException {
        Path xls = XlsWorkbooks.arbin(dir.resolve("forced.xls"), 2);
        CyclerFormat forced = CyclerFormats.forced(CyclerFormats.byName("arbin"), xls);
        assertThat(forced.name()).isEqualTo("xls/arbin");
        Collected read = Collected.read(forced, xls);
        assertThat(read.errors).isEmpty();
        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L);
    }

    @Test
    void aFollowerReadsAnXlsInBudgetsAndResumesAfterADeliveredPoint() throws IOException {
        Path xls = XlsWorkbooks.arbin(dir.resolve("follow.xls"), 6);
        try (WorkbookRowSource rows = new XlsFormat().openBinary(SourceFile.of(xls))) {
            rows.resumeAfter(2);
            Collected first = new Collected();
            assertThat(rows.readNew(first, 2)).isEqualTo(2);
            Collected rest = new Collected();
            rows.readNew(rest, 100);
            assertThat(first.samples).extracting(Sample::dataPoint).containsExactly(3L, 4L);
            assertThat(rest.samples).extracting(Sample::dataPoint).containsExactly(5L, 6L);
            assertThat(rows.readNew(new Collected(), 100)).as("unchanged").isZero();
        }
    }
}
