package io.cellwatch.ingest.format.maccor;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.row.DirectionCycles;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.SingleCounterSplit;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.model.StepType;
import java.nio.file.Path;
import java.util.List;

/**
 * Maccor text exports: tab-separated, one or more metadata lines ({@code Today's Date ... Date of
 * Test: ... Procedure: ...}), then a header starting {@code Rec#}. Units come in two profiles:
 * {@code Amp-hr}, {@code Watt-hr}, {@code Amps}, {@code Volts}, or the milli profile
 * {@code mAmp-hr}, {@code mWatt-hr}, {@code mAmps} in which {@code Volts} may hold millivolts
 * (cellpy's {@code maccor_three}); that is decided from the first row, since no cell reads 50 V.
 * Test time is seconds ({@code Test (Sec)}) or {@code 0d 00:00:00.00} ({@code TestTime}).
 *
 * <p>{@code Amp-hr} and {@code Watt-hr} are single counters whose direction is the {@code State}
 * column (C, D, R, O, S); depending on the procedure they reset per step or run on across steps
 * of a cycle. {@link SingleCounterSplit} turns them into charge and discharge counters.
 *
 * <p>A second layout, with units in brackets, comes from MIMS templates some labs use (KIT's, in the SIMBA
 * project, as cellpy's {@code maccor_txt_two} describes it): comment lines, then {@code Rec  Cycle P  Cycle C
 * Step  TestTime  StepTime  Cap. [Ah]  Ener. [Wh]  Current [A]  Voltage [V]  Md  DPT Time}, tab-separated,
 * written with decimal commas from a German PC; {@code Md} is the state, {@code Cap.} and {@code Ener.} the
 * single counters, {@code Current} a magnitude.
 *
 * <p>MIMS Client's own layout (a public 2024 export): the metadata line, then {@code Rec#  Cycle P  Cycle C  Step
 * Test Time (sec)  Step Time (sec)  Capacity (AHr)  Energy (WHr)  Current (A)  Voltage (V)  MD  ES  DPT}: the
 * same columns under other names, {@code Cycle C} the cycle, the current a magnitude. In that export {@code Cycle C}
 * goes to 2 as each charge begins and back to 1 in the middle of it, the step, step time and counter running on:
 * a cycle column that goes back inside a step while the test clock runs on is no cycle the cycler made, and from
 * that row the file's cycles are counted from its direction ({@link DirectionCycles}), their numbers going on
 * from the file's own.
 */
public final class MaccorTextFormat extends NamedFormat {
    public static final String NAME = "maccor";
    /** A voltage column reading above this in a milli-unit export is in millivolts. */
    private static final double MILLIVOLT_EVIDENCE_V = 50;

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .required(DATA_POINT, "Rec#", "Rec")
            .required(CYCLE, "Cyc#", "Cycle", "Cycle C", "Cycle P")
            .optional(STEP, "Step")
            .required(STEP_TYPE, "State", "MD")
            .required(TEST_TIME, "Test (Sec)", "TestTime", "Test Time")
            .columnRequired(CAPACITY, "Amp-hr", "mAmp-hr[mAh]", "Cap.", "Capacity")
            .optional(ENERGY, "Watt-hr", "mWatt-hr[mWh]", "Ener.", "Energy")
            .required(CURRENT, "Amps", "mAmps[mA]", "Current")
            .required(VOLTAGE, "mVolts[mV]", "Volts", "Voltage")
            .optional(WALL_TIME, "DPt Time", "DPT")
            .optional(TEMPERATURE, "Temp 1", "Temperature")
            .stepTypes(StepTypes::maccor)
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .build();

    public MaccorTextFormat() {
        super(
                NAME,
                "Maccor text export: tab-separated, metadata line(s), header 'Rec#  Cyc#  Step ... Amp-hr ... State'");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return firstLines.stream().anyMatch(MaccorTextFormat::isHeaderLine);
    }

    static boolean isHeaderLine(String line) {
        String s = line.stripLeading();
        return s.startsWith("Rec#\t") && s.contains("State") && (s.contains("Amp-hr") || s.contains("Amps"))
                || isBracketHeaderLine(s)
                || isMimsHeaderLine(s);
    }

    /** MIMS Client's layout: {@code Rec#}, a {@code MD} state, {@code Current (A)}, {@code Voltage (V)}. */
    static boolean isMimsHeaderLine(String line) {
        String s = line.stripLeading();
        return s.startsWith("Rec#\t") && s.contains("\tMD\t") && s.contains("Current (") && s.contains("Voltage (");
    }

