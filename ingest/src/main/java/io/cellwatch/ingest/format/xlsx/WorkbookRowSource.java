package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.binary.NotCyclingDataException;
import io.cellwatch.ingest.format.summary.CycleSummaryCsvFormat;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.HeaderedRowReader;
import io.cellwatch.ingest.format.xlsx.OpenWorkbook.SheetRows;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a workbook's data sheet, handed to the reader of the text format that recognises the sheet.
 *
 * <p>Which sheet: each sheet's first {@link CyclerFormats#SNIFF_LINES} rows, as CSV lines, go through
 * text-format detection in workbook order; the first sheet a time-series format recognises is read, else
 * the first a cycle-summary format does (an Arbin workbook's {@code Statistics} sheet, a Neware one's cycle
 * sheet), else the workbook is refused naming each sheet and its first row. A sheet whose first rows cannot be
 * read, looked at before the data table's end is known, refuses the workbook naming it: the samples may begin
 * on it, and a later sheet that repeats the header would pass for the table's start. Sheets after the chosen one
 * whose first row is the same header continue its rows, their header skipped; so do sheets named as its
 * sequels ({@code Record}, then {@code Record1}, {@code Record2}, as Landt's software splits a long record
 * sheet) whose first row is a row of data (its first cell a number), without a header of their own.
 *
 * <p>Line numbers in messages count the data table's rows as read: the sheet's rows in order (rows the
 * sheet leaves out, blank ones, are not counted, as a text reader's header must be its first line), a
 * continuation sheet's carrying on, as in the sheets saved as one CSV. A workbook is written whole when
 * exported: an {@code .xlsx} still being written (no ZIP end record yet) is "incomplete", which a follower
 * waits out, and an {@code .xls} cut short is refused, which a follower tries again while the file changes; a
 * complete one is read once, and again, after the data point last handed over, when its size or modification
 * time changes (exported again over itself). Which library reads the workbook's kind is its {@link
 * WorkbookFormat}'s business ({@link OpenWorkbook}); everything here reads sheets as CSV lines.
 */
