package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.ZipArchives;
import io.cellwatch.ingest.format.generic.GenericCsvFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Excel workbooks ({@code .xlsx}) as cycler software exports them: Arbin MITS Pro and Data Watcher (a
 * {@code Channel_…} sheet of the same columns as their CSV, a {@code Statistics_…} sheet of cycles),
 * Neware BTSDA (record, step and cycle sheets, in English or Chinese), and any other whose data sheet a
 * text format knows. The sheet a time-series format recognises is read, the rows of each sheet saved as
 * a CSV line ({@link SheetLines}) and handed to that format's reader, so a workbook reads as its data
 * sheet saved as CSV would; a workbook with only a sheet of cycles is read as cycle summaries. Sheets
 * after it with the same header row continue it (Excel's sheets end at 1,048,576 rows, and exports split
 * longer tests over several). See {@link XlsxRowSource}.
 */
public final class XlsxFormat extends NamedFormat implements BinaryCyclerFormat {
    public static final String NAME = "xlsx";

    /**
     * Between {@code xlsx} and the forced format's name in the name of a workbook read in a forced format
     * ({@code xlsx/generic}): a follower's position keeps the format its rows were delivered in, and a restart
     * reads the workbook on in it, as it does a text file.
     */
    public static final String FORCED_SEPARATOR = "/";

    /** The text format the data sheet is read in, forced with {@code --format}; null: detected sheet by sheet. */
    private final CyclerFormat sheetFormat;

    public XlsxFormat() {
        this(null);
    }

    private XlsxFormat(CyclerFormat sheetFormat) {
        super(
                sheetFormat == null ? NAME : NAME + FORCED_SEPARATOR + sheetFormat.name(),
                sheetFormat == null
                        ? "Excel workbook (.xlsx) exported by cycler software: the data sheet a text format knows"
                                + " (Arbin, Neware, ...), read as that sheet saved as CSV"
                        : "Excel workbook (.xlsx): the first sheet that reads as " + sheetFormat.name());
        this.sheetFormat = sheetFormat;
    }

    /**
     * Workbooks whose data sheet is read in {@code textFormat} (forced with {@code --format}, a generic mapping
     * included): the first sheet that format recognises, or whose header it binds, read as that sheet saved
     * as CSV (commas, decimal points, whatever the format's text files use).
     */
    public static XlsxFormat readingSheetsAs(CyclerFormat textFormat) {
        return new XlsxFormat(
                textFormat instanceof GenericCsvFormat generic ? generic.readingSheetLines() : textFormat);
    }

    /**
     * A ZIP whose name ends in {@code .xlsx} or {@code .xlsm}, or whose first member is a workbook's part
     * ({@code xl/...}). Word and PowerPoint files begin as workbooks do ({@code [Content_Types].xml}), so that
     * alone does not claim a file.
     */
    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (!ZipArchives.startsWithMember(head)) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx")
                || name.endsWith(".xlsm")
                || ZipArchives.firstMemberNameStart(head).startsWith("xl/");
    }

    /** For a follower, which keeps its place by samples: a workbook of cycle summaries alone is refused. */
    @Override
    public XlsxRowSource openBinary(SourceFile source) {
        return new XlsxRowSource(source, false, sheetFormat);
    }

    /** A whole workbook, a sheet of cycle summaries too. */
    @Override
    public void read(SourceFile source, RecordSink sink) throws IOException {
        try (XlsxRowSource rows = new XlsxRowSource(source, true, sheetFormat)) {
            rows.readNew(sink);
        }
    }
}
