package io.cellwatch.ingest.format.xlsx;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * A workbook opened by the library that reads its kind ({@code .xlsx} or {@code .xls}): its sheets in workbook
 * order, each row read as the line of the sheet saved as CSV ({@link SheetLines}). What the rest of the workbook
 * reading (which sheet, which format, continuation sheets, a follower's place) needs of it.
 */
interface OpenWorkbook extends Closeable {
    List<SheetRows> sheets();

    /** One sheet: its name, and its rows as CSV lines, read afresh on each call (a stream to close). */
    interface SheetRows {
        String name();

        Stream<String> lines() throws IOException;
    }
}
