package io.cellwatch.ingest.format.bdf;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.row.DirectionCycles;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Header;
import java.nio.file.Path;
import java.util.List;

/**
 * The Battery Data Format (BDF) of the Battery Data Alliance (Linux Foundation Energy): a vendor-neutral CSV, one
 * cell per file, its header the quantities' preferred labels with their fixed units ({@code Test Time / s},
 * {@code Voltage / V}, {@code Current / A}, required, then {@code Unix Time / s}, {@code Cycle Count / 1},
 * {@code Step Count / 1}, {@code Charging Capacity / Ah}, {@code Discharging Capacity / Ah}, energies and
 * temperatures) or their machine-readable names ({@code test_time_second}, {@code voltage_volt},
 * {@code current_ampere}, {@code unix_time_second}, {@code cycle_count}, ...). Current is positive on charge,
 * as cellwatch's. Written by converters of every vendor's exports and by live collectors ({@code *.bdf.csv}).
 *
 * <p>Only the first three are required, so: without a cycle count a cycle starts each time the current turns
 * back to the direction the file began with ({@link DirectionCycles}); without charging and discharging
 * capacities the summarizer integrates the current; the direction of a row is its current's sign. The
 * capacities count within "a given interval" (a step, a cycle or the whole test, as the converter chose): they
 * rise and fall only at a reset, which is how they are read. A unit other than the fixed one in a label (a
 * {@code Test Time / h} some converters write, {@code Unix Time / ms}) is read as written.
 */
public final class BdfFormat extends NamedFormat {
    public static final String NAME = "bdf";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .optional(DATA_POINT, "record_index", "Record Index")
            .optional(WALL_TIME, "Unix Time", "unix_time_second[s]", "unix_time_millisecond[ms]")
            .required(TEST_TIME, "Test Time", "test_time_second[s]", "test_time_millisecond[ms]")
            .optional(CYCLE, "Cycle Count", "cycle_count")
            .optional(STEP, "Step Count", "step_count")
            .required(VOLTAGE, "Voltage", "voltage_volt[V]")
            .required(CURRENT, "Current", "current_ampere[A]")
            // "Charge Capacity" and "Discharge Capacity": how some converters label them (cellpy's BDF example).
            .optional(
                    CHARGE_CAPACITY,
                    "Charging Capacity",
                    "charging_capacity_ah[Ah]",
                    "Charge Capacity",
                    "charge_capacity_ah[Ah]")
            .optional(
                    DISCHARGE_CAPACITY,
                    "Discharging Capacity",
                    "discharging_capacity_ah[Ah]",
                    "Discharge Capacity",
                    "discharge_capacity_ah[Ah]")
            .optional(CHARGE_ENERGY, "Charging Energy", "charging_energy_wh[Wh]")
            .optional(DISCHARGE_ENERGY, "Discharging Energy", "discharging_energy_wh[Wh]")
            .optional(
                    TEMPERATURE,
                    "Surface Temperature T1",
                    "temperature_t1_celsius[degC]",
                    "Surface Temperature",
                    "surface_temperature_celsius[degC]",
                    "Ambient Temperature",
                    "ambient_temperature_celsius[degC]")
            .build();

    public BdfFormat() {
        super(
                NAME,
                "Battery Data Format (BDF) CSV: 'Test Time / s', 'Voltage / V', 'Current / A' "
                        + "(or test_time_second, voltage_volt, current_ampere), then optional quantities");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return !firstLines.isEmpty() && isHeaderLine(firstLines.get(0));
    }

    /** The first line names the three required quantities, by preferred label or by machine-readable name. */
    static boolean isHeaderLine(String line) {
        String s = line.strip();
        boolean labels = s.contains("Test Time /") && s.contains("Voltage /") && s.contains("Current /");
        boolean names = (s.contains("test_time_second") || s.contains("test_time_millisecond"))
                && s.contains("voltage_volt")
                && s.contains("current_ampere");
        return s.indexOf(',') > 0 && (labels || names);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout, with its units after a slash and cycles derived where the file counts none. */
    private static final class Reader extends LayoutRowReader {
        /** Unix time written in milliseconds ({@code Unix Time / ms}), which the wall clock read as seconds. */
        private boolean unixMillis;

        Reader(SourceFile source) {
            super(source, LAYOUT);
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
        protected Header.UnitStyle unitStyle() {
            return Header.UnitStyle.SLASH;
        }

        @Override
        protected String expectedHeader() {
            return "BDF header on the first line ('Test Time / s,Voltage / V,Current / A,...' "
                    + "or 'test_time_second,voltage_volt,current_ampere,...')";
        }

        @Override
        protected void bound(Header header, BoundColumns columns, long line) {
            unixMillis = "ms".equals(columns.unit(WALL_TIME));
        }

        @Override
        protected boolean cyclesFromDirection(BoundColumns columns) {
            return !columns.has(CYCLE);
        }

        @Override
        protected void adjust(Cells c, SampleRow r, BoundColumns columns) {
            if (unixMillis && r.wallTimeMs != null) {
                r.wallTimeMs = Math.round(r.wallTimeMs / 1000.0);
            }
        }
    }
}
