package io.cellwatch.ingest.format.neware;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.SingleCounterSplit;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Delimited;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.ingest.format.text.Units;
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
public final class NewareBtsdaFormat implements CyclerFormat {
    public static final String NAME = "neware-btsda";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Neware BTSDA hierarchical CSV: cycle, step and record header lines ('Cycle Index,...', ',Step Index,...', ',,DataPoint,...')";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return firstLines.size() >= 3
                && (firstLines.get(0).startsWith("Cycle Index,")
                        || firstLines.get(0).startsWith("Cycle ID,"))
                && firstLines.get(1).startsWith(",Step")
                && firstLines.get(2).startsWith(",,");
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    private static final class Reader implements RowReader {
        private final TimeValues.WallClock wallClock;
        private final SourceFile source;
        private final Delimited csv = new Delimited(',');
        private final Cells cells;
        private final SampleRow row = new SampleRow();
        private final SingleCounterSplit capacity = new SingleCounterSplit();
        private final SingleCounterSplit energy = new SingleCounterSplit();
        private int cycleHeaderSize;
        private Column stepIndex;
        private Column stepTypeColumn;
        private Column dataPoint;
        private Column totalTime;
        private Column current;
        private double currentScale;
        private Column voltage;
        private double voltageScale;
        private Column recordCapacity;
        private double capacityScale;
        private Column recordEnergy;
        private double energyScale;
        private Column wallTime;
        private Column temperature;
        private Integer cycle;
        private int step;
        private StepType stepType;
        private long records;

        Reader(SourceFile source) {
            this.source = source;
            this.wallClock = new TimeValues.WallClock(source.zone());
            this.cells = new Cells(source.path(), false);
        }

        @Override
        public void line(String line, long lineNumber, RecordSink sink) throws IOException {
            Path file = source.path();
            if (lineNumber <= 3) {
                header(line, lineNumber, file);
                return;
            }
            if (line.isBlank()) {
                return;
            }
            String[] f = csv.split(line);
            try {
                if (f.length > 0 && !f[0].isEmpty()) {
                    cycleRow(f, lineNumber);
                } else if (f.length > 1 && !f[1].isEmpty()) {
                    stepRow(f, lineNumber);
                } else {
                    records++;
                    recordRow(f, lineNumber, sink);
                }
            } catch (MalformedRowException e) {
                sink.malformed(e);
            }
        }

        private void header(String line, long lineNumber, Path file) throws IOException {
            String[] f = csv.split(line);
            Header h = new Header(f, Header.UnitStyle.PARENTHESES);
            try {
                if (lineNumber == 1) {
                    h.require(file, lineNumber, "cycle index", "Cycle Index", "Cycle ID");
                    cycleHeaderSize = f.length;
                } else if (lineNumber == 2) {
                    stepIndex = h.require(file, lineNumber, "step index", "Step Index", "Step ID");
                    stepTypeColumn = h.require(file, lineNumber, "step type", "Step Type");
                } else {
                    dataPoint = h.require(file, lineNumber, "record number", "DataPoint", "Record ID", "Record Index");
                    totalTime = h.require(file, lineNumber, "test time", "Total Time", "Cumulative Time");
                    current = h.require(file, lineNumber, "current", "Current");
                    voltage = h.require(file, lineNumber, "voltage", "Voltage");
                    recordCapacity = h.require(file, lineNumber, "capacity", "Capacity");
                    recordEnergy = h.find("Energy");
                    wallTime = h.find("Date", "Realtime");
                    temperature = h.find("T1", "Temperature");
                    currentScale = Units.current(current.unitOr("A"));
                    voltageScale = Units.voltage(voltage.unitOr("V"));
                    capacityScale = Units.capacity(recordCapacity.unitOr("Ah"));
                    energyScale = recordEnergy == null ? 1 : Units.energy(recordEnergy.unitOr("Wh"));
                }
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, lineNumber, e.getMessage());
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
            String type = cells.text(stepTypeColumn);
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
            r.dataPoint = c.longInteger(dataPoint);
            r.cycleIndex = cycle;
            r.stepIndex = step;
            r.stepType = stepType;
            String t = c.text(totalTime);
            try {
                r.testTimeS = TimeValues.durationSeconds(t);
            } catch (IllegalArgumentException e) {
                throw c.malformed(totalTime, "not a duration: '" + t + "'");
            }
            r.currentA = c.number(current) * currentScale;
            r.voltageV = c.number(voltage) * voltageScale;
            capacity.accept(c.number(recordCapacity) * capacityScale, stepType);
            r.chargeAh = capacity.charge();
            r.dischargeAh = capacity.discharge();
            if (recordEnergy != null) {
                Double e = c.optionalNumber(recordEnergy);
                energy.accept(e == null ? null : e * energyScale, stepType);
                r.chargeWh = energy.charge();
                r.dischargeWh = energy.discharge();
            }
            if (!c.blank(wallTime)) {
                try {
                    r.wallTimeMs = wallClock.epochMillis(c.text(wallTime));
                } catch (IllegalArgumentException e) {
                    throw c.malformed(wallTime, e.getMessage());
                }
            }
            r.temperatureC = c.optionalNumber(temperature);
            sink.sample(r.toSample(source.channelId(), records, source.path(), lineNumber));
        }

        @Override
        public void end(RecordSink sink) throws IOException {
            if (recordCapacity == null) {
                throw new FileFormatException(source.path(), 0, "the file ended inside its three header lines");
            }
        }
    }
}
