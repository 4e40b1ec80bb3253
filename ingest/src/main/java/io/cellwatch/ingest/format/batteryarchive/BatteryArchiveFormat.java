package io.cellwatch.ingest.format.batteryarchive;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.PerCycleMaximum;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.CommaSeparatedRowReader;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.ingest.format.text.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Time series in the DOE Battery Data Hub layout ({@code Cycle_Index, Step, Time_s, Current_A,
 * Voltage_V, Charge_Capacity_Ah, Discharge_Capacity_Ah, Charge_Energy_Wh, ...}) and Battery
 * Archive's ({@code Date_Time, Test_Time (s), Cycle_Index, Current (A), Voltage (V),
 * Charge_Capacity (Ah), ...}). Neither writes a record number: rows are numbered in file order.
 *
 * <p>Both define {@code Charge_Capacity} as the charge passed in the cycle so far, and the
 * providers summarize a cycle by the column's maximum; {@link PerCycleMaximum} reads it the same
 * way, so cellwatch's per-cycle numbers equal the provider's summary file. An empty or NaN counter
 * (impedance rows) leaves the counter where it was.
 */
public final class BatteryArchiveFormat implements CyclerFormat {
    public static final String NAME = "battery-archive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DOE Battery Data Hub / Battery Archive time series CSV: Cycle_Index, Time_s or Test_Time (s), "
                + "Current_A, Voltage_V, Charge_Capacity_Ah, ... (no Data_Point)";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return Header.ofCommaSeparatedFirstLine(firstLines)
                .map(h -> h.has("Cycle_Index")
                        && h.has("Charge_Capacity_Ah", "Charge_Capacity")
                        && h.has("Voltage_V", "Voltage")
                        && h.has("Current_A", "Current")
                        && !h.has("Data_Point"))
                .orElse(false);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    private static final class Reader extends CommaSeparatedRowReader {
        private final TimeValues.WallClock wallClock;
        private final PerCycleMaximum charge = new PerCycleMaximum();
        private final PerCycleMaximum discharge = new PerCycleMaximum();
        private final PerCycleMaximum chargeEnergy = new PerCycleMaximum();
        private final PerCycleMaximum dischargeEnergy = new PerCycleMaximum();
        private Column cycle;
        private Column step;
        private Scaled time;
        private Scaled current;
        private Scaled voltage;
        private Scaled chargeAh;
        private Scaled dischargeAh;
        private Scaled chargeWh;
        private Scaled dischargeWh;
        private Column temperature;
        private Column dateTime;
        private Column datenum;

        /** A column with the factor that brings its unit to cellwatch's. */
        private record Scaled(Column column, double factor) {}

        Reader(SourceFile source) {
            super(source);
            this.wallClock = new TimeValues.WallClock(source.zone());
        }

        @Override
        protected void bind(Header h, long line) throws IOException {
            Path file = source.path();
            cycle = h.require(file, line, "cycle index", "Cycle_Index");
            step = h.find("Step", "Step_Index");
            try {
                time = scaled(h, line, "test time", true, "Time_s", "s", "Test_Time", "s", Units::time);
                current = scaled(h, line, "current", true, "Current_A", "A", "Current", "A", Units::current);
                voltage = scaled(h, line, "voltage", true, "Voltage_V", "V", "Voltage", "V", Units::voltage);
                chargeAh = scaled(
                        h,
                        line,
                        "charge capacity",
                        true,
                        "Charge_Capacity_Ah",
                        "Ah",
                        "Charge_Capacity",
                        "Ah",
                        Units::capacity);
                dischargeAh = scaled(
                        h,
                        line,
                        "discharge capacity",
                        true,
                        "Discharge_Capacity_Ah",
                        "Ah",
                        "Discharge_Capacity",
                        "Ah",
                        Units::capacity);
                chargeWh = scaled(
                        h,
                        line,
                        "charge energy",
                        false,
                        "Charge_Energy_Wh",
                        "Wh",
                        "Charge_Energy",
                        "Wh",
                        Units::energy);
                dischargeWh = scaled(
                        h,
                        line,
                        "discharge energy",
                        false,
                        "Discharge_Energy_Wh",
                        "Wh",
                        "Discharge_Energy",
                        "Wh",
                        Units::energy);
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, line, e.getMessage());
            }
            temperature = h.find("Cell_Temperature_C", "Cell_Temperature", "Environment_Temperature");
            dateTime = h.find("Date_Time");
            datenum = h.find("Datenum_d");
        }

        private Scaled scaled(
                Header h,
                long line,
                String quantity,
                boolean required,
                String withUnitName,
                String impliedUnit,
                String plainName,
                String defaultUnit,
                java.util.function.ToDoubleFunction<String> factor)
                throws FileFormatException {
            Column c = h.find(withUnitName);
            if (c != null) {
                return new Scaled(c, factor.applyAsDouble(impliedUnit));
            }
            c = required ? h.require(source.path(), line, quantity, withUnitName, plainName) : h.find(plainName);
            return c == null ? null : new Scaled(c, factor.applyAsDouble(c.unitOr(defaultUnit)));
        }

        @Override
        protected boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException {
            r.cycleIndex = c.integer(cycle);
            r.stepIndex = step == null ? 0 : c.integer(step);
            r.testTimeS = c.number(time.column()) * time.factor();
            r.currentA = c.number(current.column()) * current.factor();
            r.voltageV = c.number(voltage.column()) * voltage.factor();
            r.chargeAh = charge.accept(r.cycleIndex, counter(c, chargeAh));
            r.dischargeAh = discharge.accept(r.cycleIndex, counter(c, dischargeAh));
            if (chargeWh != null && dischargeWh != null) {
                r.chargeWh = chargeEnergy.accept(r.cycleIndex, counter(c, chargeWh));
                r.dischargeWh = dischargeEnergy.accept(r.cycleIndex, counter(c, dischargeWh));
            }
            r.temperatureC = c.optionalNumber(temperature);
            if (!c.blank(dateTime)) {
                try {
                    r.wallTimeMs = wallClock.epochMillis(c.text(dateTime));
                } catch (IllegalArgumentException e) {
                    throw c.malformed(dateTime, e.getMessage());
                }
            } else {
                Double days = c.optionalNumber(datenum);
                r.wallTimeMs = days == null ? null : TimeValues.fromMatlabDatenum(days);
            }
            return true;
        }

        private static Double counter(Cells c, Scaled s) throws MalformedRowException {
            return SampleRow.counter(c.optionalNumber(s.column()), s.factor());
        }
    }
}
