package io.cellwatch.ingest.format.text;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import java.io.IOException;

/**
 * The shape most exports share: some preamble lines, a header row naming the columns, then one
 * sample per row. Subclasses bind the header's columns once and read a row; those whose header is
 * not a comma-separated first line say which line it is and what separates its cells.
 */
public abstract class HeaderedRowReader implements RowReader {
    /** Lines searched for the header before giving up on the file, where the format does not say its line. */
    protected static final int MAX_PREAMBLE_LINES = 200;
    /**
     * The most preamble lines a format that says its header line is trusted with (a corrupt count must not
     * have a whole file read as preamble); EC-Lab's linked techniques write a few hundred.
     */
    protected static final long MAX_DECLARED_HEADER_LINE = 10_000;

    protected final SourceFile source;
    private final SampleRow row = new SampleRow();
    private Delimited delimited;
    private Cells cells;
    private boolean headerSeen;
    private long headerLineNumber;
    private long dataRows;
    /** How many names the header row has. */
    private int headerFields;

    private long linesSeen;

    protected HeaderedRowReader(SourceFile source) {
        this.source = source;
    }

    /** Whether this line (not yet split) is the header row; by default the first line is. */
    protected boolean isHeader(String line, long lineNumber) {
        return lineNumber == 1;
    }

    /** The delimiter of the file, decided from its header line; by default a comma. */
    protected char delimiter(String headerLine) {
        return ',';
    }

    /**
     * The header row's names as they are to be split: the line itself, or less a vendor's mark before it. Called
     * first when the header row comes, before {@link #delimiter}, {@link #decimalComma} and {@link #unitStyle}.
     */
    protected String headerText(String headerLine) {
        return headerLine;
    }

    /** Binds the header's columns; a missing required column is a {@link FileFormatException}. */
    protected abstract void bind(Header header, long lineNumber) throws IOException;

    /** How units are written next to column names. */
    protected Header.UnitStyle unitStyle() {
        return Header.UnitStyle.PARENTHESES;
    }

    /**
     * Whether a row may hold more values than the header names, the ones past the header's end not read: a
     * vendor that writes unnamed columns after the named ones (Novonix). Otherwise such a row is refused, since
     * its values cannot be matched to columns ({@link #requireNoExtraFields}).
     */
    protected boolean unnamedTrailingValues() {
        return false;
    }

    /** Whether numbers may use a decimal comma. */
    protected boolean decimalComma(char delimiter) {
        return false;
    }

    /**
     * Reads one data row into {@code row} (cleared beforehand).
     *
     * @return false when the row is not a sample (a vendor's summary line): nothing is emitted
     */
    protected abstract boolean read(Cells cells, SampleRow row, RecordSink sink)
            throws MalformedRowException, IOException;

    /** What the header row looks like, for the message when a file has none. */
    protected String expectedHeader() {
        return "header row";
    }

    /**
     * The line by which the header row must have come: a format that says where its header is (EC-Lab's
     * {@code Nb header lines}, a mapping's {@code headerLine}) is searched that far, others
     * {@link #MAX_PREAMBLE_LINES}.
     */
    protected long preambleLimit() {
        return MAX_PREAMBLE_LINES;
    }

    /** Called for preamble lines before the header (metadata lines). */
    protected void preamble(String line, long lineNumber) throws IOException {}

    @Override
    public final void line(String line, long lineNumber, RecordSink sink) throws IOException {
        linesSeen = lineNumber;
        if (!headerSeen) {
            if (isHeader(line, lineNumber)) {
                headerSeen = true;
                headerLineNumber = lineNumber;
                String text = headerText(line); // first: a reader may learn its layout from the header here
                char d = delimiter(line);
                delimited = new Delimited(d);
                cells = new Cells(source.path(), decimalComma(d));
                String[] names = delimited.split(text);
                headerFields = names.length;
                bind(new Header(names, unitStyle()), lineNumber);
            } else if (lineNumber >= preambleLimit()) {
                throw new FileFormatException(
                        source.path(),
                        lineNumber,
                        "no " + expectedHeader() + " found in the first " + preambleLimit() + " lines");
            } else {
                preamble(line, lineNumber);
            }
            return;
        }
        if (line.isBlank()) {
            return;
        }
        dataRows++;
        try {
            String[] fields = delimited.split(line);
            if (!unnamedTrailingValues()) {
                requireNoExtraFields(fields, lineNumber);
            }
            cells.reset(fields, lineNumber);
            if (read(cells, row.clear(), sink)) {
                sink.sample(row.toSample(source.channelId(), dataRows, source.path(), lineNumber));
            }
        } catch (MalformedRowException e) {
            sink.malformed(e);
        } catch (FileFormatException e) {
            throw e; // the file's layout is wrong (a vendor's row of units naming no unit it has): not one row
        } catch (IOException e) {
            sink.malformed(new MalformedRowException(source.path(), lineNumber, "row", e.getMessage(), e));
        }
    }

    /**
     * A row with more values than the header has names is not read: its values cannot be matched to
     * columns. The usual cause is a decimal comma in a comma-separated file (a European PC's export:
     * {@code 3,712} is two fields), which read as it splits would put every later value under the wrong
     * column without an error. Empty fields past the header's end (a trailing delimiter) are no values.
     */
    private void requireNoExtraFields(String[] fields, long lineNumber) throws MalformedRowException {
        for (int i = headerFields; i < fields.length; i++) {
            if (!fields[i].isBlank()) {
                throw new MalformedRowException(
                        source.path(),
                        lineNumber,
                        "row",
                        fields.length + " values where the header names " + headerFields
                                + " columns (a decimal comma in a file separated by commas?)");
            }
        }
    }

    @Override
    public void end(RecordSink sink) throws IOException {
        if (!headerSeen) {
            throw new FileFormatException(
                    source.path(),
                    linesSeen,
                    "no " + expectedHeader() + " found: the file ended after " + linesSeen + " line(s)");
        }
    }

    /** The line the header row was found on, or 0 before it is found. */
    public long headerLine() {
        return headerSeen ? headerLineNumber : 0;
    }

    /** Data rows seen so far (including unreadable ones). */
    protected long dataRows() {
        return dataRows;
    }
}
