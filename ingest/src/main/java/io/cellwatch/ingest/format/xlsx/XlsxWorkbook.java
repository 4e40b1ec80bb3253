package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.binary.ZipArchives;
import io.cellwatch.ingest.format.text.FileFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * An {@code .xlsx} read with the streaming reader: rows as they are parsed, never the workbook in memory. One
 * still being written (no ZIP end record yet) is incomplete, which a follower waits out.
 */
final class XlsxWorkbook implements OpenWorkbook {
    private final ReadableWorkbook workbook;
    private final List<SheetRows> sheets;

    private XlsxWorkbook(ReadableWorkbook workbook, int extraDays) {
        this.workbook = workbook;
        this.sheets =
                workbook.getSheets().map(sheet -> rowsOf(sheet, extraDays)).toList();
    }

    static XlsxWorkbook open(Path file) throws IOException {
        ZipArchives.requireEndRecord(file);
        boolean counts1904 = requireWorkbookPart(file);
        ReadableWorkbook workbook = null;
        try {
            workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
            // Days added to the dates the library reads: the 1904 system where it missed the mark.
            int extraDays = counts1904 && !workbook.isDate1904() ? WorkbookDates.DAYS_1900_TO_1904 : 0;
            return new XlsxWorkbook(workbook, extraDays);
        } catch (IOException | RuntimeException e) {
            if (workbook != null) {
                workbook.close();
            }
            throw new FileFormatException(
                    file, 0, "not a workbook cellwatch can read: " + WorkbookRowSource.message(e));
        }
    }

    private static SheetRows rowsOf(Sheet sheet, int extraDays) {
        return new SheetRows() {
            @Override
            public String name() {
                return sheet.getName();
            }

            @Override
            public Stream<String> lines() throws IOException {
                return sheet.openStream().map(row -> SheetLines.line(row, extraDays));
            }
        };
    }

    /**
     * Refuses a ZIP that is not a workbook ({@code xl/workbook.xml} missing: a damaged export, a Word or
     * PowerPoint file under an {@code .xlsx} name), read with the JDK's ZIP reader, which closes what it opened:
     * the workbook library leaves its ZIP open when a package's parts fail to parse.
     *
     * @return whether the workbook counts its dates from 1904 ({@link WorkbookDates})
     */
    private static boolean requireWorkbookPart(Path file) throws IOException {
        try (ZipFile zip = ZipArchives.open(file)) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw new FileFormatException(file, 0, "a ZIP archive without xl/workbook.xml: not an Excel workbook");
            }
            return WorkbookDates.counts1904(zip);
        } catch (FileFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The XML and ZIP readers' unchecked errors too: a damaged part, typed with the file named.
            throw new FileFormatException(
                    file, 0, "not a workbook cellwatch can read: " + WorkbookRowSource.message(e));
        }
    }

    @Override
    public List<SheetRows> sheets() {
        return sheets;
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
