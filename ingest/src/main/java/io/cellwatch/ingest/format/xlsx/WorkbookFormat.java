package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.generic.GenericCsvFormat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Excel workbooks as cycler software exports them: Arbin MITS Pro and Data Watcher (a {@code Channel_…} sheet of
 * the same columns as their CSV, a {@code Statistics_…} sheet of cycles), Neware BTSDA (record, step and cycle
 * sheets, in English or Chinese), Landt (a record sheet split over {@code Record}, {@code Record1}, …), and any
 * other whose data sheet a text format knows. The sheet a time-series format recognises is read, the rows of
 * each sheet saved as a CSV line ({@link SheetLines}) and handed to that format's reader, so a workbook reads as
 * its data sheet saved as CSV would; a workbook with only a sheet of cycles is read as cycle summaries. Sheets
 * after it with the same header rows continue it (Excel's sheets end at 1,048,576 rows, 65,536 in an {@code
 * .xls}, and exports split longer tests over several). See {@link WorkbookRowSource}. Each kind of workbook
 * ({@link XlsxFormat}, {@link XlsFormat}) differs only in the bytes it recognises and the library that opens
 * it ({@link Opener}).
 */
public abstract class WorkbookFormat extends NamedFormat implements BinaryCyclerFormat {
    /**
     * Between the workbook format's name and the forced format's in the name of a workbook read in a forced
     * format ({@code xlsx/generic}): a follower's position keeps the format its rows were delivered in, and a
     * restart reads the workbook on in it, as it does a text file.
     */
    public static final String FORCED_SEPARATOR = "/";

    /** The name of this kind of workbook, without a forced sheet format ({@code xlsx}, {@code xls}). */
    private final String kind;

    /** The text format the data sheet is read in, forced with {@code --format}; null: detected sheet by sheet. */
    private final CyclerFormat sheetFormat;

    /** Opens a workbook of one kind, refusing with a typed error naming the file what its library cannot read. */
    @FunctionalInterface
    interface Opener {
        OpenWorkbook open(Path file) throws IOException;
    }

    WorkbookFormat(String kind, String description, CyclerFormat sheetFormat) {
        super(
                sheetFormat == null ? kind : kind + FORCED_SEPARATOR + sheetFormat.name(),
                sheetFormat == null
                        ? description + " exported by cycler software: the data sheet a text format knows"
                                + " (Arbin, Neware, Landt, ...), read as that sheet saved as CSV"
                        : description + ": the first sheet that reads as " + sheetFormat.name());
        this.kind = kind;
        this.sheetFormat = sheetFormat;
    }

    /** The name of this kind of workbook, without a forced sheet format ({@code xlsx}, {@code xls}). */
    public final String kind() {
        return kind;
    }

    /**
     * Workbooks of this kind whose data sheet is read in {@code textFormat} (forced with {@code --format}, a
     * generic mapping included): the first sheet that format recognises, or whose header it binds, read as that
     * sheet saved as CSV (commas, decimal points, whatever the format's text files use).
     */
    public final WorkbookFormat readingSheetsAs(CyclerFormat textFormat) {
        return withSheetFormat(
                textFormat instanceof GenericCsvFormat generic ? generic.readingSheetLines() : textFormat);
    }

    abstract WorkbookFormat withSheetFormat(CyclerFormat textFormat);

    abstract OpenWorkbook open(Path file) throws IOException;

    /** For a follower, which keeps its place by samples: a workbook of cycle summaries alone is refused. */
    @Override
    public final WorkbookRowSource openBinary(SourceFile source) {
        return new WorkbookRowSource(source, false, sheetFormat, this::open);
    }

    /** A whole workbook, a sheet of cycle summaries too. */
    @Override
    public final void read(SourceFile source, RecordSink sink) throws IOException {
        try (WorkbookRowSource rows = new WorkbookRowSource(source, true, sheetFormat, this::open)) {
            rows.readNew(sink);
        }
    }
}
