package io.cellwatch.ingest.format.generic;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.biologic.EcLabLoopIndexes;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.layout.Quantity;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Any delimited file, read through a {@link ColumnMapping}. Never chosen by detection: it is
 * {@code --format generic --mapping FILE}.
 *
 * <p>Without a cycle column, a cycle starts each time the current turns back to the direction the
 * file began with (charge-first files: charge then discharge is one cycle; half cells that start
 * with lithiation: discharge then charge). Without capacity columns the summarizer integrates the
 * current. With a {@code loopFile}, each loop EC-Lab's loop index file names is a cycle instead.
 */
public final class GenericCsvFormat extends NamedFormat {
    public static final String NAME = "generic";

    private final ColumnMapping mapping;
    /** Reading a workbook's sheet as CSV lines: commas and decimal points, whatever delimiter the mapping names. */
    private final boolean sheetLines;

    public GenericCsvFormat(ColumnMapping mapping) {
        this(mapping, false);
    }

    private GenericCsvFormat(ColumnMapping mapping, boolean sheetLines) {
        super(NAME, "any delimited file, read through a column-mapping file (--mapping FILE); never detected");
        this.mapping = mapping;
        this.sheetLines = sheetLines;
    }

    /** This mapping applied to a workbook sheet's rows, which the xlsx reader hands over as comma-separated lines. */
    public GenericCsvFormat readingSheetLines() {
        return new GenericCsvFormat(mapping, true);
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return false;
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source, mapping, sheetLines);
    }

    /** The mapping's columns with its few rules: header line, delimiter, constant current, derived cycles. */
    private static final class Reader extends LayoutRowReader {
        private final ColumnMapping mapping;
        private final boolean sheetLines;
        private final int headerLine;
        private Double constantCurrentA;
        private EcLabLoopIndexes loops;

        Reader(SourceFile source, ColumnMapping mapping, boolean sheetLines) {
            super(source, new MappedColumns(mapping));
            this.mapping = mapping;
            this.sheetLines = sheetLines;
            this.headerLine = mapping.headerLine() == null ? 1 : mapping.headerLine();
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return lineNumber == headerLine;
        }

        @Override
        protected long preambleLimit() {
            return Math.max(MAX_PREAMBLE_LINES, Math.min(headerLine + 1L, MAX_DECLARED_HEADER_LINE));
        }

        @Override
        protected char delimiter(String line) {
            if (sheetLines) {
                return ',';
            }
            if (mapping.delimiter() != null) {
                return mapping.delimiter().charAt(0);
            }
            if (line.indexOf('\t') >= 0) {
                return '\t';
            }
            return line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
        }

        @Override
        protected boolean decimalComma(char delimiter) {
            return delimiter != ',';
        }

        @Override
        protected void bound(Header header, BoundColumns columns, long line) throws IOException {
            if (!columns.has(Quantity.CURRENT)) {
                constantCurrentA = MappedColumns.constantCurrentA(mapping);
            }
            if (mapping.loopFile() != null) {
                Path loopFile = mapping.loopFileOf(source.path());
                try {
                    loops = EcLabLoopIndexes.read(loopFile);
                } catch (IOException e) {
                    throw new FileFormatException(source.path(), line, "mapping: loopFile: " + e.getMessage());
                }
            }
        }

        @Override
        protected boolean cyclesFromDirection(BoundColumns columns) {
            return !columns.has(Quantity.CYCLE) && loops == null;
        }

        @Override
        protected void adjust(Cells c, SampleRow r, BoundColumns columns) throws MalformedRowException {
            if (constantCurrentA != null) {
                r.currentA = constantCurrentA;
            }
            if (loops != null) {
                // dataRows() counts this row, unreadable rows included, as EC-Lab's indexes do
                r.cycleIndex = loops.loopOf(dataRows() - 1) + 1;
            }
        }
    }

    /** For messages: the quantities a mapping can name. */
    public static Map<String, String> quantities() {
        return ColumnMapping.QUANTITIES;
    }
}
