package io.cellwatch.ingest.format.basytec;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
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
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * BaSyTec result files (the BaSyTec Battery Test System's text export): metadata lines that begin with
 * {@code ~}, then the column row, itself begun with {@code ~}: {@code ~Time[h]  DataSet  DateTime  t-Step[h]
 * Line  Command  U[V]  I[A]  Ah[Ah]  Ah-Step  Wh[Wh]  Wh-Step  T1[°C]  Cyc-Count  Count  State}, the columns
 * as the lab chose them, separated by tabs, units in brackets, numbers with a decimal comma or point as the
 * PC's locale writes them, dates day first with dots ({@code 05.05.2025 14:36:06}). Test time is in hours;
 * the current is negative on discharge.
 *
 * <p>{@code Command} is the plan line that logged the row ({@code Charge}, {@code Discharge}, {@code Pause};
 * {@link StepTypes#basytec}). {@code Cyc-Count} counts the plan's loops, which a plan may nest, restart or
 * not have, so cycles are counted from the direction instead ({@link DirectionCycles}): a cycle starts each
 * time the file's first direction comes back. Capacities: {@code Ah-Step}, the step's charge (signed by
 * direction, restarting each step), split by the row's direction; else {@code Ah-Cyc-Charge-0} and {@code
 * Ah-Cyc-Discharge-0}, the plan cycle's charge and discharge so far; else the summarizer integrates the
 * current. {@code Ah[Ah]}, a balance that falls on discharge, is not read as a counter.
 */
public final class BasytecFormat extends NamedFormat {
    public static final String NAME = "basytec";
    private static final String MARK = "~";

    /** With the step's capacity, split by direction. */
    static final ColumnLayout BY_STEP = common().columnRequired(CAPACITY, "Ah-Step")
            .optional(ENERGY, "Wh-Step")
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .build();

    /** With the plan cycle's charge and discharge counters. */
    static final ColumnLayout BY_PLAN_CYCLE = common().columnRequired(
                    CHARGE_CAPACITY, "Ah-Cyc-Charge-0", "Ah-Cyc-Charge")
            .columnRequired(DISCHARGE_CAPACITY, "Ah-Cyc-Discharge-0", "Ah-Cyc-Discharge")
            .build();

    /** Without a capacity the reader can use: the summarizer integrates the current. */
    static final ColumnLayout WITHOUT_COUNTERS = common().build();

    private static ColumnLayout.Builder common() {
        return ColumnLayout.builder()
                .optional(WALL_TIME, "DateTime")
                .required(TEST_TIME, "Time")
                .optional(STEP, "Line")
                .optional(STEP_TYPE, "Command")
                .required(VOLTAGE, "U")
                .required(CURRENT, "I")
                .optional(TEMPERATURE, "T1")
                .defaultUnit(TEST_TIME, "h")
                .stepTypes(StepTypes::basytec);
    }

    public BasytecFormat() {
        super(
                NAME,
                "BaSyTec result file: '~' metadata lines, then '~Time[h]<TAB>...<TAB>U[V]<TAB>I[A]<TAB>...', "
                        + "tab-separated");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        if (firstLines.isEmpty() || !firstLines.get(0).startsWith(MARK)) {
            return false;
        }
        return firstLines.get(0).toLowerCase(Locale.ROOT).contains("basytec")
                || firstLines.stream().anyMatch(BasytecFormat::isHeaderLine);
    }

    /** The column row: a {@code ~} before a test time in hours, with voltage and current in brackets. */
    static boolean isHeaderLine(String line) {
        return line.startsWith("~Time[") && line.contains("U[") && line.contains("I[");
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The column row after the metadata, its {@code ~} dropped; cycles from the direction. */
    private static final class Reader extends LayoutRowReader {
        Reader(SourceFile source) {
            super(source, (header, file, line) -> {
                if (header.has("Ah-Step")) {
                    return BY_STEP.bind(header, file, line);
                }
                if (header.has("Ah-Cyc-Charge-0") || header.has("Ah-Cyc-Charge")) {
                    return BY_PLAN_CYCLE.bind(header, file, line);
                }
                return WITHOUT_COUNTERS.bind(header, file, line);
            });
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return isHeaderLine(line);
        }

        /** Every metadata line carries the mark, so the column row is looked for as long as they come. */
        @Override
        protected long preambleLimit() {
            return MAX_DECLARED_HEADER_LINE;
        }

        @Override
        protected void preamble(String line, long lineNumber) throws IOException {
            if (!line.startsWith(MARK)) {
                throw new FileFormatException(
                        source.path(),
                        lineNumber,
                        "a line without '~' before the " + expectedHeader() + ": not a BaSyTec result file");
            }
        }

        /**
         * The column row without its mark. A test time written {@code Time[h:min:s]} is a duration, read as such
         * whatever unit is named ({@code 12:30:05.2}), so its unit is given as seconds, which a plain number in
         * it would be.
         */
        @Override
        protected String headerText(String headerLine) {
            return headerLine.substring(MARK.length()).replace("[h:min:s]", "[s]");
        }

        @Override
        protected char delimiter(String headerLine) {
            return Header.delimiterOf(headerLine.substring(MARK.length()));
        }

        @Override
        protected Header.UnitStyle unitStyle() {
            return Header.UnitStyle.BRACKETS;
        }

        @Override
        protected String expectedHeader() {
            return "BaSyTec column row ('~Time[h]<TAB>...<TAB>U[V]<TAB>I[A]...')";
        }

        /** Always: {@code Cyc-Count} counts the plan's loops, not cycles. */
        @Override
        protected boolean cyclesFromDirection(BoundColumns columns) {
            return true;
        }
    }
}
