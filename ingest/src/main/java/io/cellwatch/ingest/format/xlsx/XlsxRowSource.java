package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.summary.CycleSummaryCsvFormat;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a workbook's data sheet, handed to the reader of the text format that recognises the sheet.
 *
 * <p>Which sheet: each sheet's first {@link CyclerFormats#SNIFF_LINES} rows, as CSV lines, go through
 * text-format detection in workbook order; the first sheet a time-series format recognises is read, else
 * the first a cycle-summary format does (an Arbin workbook's {@code Statistics} sheet, a Neware one's cycle
 * sheet), else the workbook is refused naming each sheet and its first row. Sheets after the chosen one
 * whose first row is the same header continue its rows, their header skipped.
 *
 * <p>Line numbers in messages count the rows of the data sheet as Excel numbers them; a continuation
 * sheet's rows carry on from the sheet before it, as they would in the sheets saved as one CSV. An
 * {@code .xlsx} is written whole when exported: one that is still being written (no ZIP end record yet)
 * is "incomplete", which a follower waits out, and a complete one is read once.
 */
public final class XlsxRowSource implements BinaryRowSource {
    private static final Logger LOG = LoggerFactory.getLogger(XlsxRowSource.class);
    /** The ZIP end-of-central-directory record's signature, and how far from the end it can be. */
    private static final int END_RECORD = 0x06054b50;

    private static final int END_RECORD_SPAN = 22 + 65_535;

    private final SourceFile source;
    private ReadableWorkbook workbook;
    private List<Sheet> dataSheets;
    private String header;
    private RowReader reader;
    private int sheetIndex = -1;
    private Stream<Row> rows;
    private Iterator<Row> rowIterator;
    private long lineOffset;
    private long lastLine;
    private boolean finished;
    private long resumeAfter = Long.MIN_VALUE;

    XlsxRowSource(SourceFile source) {
        this.source = source;
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        if (finished) {
            return 0;
        }
        if (workbook == null) {
            open();
        }
        Counting counting = new Counting(sink);
        try {
            while (counting.handed < maxRows) {
                if (rowIterator == null || !rowIterator.hasNext()) {
                    if (!nextSheet()) {
                        reader.end(counting);
                        finished = true;
                        close();
                        break;
                    }
                    continue;
                }
                Row row = rowIterator.next();
                String line = SheetLines.line(row);
                if (sheetIndex > 0 && row.getRowNum() == 1) {
                    continue; // a continuation sheet's header, the same as the first sheet's
                }
                lastLine = lineOffset + row.getRowNum();
                reader.line(line, lastLine, counting);
            }
        } catch (RuntimeException e) {
            // The reader library's unchecked errors (a damaged sheet part, XML cut short): typed, with the file named.
            throw new FileFormatException(
                    source.path(), lastLine + 1, "the workbook cannot be read past here: " + message(e));
        }
        return counting.samples;
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Opens the workbook and picks its data sheet, its format and the sheets that continue it. */
    private void open() throws IOException {
        Path file = source.path();
        requireEndRecord(file);
        try {
            workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
            List<Sheet> sheets = workbook.getSheets().toList();
            Choice choice = choose(file, sheets);
            header = choice.firstLines().get(0);
            dataSheets = new ArrayList<>();
            dataSheets.add(sheets.get(choice.index()));
            for (int i = choice.index() + 1; i < sheets.size(); i++) {
                List<String> top = firstLines(sheets.get(i), 1);
                if (top.isEmpty() || !top.get(0).equals(header)) {
                    break;
                }
                dataSheets.add(sheets.get(i));
            }
            reader = choice.format().open(source);
            LOG.info(
                    "{}: reading sheet(s) {} as {}",
                    file,
                    dataSheets.stream().map(s -> "'" + s.getName() + "'").collect(Collectors.joining(", ")),
                    choice.format().name());
        } catch (IOException | RuntimeException e) {
            close();
            if (e instanceof FileFormatException f) {
                throw f;
            }
            throw new FileFormatException(file, 0, "not a workbook cellwatch can read: " + message(e));
        }
    }

    private record Choice(int index, CyclerFormat format, List<String> firstLines) {}

    private static Choice choose(Path file, List<Sheet> sheets) throws IOException {
        Choice summaries = null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < sheets.size(); i++) {
            List<String> top = firstLines(sheets.get(i), CyclerFormats.SNIFF_LINES);
            seen.add("'" + sheets.get(i).getName() + "' (" + (top.isEmpty() ? "empty" : "first row: " + top.get(0))
                    + ")");
            if (top.isEmpty()) {
                continue;
            }
            CyclerFormat format = CyclerFormats.recognise(file, top).orElse(null);
            if (format == null) {
                continue;
            }
            if (!CycleSummaryCsvFormat.NAME.equals(format.name())) {
                return new Choice(i, format, top);
            }
            if (summaries == null) {
                summaries = new Choice(i, format, top);
            }
        }
        if (summaries != null) {
            return summaries;
        }
        throw new FileFormatException(
                file,
                0,
                "no sheet of this workbook is in a format cellwatch reads (sheets: " + String.join("; ", seen)
                        + "). Save the data sheet as CSV and read it with --format generic --mapping FILE");
    }

