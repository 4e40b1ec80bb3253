package io.cellwatch.ingest.format.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** Excel 97–2003 workbooks ({@code .xls}) as cycler software exports them, written with Apache POI for tests. */
public final class XlsWorkbooks {
    private XlsWorkbooks() {}

    public interface Sheets {
        void write(HSSFWorkbook wb) throws IOException;
    }

    /** Writes an {@code .xls} at {@code file}. */
    public static Path write(Path file, Sheets sheets) throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            sheets.write(wb);
            wb.write(out);
        }
        return file;
    }

    public static void header(Sheet sheet, int row, String header) {
        String[] names = header.split(",");
        Row r = row(sheet, row);
        for (int c = 0; c < names.length; c++) {
            r.createCell(c).setCellValue(names[c]);
        }
    }

    /** Values in a row: dates shown as {@code mm/dd/yyyy hh:mm:ss}, as Arbin's exports show them. */
    public static void values(Sheet sheet, int row, Object[] values) {
        Row r = row(sheet, row);
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            Cell cell = r.createCell(c);
            if (v instanceof LocalDateTime t) {
                cell.setCellValue(t);
                cell.setCellStyle(format(sheet, "mm/dd/yyyy hh:mm:ss"));
            } else if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else {
                cell.setCellValue(String.valueOf(v));
            }
        }
    }

    /** A cell style showing its number in {@code format}: the workbook's own where it has one (an .xls holds 4,000). */
    public static CellStyle format(Sheet sheet, String format) {
        Workbook wb = sheet.getWorkbook();
        short dataFormat = wb.createDataFormat().getFormat(format);
        for (int i = 0; i < wb.getNumCellStyles(); i++) {
            if (wb.getCellStyleAt(i).getDataFormat() == dataFormat) {
                return wb.getCellStyleAt(i);
            }
        }
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(dataFormat);
        return style;
    }

    private static Row row(Sheet sheet, int row) {
        Row r = sheet.getRow(row);
        return r != null ? r : sheet.createRow(row);
    }

    /** An Arbin channel sheet: its header on row {@code headerRow} (0-based), then points {@code first..last}. */
    public static Sheet channelSheet(HSSFWorkbook wb, String name, int headerRow, int first, int last) {
        Sheet channel = wb.createSheet(name);
        header(channel, headerRow, Workbooks.ARBIN_HEADER);
        for (int k = first; k <= last; k++) {
            values(channel, headerRow + 1 + k - first, Workbooks.arbinRow(k));
        }
        return channel;
    }

    /** Global_Info, Channel_1-006 with points 1 to {@code points}, Statistics_1-006: the sheets of {@link Workbooks#arbin}. */
    public static Path arbin(Path file, int points) throws IOException {
        return write(file, wb -> {
            Sheet info = wb.createSheet("Global_Info");
            values(info, 0, new Object[] {"TEST REPORT"});
            values(info, 1, new Object[] {"Channel", 6});
            channelSheet(wb, "Channel_1-006", 0, 1, points);
            Sheet statistics = wb.createSheet("Statistics_1-006");
            header(statistics, 0, "Cycle_Index,Charge_Capacity(Ah),Discharge_Capacity(Ah)");
            values(statistics, 1, new Object[] {1, 0.025, 0.0249});
        });
    }
}
