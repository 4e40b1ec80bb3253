package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.DirectionCycles;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.HeaderedRowReader;
import java.io.IOException;

/**
 * Reads an export that is a {@link ColumnLayout} (or a user's mapping): by default delimited as its header shows
 * (comma, or semicolon or tab with decimal commas) with its header on the first line. A vendor with a different header (Maccor's metadata lines, EC-Lab's preamble) or a
 * rule the layout cannot say (Maccor's millivolts) subclasses it and overrides only that.
 */
public class LayoutRowReader extends HeaderedRowReader {
    private final ColumnBinder binder;
    private BoundColumns columns;
    /** Cycles counted from the rows' direction, where the reader asks for them ({@link #cyclesFromDirection}). */
    private DirectionCycles derivedCycles;

    public LayoutRowReader(SourceFile source, ColumnBinder binder) {
        super(source);
        this.binder = binder;
    }

    /** Comma-, semicolon- or tab-separated, as the header line shows ({@link Header#delimiterOf}). */
    @Override
    protected char delimiter(String headerLine) {
        return Header.delimiterOf(headerLine);
    }

    /** A file not separated by commas is free to write its numbers with a decimal comma, and a European PC's does. */
    @Override
    protected boolean decimalComma(char delimiter) {
        return delimiter != ',';
    }

    @Override
    protected void bind(Header header, long line) throws IOException {
        columns = binder.bind(header, source, line);
        bound(header, columns, line);
        derivedCycles = cyclesFromDirection(columns) ? new DirectionCycles() : null;
    }

    /**
     * Whether the rows' cycles are counted from their direction ({@link DirectionCycles}) rather than read: for a
     * vendor whose file may name no cycle column (or one that counts something else). Asked once the columns are
     * bound; by default no.
     */
    protected boolean cyclesFromDirection(BoundColumns columns) {
        return false;
    }

    /** After the layout's columns are found: a vendor's checks and column-dependent settings. */
    protected void bound(Header header, BoundColumns columns, long line) throws IOException {}

    @Override
    protected final boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException, IOException {
        if (!isSample(c, columns)) {
            return false;
        }
        columns.read(c, r);
        adjust(c, r, columns);
        if (derivedCycles != null) {
            r.cycleIndex = derivedCycles.cycleOf(r);
        }
        columns.count(r);
        return true;
    }

    /**
     * Whether a data row is a sample; false for a line a vendor writes among its rows that holds none (Digatron's
     * row of units under the header), which is passed over without a dead letter. A reader may bind the columns
     * again from it ({@link #bind}); a {@link io.cellwatch.ingest.format.text.FileFormatException} refuses the
     * file.
     */
    protected boolean isSample(Cells c, BoundColumns columns) throws IOException {
        return true;
    }

    /** A vendor's rule for a row whose columns are read, before its counters are finished. */
    protected void adjust(Cells c, SampleRow r, BoundColumns columns) throws MalformedRowException {}
}