public final class WorkbookRowSource implements BinaryRowSource {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbookRowSource.class);
    private final SourceFile source;
    private final boolean cyclesAllowed;
    private final CyclerFormat sheetFormat;
    private final WorkbookFormat.Opener opener;
    private OpenWorkbook workbook;

    private List<DataSheet> dataSheets;
    /** The data sheet's rows down to its header row (its metadata rows, then the header): what continuations repeat. */
    private List<String> headerBlock;

    private RowReader reader;
    private int sheetIndex;
    private Stream<String> rows;
    private Iterator<String> rowIterator;
    private long lines;
    private boolean finished;
    /** The workbook's size and modification time when it was opened: a re-export over it is read again. */
    private long sizeRead = -1;

    private long modifiedRead = -1;
    private long resumeAfter = Long.MIN_VALUE;
    /** The cycler's data point of the last sample handed over, and the dead letters handed over after it. */
    private long lastDelivered = Long.MIN_VALUE;

    private int deadLettersAfterLast;
    /** Of the dead letters held before the first new sample of a pass read again, how many were handed over already. */
    private int deadLettersToSkip;
    /** Dead letters met while the pass is still among samples handed over before: held until it is known where they are. */
    private final List<MalformedRowException> held = new ArrayList<>();

    private boolean pastResumePoint;
    /** Whether rows were handed over before this pass (a resume point given, or the workbook read again). */
    private boolean resuming;
    /** Rows of the sheet being read still to skip: a continuation sheet's rows down to its header. */
    private int repeatedRowsLeft;
    /**
     * The most dead letters held at once: a run of unreadable rows longer than this among rows handed over
     * before is not held whole (its oldest are dropped, said in the log), so a reopen cannot pile them up.
     */
    static final int MAX_HELD = 10_000;

    /**
     * @param cyclesAllowed whether a workbook of cycle summaries alone may be read: a whole-file read may, a
     *                      follower, which keeps its place by samples, may not
     * @param sheetFormat   the text format the data sheet is read in (forced with {@code --format}), or null to
     *                      detect it sheet by sheet
     * @param opener        opens the workbook's kind ({@code .xlsx}, {@code .xls}) as sheets of CSV lines
     */
    WorkbookRowSource(
            SourceFile source, boolean cyclesAllowed, CyclerFormat sheetFormat, WorkbookFormat.Opener opener) {
        this.source = source;
        this.cyclesAllowed = cyclesAllowed;
        this.sheetFormat = sheetFormat;
        this.opener = opener;
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        if (finished) {
            if (!changedSinceRead()) {
                return 0;
            }
            // Exported again over itself: read it again from the top, on after what was handed over.
            LOG.info(
                    "{}: changed since it was read; reading it again after data point {}",
                    source.path(),
                    lastDelivered);
            resumeAfter = Math.max(resumeAfter, lastDelivered);
            resuming = true;
            deadLettersToSkip = deadLettersAfterLast;
            finished = false;
        }
        if (workbook == null) {
            open();
        }
        Counting counting = new Counting(sink);
        while (counting.handed < maxRows) {
            String row = nextRow();
            if (row == null) {
                reader.end(counting);
                counting.release();
                finished = true;
                close();
                break;
            }
            reader.line(row, ++lines, counting);
        }
        return counting.samples;
    }

    /** The next row of the data table, a continuation sheet's header left out; null after the last. */
    private String nextRow() throws IOException {
        try {
            while (true) {
                if (rowIterator != null && rowIterator.hasNext()) {
                    String row = rowIterator.next();
                    if (repeatedRowsLeft > 0) {
                        repeatedRowsLeft--;
                        continue; // a continuation sheet's rows down to its header, the same as the first sheet's
                    }
                    return row;
                }
                if (!nextSheet()) {
                    return null;
                }
            }
        } catch (SheetDamageException e) {
            throw new FileFormatException(source.path(), lines + 1, e.getMessage()); // the row the table reads next
        } catch (RuntimeException e) {
            // The reader library's unchecked errors (a damaged sheet part, XML cut short): typed, with the file named.
            throw new FileFormatException(
                    source.path(), lines + 1, "the workbook cannot be read past here: " + message(e));
        }
    }

    private boolean changedSinceRead() {
        try {
            return Files.size(source.path()) != sizeRead
                    || Files.getLastModifiedTime(source.path()).toMillis() != modifiedRead;
        } catch (IOException e) {
            return false; // gone or unreadable for the moment: the follower decides what that means
        }
    }

    static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Opens the workbook and picks its data sheet, its format and the sheets that continue it. */
    private void open() throws IOException {
        Path file = source.path();
        sizeRead = Files.size(file);
        modifiedRead = Files.getLastModifiedTime(file).toMillis();
        sheetIndex = -1;
        lines = 0;
        pastResumePoint = false;
        held.clear();
        workbook = opener.open(file);
        try {
            List<SheetRows> sheets = workbook.sheets();
            Choice choice = sheetFormat == null ? choose(file, sheets) : chooseFor(sheetFormat, source, sheets);
            if (!cyclesAllowed
                    && CycleSummaryCsvFormat.NAME.equals(choice.format().name())) {
                throw new NotCyclingDataException(
                        file,
                        "sheet '" + sheets.get(choice.index()).name() + "'",
                        0,
                        "cycle summaries",
                        "a workbook of cycle summaries alone: ingest --follow delivers samples; read it with replay");
            }
            headerBlock = choice.firstLines().subList(0, headerRows(choice, source));
            dataSheets = new ArrayList<>();
            SheetRows first = sheets.get(choice.index());
            dataSheets.add(new DataSheet(first, 0));
            for (int i = choice.index() + 1; i < sheets.size(); i++) {
                List<String> top = firstLines(sheets.get(i), headerBlock.size());
                if (top.isEmpty()) {
                    break;
                }
                if (top.equals(headerBlock)) {
                    dataSheets.add(new DataSheet(sheets.get(i), headerBlock.size()));
                } else if (sequelOf(first.name(), sheets.get(i).name()) && beginsWithANumber(top.get(0))) {
                    dataSheets.add(new DataSheet(sheets.get(i), 0));
                } else {
                    if (sequelOf(first.name(), sheets.get(i).name())) {
                        LOG.warn(
                                "{}: sheet '{}' is named as a sequel of '{}' but begins neither with its header nor"
                                        + " with a number (first row: {}): not read as its continuation",
                                file,
                                sheets.get(i).name(),
                                first.name(),
                                top.get(0));
                    }
                    break;
                }
            }
            reader = choice.format().open(source);
            LOG.info(
                    "{}: reading sheet(s) {} as {}",
                    file,
                    dataSheets.stream().map(s -> "'" + s.sheet().name() + "'").collect(Collectors.joining(", ")),
                    choice.format().name());
        } catch (IOException | RuntimeException e) {
            close();
            if (e instanceof FileFormatException || e instanceof BinaryFormatException) {
                throw (IOException) e;
            }
            if (e instanceof SheetDamageException damage) {
                // Found choosing the data sheet or its continuation: the workbook is refused naming the sheet (a
                // follower tries again when the file changes, as for any refusal).
                throw new FileFormatException(file, 0, damage.getMessage());
            }
            throw new FileFormatException(file, 0, "not a workbook cellwatch can read: " + message(e));
        }
    }

    private record Choice(int index, CyclerFormat format, List<String> firstLines) {}

    /** A sheet of the data table, and how many of its first rows repeat the first sheet's down to its header. */
    private record DataSheet(SheetRows sheet, int repeatedRows) {}

    /**
     * How many of the chosen sheet's first rows run down to its header row: 1 where the header is the first row,
     * more below a vendor's metadata rows or a mapping's {@code headerLine}.
     */
    private static int headerRows(Choice choice, SourceFile source) {
        RecordSink discard = discardingSink();
        long line = 0;
        try {
            RowReader trial = choice.format().open(source);
            if (!(trial instanceof HeaderedRowReader headered)) {
                return 1;
            }
            for (String row : choice.firstLines()) {
                trial.line(row, ++line, discard);
                if (headered.headerLine() > 0) {
                    return (int) headered.headerLine();
                }
            }
        } catch (IOException | RuntimeException e) {
            // read for real, the same rows say why
        }
        return 1;
    }

    private static RecordSink discardingSink() {
        return new RecordSink() {
            @Override
            public void sample(Sample sample) {}

            @Override
            public void channel(ChannelInfo info) {}

            @Override
            public void malformed(MalformedRowException error) {}
        };
    }

    /**
     * Whether {@code name} is numbered as a sequel of {@code first}: the same name followed by a number, after
     * a blank, an underscore or a dash or in parentheses ({@code Record1}, {@code Record_2}, {@code Record (3)}).
     */
    static boolean sequelOf(String first, String name) {
        if (!name.startsWith(first) || name.length() == first.length()) {
            return false;
        }
        return name.substring(first.length()).matches("[ _-]?\\(?[0-9]+\\)?");
    }

    /** Whether a sheet's first line (as CSV) begins with a number: a row of data, not a header. */
    private static boolean beginsWithANumber(String line) {
        int comma = line.indexOf(',');
        String cell =
                (comma < 0 ? line : line.substring(0, comma)).replace("\"", "").strip();
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Choice choose(Path file, List<SheetRows> sheets) throws IOException {
        Choice summaries = null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < sheets.size(); i++) {
            List<String> top = firstLines(sheets.get(i), CyclerFormats.SNIFF_LINES);
            seen.add(described(sheets.get(i), top));
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
                        + "). Read it with --format generic --mapping FILE, the mapping naming the data sheet's columns");
    }

    /** Rows a forced format is given to find its header in, as many as a text reader looks through. */
    private static final int FORCED_HEADER_SEARCH_ROWS = 200;

    /**
     * The first sheet whose header {@code format} (forced) finds and binds in its first rows, read as that format;
     * refused naming each sheet when none does.
     */
    private static Choice chooseFor(CyclerFormat format, SourceFile source, List<SheetRows> sheets) throws IOException {
        Path file = source.path();
        List<String> seen = new ArrayList<>();
        String why = "";
        for (int i = 0; i < sheets.size(); i++) {
            List<String> top = firstLines(sheets.get(i), FORCED_HEADER_SEARCH_ROWS);
            seen.add(described(sheets.get(i), top));
            if (top.isEmpty()) {
                continue;
            }
            String refusal = refusalOf(format, source, top);
            if (refusal == null) {
                return new Choice(i, format, top);
            }
            why = why.isEmpty() ? " The first refused: " + refusal : why;
        }
        throw new FileFormatException(
                file,
                0,
                "no sheet of this workbook reads as --format " + format.name() + " (sheets: " + String.join("; ", seen)
                        + ")." + why);
    }

    /** Why {@code format} cannot read a sheet beginning with these rows (its header not found or not bound), or null. */
    private static String refusalOf(CyclerFormat format, SourceFile source, List<String> top) {
        RecordSink discard = discardingSink();
        try {
            RowReader trial = format.open(source);
            long line = 0;
            for (String row : top) {
                trial.line(row, ++line, discard);
            }
            trial.end(discard);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    /** The most of a sheet's first row quoted in a refusal: a row can be long, a message should not be. */
    private static final int QUOTED_ROW_CHARS = 200;

    /** A sheet as a refusal names it: its name and its first row, cut at {@link #QUOTED_ROW_CHARS}. */
    private static String described(SheetRows sheet, List<String> top) {
        if (top.isEmpty()) {
            return "'" + sheet.name() + "' (empty)";
        }
        String row = top.get(0);
        return "'" + sheet.name() + "' (first row: "
                + (row.length() <= QUOTED_ROW_CHARS ? row : row.substring(0, QUOTED_ROW_CHARS) + "…") + ")";
    }

    private static List<String> firstLines(SheetRows sheet, int max) throws IOException {
        try (Stream<String> rows = sheet.lines()) {
            return rows.limit(max).toList();
        }
    }

    /** Moves to the next data sheet's rows; false when there is none. */
    private boolean nextSheet() throws IOException {
        if (rows != null) {
            rows.close();
        }
        sheetIndex++;
        if (sheetIndex >= dataSheets.size()) {
            rows = null;
            rowIterator = null;
            return false;
        }
        rows = dataSheets.get(sheetIndex).sheet().lines();
        rowIterator = rows.iterator();
        repeatedRowsLeft = dataSheets.get(sheetIndex).repeatedRows();
        return true;
    }

    @Override
    public void resumeAfter(long dataPoint) {
        resumeAfter = Math.max(resumeAfter, dataPoint);
        resuming = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (rows != null) {
                rows.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: closing a sheet's rows: {}", source.path(), e.toString());
        } finally {
            rows = null;
            rowIterator = null;
            if (workbook != null) {
                OpenWorkbook open = workbook;
                workbook = null;
                open.close();
            }
        }
    }

    /**
     * Counts what is handed over (samples for the caller) and keeps a follower's place: samples it was
     * handed before are skipped, and so are the dead letters among them, which are held until a sample
     * says where they were. Those after the last sample handed before go over again, as a binary source
     * opened again hands them ({@code DeliveredRows} skips them), except where this source reads a workbook
     * exported again over itself and knows it handed them already.
     */
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
                held.clear(); // among rows handed over before
                return;
            }
            release();
            pastResumePoint = true;
            handed++;
            samples++;
            lastDelivered = Math.max(lastDelivered, sample.dataPoint());
            deadLettersAfterLast = 0;
            sink.sample(sample);
        }

        @Override
        public void cycle(CycleSummary cycle) {
            handed++;
            sink.cycle(cycle);
        }

        @Override
        public void malformed(MalformedRowException error) {
            if (resuming && !pastResumePoint) {
                if (held.size() == MAX_HELD) {
                    held.remove(0);
                    LOG.warn(
                            "{}: over {} unreadable rows in a row among rows handed over before: the oldest are not"
                                    + " handed again",
                            source.path(),
                            MAX_HELD);
                }
                held.add(error);
                return;
            }
            deliver(error);
        }

        /** The held dead letters came after the last sample handed before: over they go, less those handed already. */
        void release() {
            for (MalformedRowException error : held) {
                if (deadLettersToSkip > 0) {
                    deadLettersToSkip--;
                } else {
                    deliver(error);
                }
            }
            held.clear();
            deadLettersToSkip = 0;
        }

        private void deliver(MalformedRowException error) {
            handed++;
            deadLettersAfterLast++;
            sink.malformed(error);
        }
    }
}
