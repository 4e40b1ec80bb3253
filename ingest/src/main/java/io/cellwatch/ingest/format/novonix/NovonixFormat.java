package io.cellwatch.ingest.format.novonix;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
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
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.row.RunningBalanceSplit;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Novonix UHPC data files (the high-precision coulometry cyclers' CSV): a {@code [Summary]} block (channel,
 * cell, mass, capacity, area, start time, software version), a {@code [Protocol]} block, then {@code [Data]}
 * and a comma-separated header {@code Date and Time, Cycle Number, Step Type, Run Time (h), Step Time (h),
 * Current (A), Potential (V), Capacity (Ah), Temperature (°C), ..., Energy (Wh), ..., Step Number, ...}. Test
 * time is in hours. {@code Capacity} and {@code Energy} are single signed counters kept as a running balance:
 * a charge adds to them and a discharge takes from them, across steps and cycles, as two real exports show
 * (software 2.3.0 and 3.0.2.1); {@link RunningBalanceSplit} also reads a counter that starts again at a step.
 * A row's direction is the current's sign (Novonix's numeric step type names the step's control, 0 open
 * circuit, and is written 1 for some discharges: {@link StepTypes#novonix}). Rows carry values in unnamed
 * columns after the named ones, which are not read; the wall clock is written {@code 2023-06-14 5:22:45 PM}.
 * Older files name no {@code Step Type} and write the type code under {@code Step Number}
 * ({@link #WITHOUT_STEP_TYPE}). A test restarted on the channel may be written into the same file: a second
 * {@code [Summary]} block among the rows, then the new test's {@code [Data]} and header, its clock and cycles
 * starting again (which the pipeline hears as a new test).
 */
public final class NovonixFormat extends NamedFormat {
    public static final String NAME = "novonix";
    private static final String DATA_MARK = "[Data]";
    private static final String SUMMARY_MARK = "[Summary]";
    /** A second: run time and step time written to the same instant differ by their rounding. */
    private static final double SAME_TIME_S = 1;
    /** Copies of older rows come one or two at a time in the export that has them; three is a margin. */
    private static final int MAX_COPIES_IN_A_ROW = 3;

    /**
     * Files of older Novonix software name no {@code Step Type}: their {@code Step Number} holds the step's type
     * code instead (0 for every rest), so it is read as the step type and no step index is read.
     */
    static final ColumnLayout WITHOUT_STEP_TYPE = layout(null, "Step Number").build();

    static final ColumnLayout LAYOUT = layout("Step Number", "Step Type").build();

    /** The columns both generations name alike, with the step index and step type under these names (or none). */
    private static ColumnLayout.Builder layout(String stepIndex, String stepType) {
        ColumnLayout.Builder b = ColumnLayout.builder()
                .optional(WALL_TIME, "Date and Time")
                .required(TEST_TIME, "Run Time")
                .required(CYCLE, "Cycle Number");
        if (stepIndex != null) {
            b.optional(STEP, stepIndex);
        }
        return b.optional(STEP_TYPE, stepType)
                .required(CURRENT, "Current")
                .required(VOLTAGE, "Potential")
                .columnRequired(CAPACITY, "Capacity")
                .optional(ENERGY, "Energy")
                .optional(TEMPERATURE, "Temperature")
                .optional(STEP_TIME, "Step Time")
                .stepTypes(StepTypes::novonix)
                .counters(CounterRule.RUNNING_BALANCE);
    }

    public NovonixFormat() {
        super(
                NAME,
                "Novonix UHPC CSV: '[Summary]' block naming Novonix, then '[Data]' and 'Date and Time,Cycle Number,"
                        + "Step Type,Run Time (h),...,Current (A),Potential (V),Capacity (Ah),...'");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        if (firstLines.size() < 2 || !firstLines.get(0).strip().equals("[Summary]")) {
            return false;
        }
        return firstLines.stream().limit(4).anyMatch(line -> line.contains("Novonix"));
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout after the summary and protocol blocks: the header is the line after {@code [Data]}. */
    private static final class Reader extends LayoutRowReader {
        private long dataMark = -1;
        /** The line of a later {@code [Summary]} whose test's header has not come yet, or -1. */
        private long restartMark = -1;

        private boolean headerNext;
        /** The last row read: its run time, and the test's first run time and cycle. */
        private double lastRunTimeS;

        private double firstRunTimeS;
        private int firstCycle;
        private boolean anyRow;
        /** Rows in a run refused as copies of older rows. */
        private int copiesInARow;

        Reader(SourceFile source) {
            super(
                    source,
                    (header, file, line) ->
                            (header.has("Step Type") ? LAYOUT : WITHOUT_STEP_TYPE).bind(header, file, line));
        }

        /** Novonix writes values in unnamed columns after the named ones (20 values under 15 names). */
        @Override
        protected boolean unnamedTrailingValues() {
            return true;
        }

        @Override
        protected void preamble(String line, long lineNumber) {
            if (dataMark < 0 && line.strip().equals(DATA_MARK)) {
                dataMark = lineNumber;
            }
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return dataMark > 0 && lineNumber == dataMark + 1;
        }

        /**
         * A second {@code [Summary]} among the rows starts a test restarted in the same file: its blocks are
         * passed over and the header after its {@code [Data]} is bound, as the first one was.
         */
        @Override
        protected boolean isSample(Cells c, BoundColumns columns) throws IOException {
            String first = c.first().strip();
            if (restartMark < 0) {
                if (!first.equals(SUMMARY_MARK)) {
                    return true;
                }
                restartMark = c.line();
                return false;
            }
            if (headerNext) {
                bind(new Header(c.values(), unitStyle()), c.line());
                anyRow = false; // the next row is the new test's first
                restartMark = -1;
                headerNext = false;
            } else if (first.equals(DATA_MARK)) {
                headerNext = true;
            } else if (c.line() - restartMark >= MAX_DECLARED_HEADER_LINE) {
                throw noData(c.line(), "no '[Data]' within " + MAX_DECLARED_HEADER_LINE + " lines");
            }
            return false;
        }

        /**
         * A copy of an older row: the 3.0.2.1 export writes one now and then at the end of a pulse, with the run
         * time and balance of hours before and the pulse's current and step. Its balance would read as an
         * ampere-hour of discharge that never flowed, and its cycle may be an older one: it is refused, naming both
         * run times. More such rows in a run than copies come in ({@link #MAX_COPIES_IN_A_ROW}) are the clock set
         * back while the test goes on, read from there; a row behind that is a test's first ({@link #isTestStart})
         * starts a new test, its counters from zero.
         */
        @Override
        protected void adjust(Cells c, SampleRow r, BoundColumns columns) throws MalformedRowException {
            boolean behind = anyRow && r.testTimeS < lastRunTimeS;
            if (behind && isTestStart(r, columns.stepTimeS())) {
                columns.startTest();
                anyRow = false;
            } else if (behind && ++copiesInARow <= MAX_COPIES_IN_A_ROW) {
                throw c.malformed(
                        columns.column(TEST_TIME),
                        String.format(
                                Locale.ROOT,
                                "%.4f h is before the row above's %.4f h: a copy of an older row, or the clock set"
                                        + " back, not read",
                                r.testTimeS / 3600,
                                lastRunTimeS / 3600));
            }
            copiesInARow = 0;
            if (!anyRow) {
                firstRunTimeS = r.testTimeS;
                firstCycle = r.cycleIndex;
            }
            anyRow = true;
            lastRunTimeS = r.testTimeS;
        }

        /**
         * Whether a row behind the one above is a test started again: its run time its step's (the test's first
         * step, the two clocks started together; a copy keeps the step time of the step it was written in); without
         * a step time, its run time and cycle back at the running test's first (a copy of an older row of a file
         * that begins mid-test cannot then be told from a new test).
         */
        private boolean isTestStart(SampleRow r, Double stepTimeS) {
            if (stepTimeS != null) {
                return Math.abs(r.testTimeS - stepTimeS) <= SAME_TIME_S;
            }
            return r.testTimeS <= firstRunTimeS && r.cycleIndex <= firstCycle;
        }

        /** A file that ends inside a later test's blocks: whatever followed its {@code [Summary]} was not read. */
        @Override
        public void end(RecordSink sink) throws IOException {
            super.end(sink);
            if (restartMark >= 0) {
                throw noData(restartMark, "the file ends before its '[Data]' and column row");
            }
        }

        private FileFormatException noData(long line, String why) {
            return new FileFormatException(
                    source.path(), line, "the '[Summary]' at line " + restartMark + " starts no data: " + why);
        }

        @Override
        protected long preambleLimit() {
            // The protocol block lists every step of the schedule: hundreds of lines are possible.
            return MAX_DECLARED_HEADER_LINE;
        }

        @Override
        protected char delimiter(String headerLine) {
            return ',';
        }

        @Override
        protected boolean decimalComma(char delimiter) {
            return false;
        }

        @Override
        protected String expectedHeader() {
            return "Novonix column row after '[Data]' ('Date and Time,Cycle Number,Step Type,Run Time (h),...')";
        }
    }
}
