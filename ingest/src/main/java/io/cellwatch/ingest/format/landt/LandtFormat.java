package io.cellwatch.ingest.format.landt;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
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
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Header;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Landt (LAND, LANHE) cyclers' record sheet, as LANDdt and LANHE export it (to Excel, read through the
 * {@code xlsx} reader, or saved as CSV): one row per record, each column named with its unit after a slash,
 * the units as the lab chose them.
 *
 * <ul>
 *   <li>{@code Record} or {@code Index} (the record number), {@code TestTime} ({@code /s}, {@code /min},
 *       {@code /h}, or {@code d hh:mm:ss.fff} or LAND's {@code d-hh:mm:ss} without a unit), {@code SysTime}
 *       (the wall clock);
 *   <li>{@code Current/mA} ({@code /uA}, {@code /A}), {@code Voltage/V}, {@code Capacity/mAh} ({@code /uAh}):
 *       the step's charge, restarting at each step, split here by the step's direction;
 *       {@code Energy/mWh};
 *   <li>the cycle and step where the sheet has them ({@code Cycle}, {@code CycleNo}, {@code Cycle-Index};
 *       {@code Step}, {@code StepNo}, {@code Step-Index}), cycles counted from the direction otherwise; the
 *       step state ({@code Step-State}: {@code R}, {@code RateC}, {@code RateD}; {@link StepTypes#landt}),
 *       the current's sign otherwise (charge positive);
 *   <li>LAND's software in Chinese: {@code 记录序号}, {@code 测试时间}, {@code 电压/V}, {@code 电流/mA},
 *       {@code 容量/mAh}, {@code 状态}.
 * </ul>
 *
 * Rows of metadata above the header (a test name, the channel, the start time) are passed over: the header
 * is the row naming a voltage, a current and a capacity with their units after slashes, and a record number
 * or a time. Specific capacity and energy ({@code SpeCap/mAh/g}), dQ/dV and auxiliary channels are not read.
 * Written from public parsers' and lab scripts' descriptions of these sheets, not from a real export.
 */
public final class LandtFormat extends NamedFormat {
    public static final String NAME = "landt";

    // LAND's software in Chinese names the columns it reads alike (record number, test time, voltage, current,
    // capacity, state), with the same units after slashes.
    private static final String RECORD_CN = "记录序号";
    private static final String TEST_TIME_CN = "测试时间";
    private static final String VOLTAGE_CN = "电压";
    private static final String CURRENT_CN = "电流";
    private static final String CAPACITY_CN = "容量";
    private static final String STATE_CN = "状态";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .optional(DATA_POINT, "Record", "Index", "record", "index", RECORD_CN)
            .optional(CYCLE, "Cycle-Index", "CycleNo", "Cycle", "cycle")
            .optional(STEP, "Step-Index", "StepNo", "Step", "step")
            .optional(STEP_TYPE, "Step-State", "State", "StepStatus", STATE_CN)
            .optional(TEST_TIME, "TestTime", "Test Time", TEST_TIME_CN)
            .optional(WALL_TIME, "SysTime", "System Time")
            .required(CURRENT, "Current", CURRENT_CN)
            .required(VOLTAGE, "Voltage", VOLTAGE_CN)
            .required(CAPACITY, "Capacity", CAPACITY_CN)
            .optional(ENERGY, "Energy")
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .stepTypes(StepTypes::landt)
            .build();

    /** A Landt header's voltage column, its unit after the slash. */
    private static final Set<String> VOLTAGE_UNITS =
            Set.of("Voltage/V", "Voltage/mV", VOLTAGE_CN + "/V", VOLTAGE_CN + "/mV");

    public LandtFormat() {
        super(
                NAME,
                "Landt / LANHE record sheet: 'Record,TestTime/h,...,Current/mA,Capacity/mAh,...,Voltage/V,...,SysTime'"
                        + " with units after slashes, metadata rows above allowed");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return firstLines.stream().anyMatch(LandtFormat::isHeaderLine);
    }

    /**
     * A row naming {@code Voltage/V} (or {@code /mV}), a {@code Current/…} and a {@code Capacity/…}, and a record
     * number ({@code Record}, {@code Index}) or a time ({@code TestTime…}, {@code SysTime}), split at its
     * delimiter. Other vendors write units in parentheses ({@code Voltage(V)}) or call the voltage {@code Ewe}.
     */
    static boolean isHeaderLine(String line) {
        char delimiter = Header.delimiterOf(line);
        if (line.indexOf(delimiter) < 0) {
            return false;
        }
        Set<String> names = Arrays.stream(line.split(Pattern.quote(String.valueOf(delimiter)), -1))
                .map(n -> n.strip().replace("\"", ""))
                .collect(Collectors.toSet());
        boolean voltage = names.stream().anyMatch(VOLTAGE_UNITS::contains);
        boolean current = names.stream().anyMatch(n -> n.startsWith("Current/") || n.startsWith(CURRENT_CN + "/"));
        boolean capacity = names.stream().anyMatch(n -> n.startsWith("Capacity/") || n.startsWith(CAPACITY_CN + "/"));
        boolean recordOrTime = names.contains("Record")
                || names.contains("Index")
                || names.contains(RECORD_CN)
                || names.contains("SysTime")
                || names.stream().anyMatch(n -> n.startsWith("TestTime") || n.startsWith(TEST_TIME_CN));
        return voltage && current && capacity && recordOrTime;
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout, below any rows of metadata, cycles counted from the direction where the sheet has none. */
    private static final class Reader extends LayoutRowReader {
        Reader(SourceFile source) {
            super(source, LAYOUT);
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return isHeaderLine(line);
        }

        @Override
        protected Header.UnitStyle unitStyle() {
            return Header.UnitStyle.SLASH;
        }

        @Override
        protected boolean cyclesFromDirection(BoundColumns columns) {
            return !columns.has(CYCLE);
        }

        @Override
        protected String expectedHeader() {
            return "Landt record header ('Record,TestTime/h,...,Current/mA,Capacity/mAh,...,Voltage/V,...')";
        }
    }
}