    private static List<String> firstLines(Sheet sheet, int max) throws IOException {
        try (Stream<Row> rows = sheet.openStream()) {
            return rows.limit(max).map(SheetLines::line).toList();
        }
    }

    /** Moves to the next data sheet's rows; false when there is none. */
    private boolean nextSheet() throws IOException {
        if (rows != null) {
            rows.close();
            lineOffset = lastLine - 1; // the next sheet's header is skipped: its row 2 follows this sheet's last row
        }
        sheetIndex++;
        if (sheetIndex >= dataSheets.size()) {
            rows = null;
            rowIterator = null;
            return false;
        }
        rows = dataSheets.get(sheetIndex).openStream();
        rowIterator = rows.iterator();
        return true;
    }

    /**
     * Refuses, as incomplete, a file without the ZIP end record: an export still being written, which a
     * follower waits for, or a truncated copy, which the message says.
     */
    static void requireEndRecord(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int span = (int) Math.min(size, END_RECORD_SPAN);
            ByteBuffer tail = ByteBuffer.allocate(span);
            channel.read(tail, size - span);
            byte[] b = tail.array();
            for (int i = span - 22; i >= 0; i--) {
                if ((b[i] & 0xFF | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24)
                        == END_RECORD) {
                    return;
                }
            }
            throw new BinaryFileIncompleteException(
                    file, "ZIP archive", size, "the end-of-central-directory record (a workbook still being written?)");
        }
    }

    @Override
    public void resumeAfter(long dataPoint) {
        resumeAfter = dataPoint;
    }

    @Override
    public void close() throws IOException {
        if (rows != null) {
            rows.close();
            rows = null;
        }
        if (workbook != null) {
            workbook.close();
            workbook = null;
        }
    }

    /** Counts what is handed over (samples for the caller), dropping samples a resumed follower delivered before. */
    private final class Counting implements RecordSink {
        private final RecordSink sink;
        int handed;
        int samples;

        Counting(RecordSink sink) {
            this.sink = sink;
        }

        @Override
        public void channel(ChannelInfo info) {
            sink.channel(info);
        }

        @Override
        public void sample(Sample sample) {
            if (sample.dataPoint() <= resumeAfter) {
                return;
            }
            handed++;
            samples++;
            sink.sample(sample);
        }

        @Override
        public void cycle(CycleSummary cycle) {
            handed++;
            sink.cycle(cycle);
        }

        @Override
        public void malformed(MalformedRowException error) {
            handed++;
            sink.malformed(error);
        }
    }
}
