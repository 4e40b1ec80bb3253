package io.cellwatch.ingest.format.neware;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.StepTypes;
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
 * Neware's flat CSV export (BTS / BTSDA "record" sheet saved as CSV): one row per record with
 * {@code Cycle Index}, {@code Step Index}, {@code Step Type}, {@code Current(A)},
 * {@code Voltage(V)}, {@code Chg. Cap.(Ah)}, {@code DChg. Cap.(Ah)} and energies, in A/Ah/Wh or
 * mA/mAh/mWh. Its capacity columns restart at every step; the summarizer adds the steps up.
 * Test time is {@code Cumulative Time} or {@code Total Time} as {@code hh:mm:ss} (hours past 24).
 */
public final class NewareCsvFormat implements CyclerFormat {
    public static final String NAME = "neware";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Neware flat CSV: Cycle Index, Step Index, Step Type, Current(A), Voltage(V), Chg. Cap.(Ah), DChg. Cap.(Ah), ...";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        // A first cell that is empty is the hierarchical BTSDA export's step row, not this format.
        if (!firstLines.isEmpty() && firstLines.get(0).startsWith(",")) {
            return false;
        }
        return Header.ofCommaSeparatedFirstLine(firstLines)
                .map(h -> h.has("Cycle Index", "Cycle ID")
                        && h.has("Step Type")
                        && h.has("Chg. Cap.")
                        && h.has("DChg. Cap.")
                        && h.has("Voltage"))
                .orElse(false);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    private static final class Reader extends CommaSeparatedRowReader {
        private final TimeValues.WallClock wallClock;
        private Column record;
        private Column cycle;
        private Column step;
        private Column stepType;
        private Column totalTime;
        private Column wallTime;
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
        private Long firstWallTimeMs;

        Reader(SourceFile source) {
            super(source);
            this.wallClock = new TimeValues.WallClock(source.zone());
        }

        @Override
        protected void bind(Header h, long line) throws IOException {
            Path file = source.path();
            record = h.find("DataPoint", "Record Index", "Record ID", "Record Number");
            cycle = h.require(file, line, "cycle index", "Cycle Index", "Cycle ID");
            step = h.find("Step Index", "Step ID");
            stepType = h.require(file, line, "step type", "Step Type");
            totalTime = h.find("Cumulative Time", "Total Time");
            wallTime = h.find("Date", "Realtime", "Absolute Time");
            if (totalTime == null && wallTime == null) {
                throw new FileFormatException(
                        file,
                        line,
                        "no test time column (looked for 'Cumulative Time', 'Total Time', 'Date', 'Realtime')");
            }
            current = h.require(file, line, "current", "Current");
            voltage = h.require(file, line, "voltage", "Voltage");
            charge = h.require(file, line, "charge capacity", "Chg. Cap.");
            discharge = h.require(file, line, "discharge capacity", "DChg. Cap.");
            chargeEnergy = h.find("Chg. Energy");
            dischargeEnergy = h.find("DChg. Energy");
            temperature = h.find("T1", "Temperature");
            try {
                currentScale = Units.current(current.unitOr("A"));
                voltageScale = Units.voltage(voltage.unitOr("V"));
                capacityScale = Units.capacity(charge.unitOr("Ah"));
                energyScale = chargeEnergy == null ? 1 : Units.energy(chargeEnergy.unitOr("Wh"));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, line, e.getMessage());
            }
        }

        @Override
        protected boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException {
            r.dataPoint = record == null ? null : c.longInteger(record);
            r.cycleIndex = c.integer(cycle);
            r.stepIndex = step == null ? 0 : c.integer(step);
            String type = c.text(stepType);
            if (type.isEmpty()) {
                throw c.malformed(stepType, "missing");
            }
            r.stepType = StepTypes.neware(type);
            r.currentA = c.number(current) * currentScale;
            r.voltageV = c.number(voltage) * voltageScale;
            r.chargeAh = SampleRow.counter(c.number(charge), capacityScale);
            r.dischargeAh = SampleRow.counter(c.number(discharge), capacityScale);
            r.chargeWh = SampleRow.counter(c.optionalNumber(chargeEnergy), energyScale);
            r.dischargeWh = SampleRow.counter(c.optionalNumber(dischargeEnergy), energyScale);
            r.temperatureC = c.optionalNumber(temperature);
            if (!c.blank(wallTime)) {
                try {
                    r.wallTimeMs = wallClock.epochMillis(c.text(wallTime));
                } catch (IllegalArgumentException e) {
                    throw c.malformed(wallTime, e.getMessage());
                }
            }
            if (totalTime != null) {
                String t = c.text(totalTime);
                try {
                    r.testTimeS = TimeValues.durationSeconds(t);
                } catch (IllegalArgumentException e) {
                    throw c.malformed(totalTime, "not a duration: '" + t + "'");
                }
            } else if (r.wallTimeMs != null) {
                if (firstWallTimeMs == null) {
                    firstWallTimeMs = r.wallTimeMs;
                }
                r.testTimeS = (r.wallTimeMs - firstWallTimeMs) / 1000.0;
            } else {
                throw c.malformed(wallTime, "missing");
            }
            return true;
        }
    }
}
