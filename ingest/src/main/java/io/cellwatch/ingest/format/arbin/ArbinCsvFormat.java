package io.cellwatch.ingest.format.arbin;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
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
 * Arbin CSV exports (MITS Pro / Data Watcher), headers with unit suffixes
 * ({@code Current(A)}, {@code Charge_Capacity(Ah)}, {@code Test_Time(s)}) or without them
 * ({@code Current}, {@code Charge_Capacity}: then A, Ah, Wh, s), including the lower-case column
 * names cellpy stores Arbin {@code .res} rows under.
 *
 * <p>Arbin's {@code Charge_Capacity} and {@code Discharge_Capacity} accumulate through a cycle and
 * reset when the next cycle starts; they go to the summarizer as they are. Arbin writes no step
 * type: it follows from the sign of the current.
 */
public final class ArbinCsvFormat implements CyclerFormat {
    public static final String NAME = "arbin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Arbin CSV: Data_Point, Test_Time, Cycle_Index, Current, Voltage, Charge_Capacity, ... (units optional)";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return Header.ofCommaSeparatedFirstLine(firstLines)
                .map(h -> h.has("Data_Point") && h.has("Cycle_Index") && h.has("Current") && h.has("Voltage"))
                .orElse(false);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    private static final class Reader extends CommaSeparatedRowReader {
        private final TimeValues.WallClock wallClock;
        private Column dataPoint;
        private Column testTime;
        private double testTimeScale;
        private Column wallTime;
        private Column step;
        private Column cycle;
        private Column current;
        private double currentScale;
        private Column voltage;
        private double voltageScale;
        private Column charge;
        private Column discharge;
        private double capacityScale;
        private Column chargeEnergy;
        private Column dischargeEnergy;
        private double energyScale;
        private Column temperature;

        Reader(SourceFile source) {
            super(source);
            this.wallClock = new TimeValues.WallClock(source.zone());
        }

        @Override
        protected void bind(Header h, long line) throws IOException {
            Path file = source.path();
            dataPoint = h.require(file, line, "record number", "Data_Point");
            testTime = h.require(file, line, "test time", "Test_Time");
            cycle = h.require(file, line, "cycle index", "Cycle_Index");
            step = h.find("Step_Index");
            current = h.require(file, line, "current", "Current");
            voltage = h.require(file, line, "voltage", "Voltage");
            wallTime = h.find("Date_Time", "DateTime");
            charge = h.find("Charge_Capacity");
            discharge = h.find("Discharge_Capacity");
            chargeEnergy = h.find("Charge_Energy");
            dischargeEnergy = h.find("Discharge_Energy");
            temperature = h.find("Temperature", "Aux_Temperature_1", "Aux_Temperature(C)_1", "Aux_Temperature");
            try {
                testTimeScale = Units.time(testTime.unitOr("s"));
                currentScale = Units.current(current.unitOr("A"));
                voltageScale = Units.voltage(voltage.unitOr("V"));
                capacityScale = charge == null ? 1 : Units.capacity(charge.unitOr("Ah"));
                energyScale = chargeEnergy == null ? 1 : Units.energy(chargeEnergy.unitOr("Wh"));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, line, e.getMessage());
            }
        }

        @Override
        protected boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException {
            r.dataPoint = c.longInteger(dataPoint);
            r.testTimeS = c.number(testTime) * testTimeScale;
            r.cycleIndex = c.integer(cycle);
            r.stepIndex = step == null ? 0 : c.integer(step);
            r.currentA = c.number(current) * currentScale;
            r.voltageV = c.number(voltage) * voltageScale;
            if (!c.blank(wallTime)) {
                try {
                    r.wallTimeMs = wallClock.epochMillis(c.text(wallTime));
                } catch (IllegalArgumentException e) {
                    throw c.malformed(wallTime, e.getMessage());
                }
            }
            r.chargeAh = SampleRow.counter(c.optionalNumber(charge), capacityScale);
            r.dischargeAh = SampleRow.counter(c.optionalNumber(discharge), capacityScale);
            r.chargeWh = SampleRow.counter(c.optionalNumber(chargeEnergy), energyScale);
            r.dischargeWh = SampleRow.counter(c.optionalNumber(dischargeEnergy), energyScale);
            r.temperatureC = c.optionalNumber(temperature);
            return true;
        }
    }
}
