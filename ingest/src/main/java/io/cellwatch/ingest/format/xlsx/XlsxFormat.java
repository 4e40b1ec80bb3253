package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int NAME_LENGTH_AT = 26;
    private static final int NAME_AT = 30;

    public XlsxFormat() {
        super(
                NAME,
                "Excel workbook (.xlsx) exported by cycler software: the data sheet a text format knows"
                        + " (Arbin, Neware, ...), read as that sheet saved as CSV");
    }

    /**
     * A ZIP whose name ends in {@code .xlsx} or {@code .xlsm}, or whose first member is a workbook's part
     * ({@code xl/...}). Word and PowerPoint files begin as workbooks do ({@code [Content_Types].xml}), so that
     * alone does not claim a file.
     */
    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (head.length < NAME_AT || littleEndianInt(head, 0) != LOCAL_HEADER) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return true;
        }
        int length = (head[NAME_LENGTH_AT] & 0xFF) | (head[NAME_LENGTH_AT + 1] & 0xFF) << 8;
        String first = new String(head, NAME_AT, Math.min(length, head.length - NAME_AT), StandardCharsets.ISO_8859_1);
        return first.startsWith("xl/");
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /** For a follower, which keeps its place by samples: a workbook of cycle summaries alone is refused. */
    @Override
    public XlsxRowSource openBinary(SourceFile source) {
        return new XlsxRowSource(source, false);
    }

    /** A whole workbook, a sheet of cycle summaries too. */
    @Override
    public void read(SourceFile source, RecordSink sink) throws IOException {
        try (XlsxRowSource rows = new XlsxRowSource(source, true)) {
            rows.readNew(sink);
        }
    }
}
