package io.cellwatch.ingest.format.maccor;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.SingleCounterSplit;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.HeaderedRowReader;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.ingest.format.text.Units;
import io.cellwatch.model.StepType;
import java.io.IOException;
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
 */
public final class MaccorTextFormat implements CyclerFormat {
    public static final String NAME = "maccor";
    /** A voltage column reading above this in a milli-unit export is in millivolts. */
    private static final double MILLIVOLT_EVIDENCE_V = 50;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Maccor text export: tab-separated, metadata line(s), header 'Rec#  Cyc#  Step ... Amp-hr ... State'";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        for (String line : firstLines) {
            if (isHeaderLine(line)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHeaderLine(String line) {
        String s = line.stripLeading();
        return s.startsWith("Rec#\t") && s.contains("State") && (s.contains("Amp-hr") || s.contains("Amps"));
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    private static final class Reader extends HeaderedRowReader {
        private final TimeValues.WallClock wallClock;
        private final SingleCounterSplit capacity = new SingleCounterSplit();
        private final SingleCounterSplit energy = new SingleCounterSplit();
        private Column record;
        private Column cycle;
        private Column step;
        private Column testTime;
        private double testTimeScale;
        private Column ampHours;
        private double ampHourScale;
        private Column wattHours;
        private double wattHourScale;
        private Column current;
        private double currentScale;
        private Column voltage;
        private Double voltageScale;
        private boolean milliProfile;
        private Column state;
        private Column wallTime;
        private Column temperature;

        Reader(SourceFile source) {
            super(source);
            this.wallClock = new TimeValues.WallClock(source.zone());
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
        protected String expectedHeader() {
            return "Maccor header row (tab-separated, starting 'Rec#', with 'State' and 'Amp-hr' or 'Amps')";
        }

        @Override
        protected void bind(Header h, long line) throws IOException {
            Path file = source.path();
            record = h.require(file, line, "record number", "Rec#");
            cycle = h.require(file, line, "cycle", "Cyc#", "Cycle", "Cycle C");
            step = h.find("Step");
            state = h.require(file, line, "state", "State", "MD");
            testTime = h.require(file, line, "test time", "Test (Sec)", "TestTime", "Test Time");
            testTimeScale = Units.time(testTime.unitOr("s"));
            Column a = h.find("Amp-hr");
            ampHours = a != null ? a : h.find("mAmp-hr");
            ampHourScale = a != null ? 1 : 1e-3;
            Column w = h.find("Watt-hr");
            wattHours = w != null ? w : h.find("mWatt-hr");
            wattHourScale = w != null ? 1 : 1e-3;
            Column i = h.find("Amps");
            current = i != null ? i : h.require(file, line, "current", "mAmps");
            currentScale = i != null ? 1 : 1e-3;
            milliProfile = i == null;
            Column mv = h.find("mVolts");
            voltage = mv != null ? mv : h.require(file, line, "voltage", "Volts");
            voltageScale = mv != null ? Double.valueOf(1e-3) : milliProfile ? null : Double.valueOf(1.0);
            wallTime = h.find("DPt Time");
            temperature = h.find("Temp 1", "Temperature");
            if (ampHours == null) {
                throw new FileFormatException(file, line, "no capacity column (looked for 'Amp-hr', 'mAmp-hr')");
            }
        }

        @Override
        protected boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException {
            r.dataPoint = c.longInteger(record);
            r.cycleIndex = c.integer(cycle);
            r.stepIndex = step == null ? 0 : c.integer(step);
            String time = c.text(testTime);
            try {
                r.testTimeS =
                        time.indexOf(':') >= 0 ? TimeValues.durationSeconds(time) : c.number(testTime) * testTimeScale;
            } catch (IllegalArgumentException e) {
                throw c.malformed(testTime, "not a duration: '" + time + "'");
            }
            String stateText = c.text(state);
            if (stateText.isEmpty()) {
                throw c.malformed(state, "missing");
            }
            StepType type = StepTypes.maccor(stateText);
            r.stepType = type;
            r.currentA = c.number(current) * currentScale;
            double volts = c.number(voltage);
            if (voltageScale == null) {
                voltageScale = Math.abs(volts) > MILLIVOLT_EVIDENCE_V ? 1e-3 : 1.0;
            }
            r.voltageV = volts * voltageScale;
            capacity.accept(scaledOrNull(c.optionalNumber(ampHours), ampHourScale), type);
            r.chargeAh = capacity.charge();
            r.dischargeAh = capacity.discharge();
            if (wattHours != null) {
                energy.accept(scaledOrNull(c.optionalNumber(wattHours), wattHourScale), type);
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
            return true;
        }

        private static Double scaledOrNull(Double value, double scale) {
            return value == null ? null : value * scale;
        }
    }
}
