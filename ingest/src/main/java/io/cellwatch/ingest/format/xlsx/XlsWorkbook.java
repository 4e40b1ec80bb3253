package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.text.FileFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * An {@code .xls} read with Apache POI's HSSF. The format has no streaming reader worth the name: its records are
 * read into memory when opened (an export's sheets hold at most 65,536 rows each), and the file is closed at once,
 * so a follower holds no handle on it between reads. A cell reads as it does in an {@code .xlsx}: the number
 * format decides whether a number is a date, a duration or a number ({@link SheetLines#shown}), and the workbook's
 * 1904 date system is applied by POI.
 */
final class XlsWorkbook implements OpenWorkbook {
    private final List<SheetRows> sheets = new ArrayList<>();

    private XlsWorkbook(HSSFWorkbook workbook) {
        boolean date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            sheets.add(rowsOf(workbook.getSheetName(i), workbook.getSheetAt(i), date1904));
        }
    }

    static XlsWorkbook open(Path file) throws IOException {
        try (POIFSFileSystem compound = new POIFSFileSystem(file.toFile(), true)) {
            // Every record is read now (nodes not preserved): nothing is read from the file after it is closed.
            return new XlsWorkbook(new HSSFWorkbook(compound.getRoot(), false));
        } catch (IOException | RuntimeException e) {
            // POI's unchecked errors too (a record cut short, an Excel 5.0 or encrypted workbook): typed, file named.
            throw new FileFormatException(
                    file, 0, "not an Excel 97-2003 workbook cellwatch can read: " + WorkbookRowSource.message(e));
        }
    }

    private static SheetRows rowsOf(String name, HSSFSheet sheet, boolean date1904) {
        return new SheetRows() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Stream<String> lines() {
                return StreamSupport.stream(sheet.spliterator(), false)
                        .map(row -> SheetLines.line(row, Cell::getColumnIndex, cell -> text(cell, date1904)));
            }
        };
    }

    /** The cell as it reads in the sheet saved as CSV; a formula as its last computed value, as Excel saves it. */
    static String text(Cell cell, boolean date1904) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> number(cell, date1904);
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> error(cell.getErrorCellValue());
            default -> "";
        };
    }

    private static String number(Cell cell, boolean date1904) {
        double value = cell.getNumericCellValue();
        if (!Double.isFinite(value)) {
            return Double.toString(value); // the bits of an .xls number can say NaN; the reader refuses it as it is
        }
        CellStyle style = cell.getCellStyle();
        int formatId = style.getDataFormat() & 0xFFFF;
        String format = style.getDataFormatString();
        // The shortest decimal that reads back as the stored double: what Excel shows, without an exponent.
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return SheetLines.shown(decimal, formatId, format, () -> DateUtil.getLocalDateTime(value, date1904));
    }

    private static String error(byte code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException unknown) {
            return "#ERROR";
        }
    }

    @Override
    public List<SheetRows> sheets() {
        return sheets;
    }

    /** Nothing to release: the file was closed when the workbook was read. */
    @Override
    public void close() {}
}
