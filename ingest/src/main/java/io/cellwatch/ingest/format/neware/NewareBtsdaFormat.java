package io.cellwatch.ingest.format.neware;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Delimited;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Neware BTSDA's hierarchical CSV export: three header lines (cycle, step and record columns),
 * then cycle rows (first cell = cycle index, sometimes followed on the same line by the cycle's
 * first step row), step rows (first cell empty) and record rows (first two cells empty).
 *
 * <p>Records carry one {@code Capacity(Ah)} and one {@code Energy(Wh)} counter that restart at
 * every step; the direction is the enclosing step's type ({@code CC Chg}, {@code CC DChg},
 * {@code Rest}, ...). The software's own cycle rows are not used: cellwatch computes the same
 * numbers from the records (summing each step's counter reproduces every vendor cycle value).
 */
public final class NewareBtsdaFormat extends NamedFormat {
    public static final String NAME = "neware-btsda";

    /** The record rows' columns (the third header line); cycle, step and step type come from the rows above. */
    static final ColumnLayout RECORDS = ColumnLayout.builder()
            .required(DATA_POINT, "DataPoint", "Record ID", "Record Index")
            // BTSDA 7.x's records carry only the step's time (Time(h:min:s.ms)) and the wall clock: the test
            // time is then counted from the first Realtime stamp (ColumnLayout takes either).
            .optional(TEST_TIME, "Total Time", "Cumulative Time")
            // Vol(mV), Cur(mA), Cap(mAh): the short names some BTSDA versions write (and BTS 7's Detail sheet's Cur).
            .required(CURRENT, "Current", "Cur")
            .required(VOLTAGE, "Voltage", "Vol")
            .required(CAPACITY, "Capacity", "Cap")
            .optional(ENERGY, "Energy")
            .optional(WALL_TIME, "Date", "Realtime")
            .optional(TEMPERATURE, "T1", "Temperature")
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .build();

    public NewareBtsdaFormat() {
        super(
                NAME,
                "Neware BTSDA hierarchical CSV: cycle, step and record header lines ('Cycle Index,...', ',Step Index,...', ',,DataPoint,...')");
    }

    /**
     * The three header lines, comma-separated (the CSV export) or tab-separated (BTSDA 7.4's and BTS TestControl
     * 5.3's "general report" {@code .txt}, whose names may be padded with spaces before the tab).
     */
    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        if (firstLines.size() < 3) {
            return false;
        }
        char d = delimiterOf(firstLines.get(0));
        String cycles = compact(firstLines.get(0), d);
        return (cycles.startsWith("CycleIndex" + d) || cycles.startsWith("CycleID" + d))
                && compact(firstLines.get(1), d).startsWith(d + "Step")
                && compact(firstLines.get(2), d).startsWith("" + d + d);
    }

    /**
     * A header line without what pads its cells: the report's spaces, and the quotes and tab inside them of BTSDA
     * 7.x's comma-separated export ({@code ,"\tStep ID","\tStep Name",...}, as in BEEP's test file).
     */
    private static String compact(String line, char delimiter) {
        String s = line.replace(" ", "").replace("\"", "");
        return delimiter == '\t' ? s : s.replace("\t", "");
    }

    /** A tab before any comma on the cycle header line makes a tab-separated export. */
    static char delimiterOf(String cycleHeader) {
        int tab = cycleHeader.indexOf('\t');
        int comma = cycleHeader.indexOf(',');
        return tab >= 0 && (comma < 0 || tab < comma) ? '\t' : ',';
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** Follows the hierarchy: the latest cycle and step row give each record its cycle, step and direction. */
    private static final class Reader implements RowReader {
        private final SourceFile source;
        private Delimited csv = new Delimited(',');
        private final Cells cells;
        private final SampleRow row = new SampleRow();
        private int cycleHeaderSize;
        private Column stepIndex;
        private Column stepTypeColumn;
        private BoundColumns records;
        private Integer cycle;
        private int step;
        private StepType stepType;
        private long recordCount;

        Reader(SourceFile source) {
            this.source = source;
            this.cells = new Cells(source.path(), false);
        }

        @Override
        public void line(String line, long lineNumber, RecordSink sink) throws IOException {
            if (lineNumber <= 3) {
                header(line, lineNumber);
                return;
            }
            if (line.isBlank()) {
                return;
            }
            String[] f = csv.split(line);
            try {
                // (A tab-separated report pads its cells with spaces: a cell of spaces is an empty one.)
                if (f.length > 0 && !f[0].isBlank()) {
                    cycleRow(f, lineNumber);
                } else if (f.length > 1 && !f[1].isBlank()) {
                    stepRow(f, lineNumber);
                } else {
                    recordCount++;
                    recordRow(f, lineNumber, sink);
                }
            } catch (MalformedRowException e) {
                sink.malformed(e);
            }
        }

        private void header(String line, long lineNumber) throws IOException {
            Path file = source.path();
            if (lineNumber == 1) {
                // Decimal points only: a comma in a number is refused, not guessed at (a tab report's "3,500" could be
                // a European PC's 3.5 or a thousands separator's 3500).
                csv = new Delimited(delimiterOf(line));
            }
            String[] f = csv.split(line);
            Header h = new Header(f, Header.UnitStyle.PARENTHESES);
            if (lineNumber == 1) {
                h.require(file, lineNumber, "cycle index", "Cycle Index", "Cycle ID");
                cycleHeaderSize = f.length;
            } else if (lineNumber == 2) {
                stepIndex = h.require(file, lineNumber, "step index", "Step Index", "Step ID");
                stepTypeColumn = h.require(file, lineNumber, "step type", "Step Type", "Step Name", "Status");
            } else {
                records = RECORDS.bind(h, source, lineNumber);
            }
        }

        private void cycleRow(String[] f, long lineNumber) throws MalformedRowException {
            Column index = new Column(0, "Cycle Index", null);
            cycle = cells.reset(f, lineNumber).integer(index);
            if (f.length > cycleHeaderSize) {
                // The cycle's first step row written on the cycle row's line, without its leading empty cell.
                String[] stepCells = new String[f.length - cycleHeaderSize + 1];
                stepCells[0] = "";
                System.arraycopy(f, cycleHeaderSize, stepCells, 1, f.length - cycleHeaderSize);
                stepRow(stepCells, lineNumber);
            }
        }

        private void stepRow(String[] f, long lineNumber) throws MalformedRowException {
            cells.reset(f, lineNumber);
            step = cells.integer(stepIndex);
            String type = cells.text(stepTypeColumn).strip();
            if (type.isEmpty()) {
                throw cells.malformed(stepTypeColumn, "missing");
            }
            stepType = StepTypes.neware(type);
        }

        private void recordRow(String[] f, long lineNumber, RecordSink sink) throws MalformedRowException {
            Cells c = cells.reset(f, lineNumber);
            if (cycle == null || stepType == null) {
                throw c.malformed(
                        "row",
                        "a record row before any cycle and step row: "
                                + Arrays.toString(Arrays.copyOf(f, Math.min(f.length, 4))));
            }
            SampleRow r = row.clear();
            records.read(c, r);
            r.cycleIndex = cycle;
            r.stepIndex = step;
            r.stepType = stepType;
            records.count(r);
            sink.sample(r.toSample(source.channelId(), recordCount, source.path(), lineNumber));
        }

        @Override
        public void end(RecordSink sink) throws IOException {
            if (records == null) {
                throw new FileFormatException(source.path(), 0, "the file ended inside its three header lines");
            }
        }
    }
}