    /** The layout with units in brackets: {@code Rec}, a {@code Md} state, {@code Current [A]}, {@code Voltage [V]}. */
    static boolean isBracketHeaderLine(String line) {
        String s = line.stripLeading();
        return s.startsWith("Rec\t") && s.contains("\tMd") && s.contains("Current [") && s.contains("Voltage [");
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout behind Maccor's header row, with the milli profile's volts-or-millivolts rule. */
    private static final class Reader extends LayoutRowReader {
        private boolean voltsUndecided;
        /** The cycles counted from the direction once the file's cycle column went back inside a step, or null. */
        private DirectionCycles directionCycles;
        /** What is added to that count: the row where the file's went back keeps the number of the rows above. */
        private int directionOffset;

        private boolean anyRow;
        private int lastFileCycle;
        private int lastStepIndex;
        private double lastTestTimeS;
        /** The direction of the row where the file's cycle number last went up (null before, or at a rest). */
        private StepType directionAtLastIncrease;
        /** The layout with units in brackets (and, from the PCs that write it, decimal commas). */
        private boolean brackets;

        Reader(SourceFile source) {
            super(source, LAYOUT);
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return isHeaderLine(line);
        }

        @Override
        protected char delimiter(String headerLine) {
            return '\t';
        }

        @Override
        protected String headerText(String headerLine) {
            brackets = isBracketHeaderLine(headerLine);
            return headerLine;
        }

        @Override
        protected Header.UnitStyle unitStyle() {
            return brackets ? Header.UnitStyle.BRACKETS : Header.UnitStyle.PARENTHESES;
        }

        /**
         * MacTest and MIMS Client write a decimal point, tab-separated or not: a comma in a number is refused, not
         * guessed at. The bracket layout's template is written with decimal commas (cellpy reads it so).
         */
        @Override
        protected boolean decimalComma(char delimiter) {
            return brackets;
        }

        @Override
        protected String expectedHeader() {
            return "Maccor header row (tab-separated, starting 'Rec#', with 'State' and 'Amp-hr' or 'Amps', or 'MD',"
                    + " 'Current (A)' and 'Voltage (V)'; or 'Rec', with 'Md', 'Current [A]' and 'Voltage [V]')";
        }

        @Override
        protected void bound(Header header, BoundColumns columns, long line) {
            voltsUndecided = "mA".equals(columns.unit(CURRENT)) && "V".equals(columns.unit(VOLTAGE));
        }

        @Override
        protected void adjust(Cells c, SampleRow r, BoundColumns columns) {
            // MacTest writes Amps signed (discharge negative, as the shared exports); MIMS Client and others
            // write it unsigned, the direction in State alone (battdat's and navani's Maccor readers negate
            // it there). A positive current in a discharge state is such a magnitude.
            if (r.stepType == StepType.DISCHARGE && r.currentA > 0) {
                r.currentA = -r.currentA;
            }
            if (voltsUndecided) {
                voltsUndecided = false;
                if (Math.abs(r.voltageV) > MILLIVOLT_EVIDENCE_V) {
                    columns.scaleBy(VOLTAGE, 1e-3);
                    r.voltageV *= 1e-3;
                }
            }
            cycleFromDirectionOnceTheFilesWentBack(r);
        }

        private void cycleFromDirectionOnceTheFilesWentBack(SampleRow r) {
            int fileCycle = r.cycleIndex;
            StepType direction = r.stepType != null ? r.stepType : StepType.fromCurrent(r.currentA, 0);
            if (directionCycles == null
                    && anyRow
                    && fileCycle < lastFileCycle
                    && r.stepIndex == lastStepIndex
                    && r.testTimeS >= lastTestTimeS) {
                // From here a cycle starts where the file's own last started: on the direction its number went up
                // on. The row keeps the number of the rows above it, in its step.
                directionCycles = new DirectionCycles();
                if (directionAtLastIncrease != null) {
                    directionCycles.cycleOf(directionAtLastIncrease);
                }
                directionOffset = lastFileCycle - 1;
            }
            if (anyRow && fileCycle > lastFileCycle) {
                directionAtLastIncrease = direction.underCurrent() ? direction : null;
            }
            anyRow = true;
            lastFileCycle = fileCycle;
            lastStepIndex = r.stepIndex;
            lastTestTimeS = r.testTimeS;
            if (directionCycles != null) {
                r.cycleIndex = directionCycles.cycleOf(direction) + directionOffset;
            }
        }
    }
}
