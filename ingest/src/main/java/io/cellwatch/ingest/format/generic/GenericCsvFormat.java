package io.cellwatch.ingest.format.generic;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.generic.ColumnMapping.ColumnRef;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Any delimited file, read through a {@link ColumnMapping}. Never chosen by detection: it is
 * {@code --format generic --mapping FILE}.
 *
 * <p>Without a cycle column, a cycle starts each time the current turns back to the direction the
 * file began with (charge-first files: charge then discharge is one cycle; half cells that start
 * with lithiation: discharge then charge). Without capacity columns the summarizer integrates the
 * current.
 */
public final class GenericCsvFormat implements CyclerFormat {
    public static final String NAME = "generic";

    private final ColumnMapping mapping;

    public GenericCsvFormat(ColumnMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "any delimited file, read through a column-mapping file (--mapping FILE); never detected";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return false;
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source, mapping);
    }

    private static final class Reader extends HeaderedRowReader {
        private final TimeValues.WallClock wallClock;
        private final ColumnMapping mapping;
        private final int headerLine;
        private final double currentSign;
        private final SingleCounterSplit capacity = new SingleCounterSplit();
        private final SingleCounterSplit energy = new SingleCounterSplit();
        private Column dataPoint;
        private Column testTime;
        private double testTimeScale;
        private boolean testTimeIsDuration;
        private Column wallTime;
        private DateTimeFormatter wallTimePattern;
        private Column cycle;
        private Column step;
        private Column stepType;
        private Column voltage;
        private double voltageScale;
        private Column current;
        private double currentScale;
        private Double constantCurrentA;
        private Column chargeQ;
        private Column dischargeQ;
        private Column singleQ;
        private double capacityScale;
        private Column chargeE;
        private Column dischargeE;
        private Column singleE;
        private double energyScale;
        private Column temperature;
        private String temperatureUnit;
        private StepType firstDirection;
        private StepType lastDirection;
        private int derivedCycle = 1;

        Reader(SourceFile source, ColumnMapping mapping) {
            super(source);
            this.wallClock = new TimeValues.WallClock(source.zone());
            this.mapping = mapping;
            this.headerLine = mapping.headerLine() == null ? 1 : mapping.headerLine();
            this.currentSign = "discharge-positive".equals(mapping.currentSign()) ? -1 : 1;
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return lineNumber == headerLine;
        }

        @Override
        protected char delimiter(String line) {
            if (mapping.delimiter() != null) {
                return mapping.delimiter().charAt(0);
            }
            if (line.indexOf('\t') >= 0) {
                return '\t';
            }
            return line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
        }

        @Override
        protected boolean decimalComma(char delimiter) {
            return delimiter != ',';
        }

        @Override
        protected void bind(Header h, long line) throws IOException {
            try {
                dataPoint = column(h, line, "dataPoint");
                testTime = column(h, line, "testTime");
                ColumnRef timeRef = mapping.columns().get("testTime");
                testTimeIsDuration = "duration".equalsIgnoreCase(timeRef.format());
                testTimeScale = Units.time(unit("testTime"));
                wallTime = column(h, line, "wallTime");
                ColumnRef wallRef = mapping.columns().get("wallTime");
                if (wallRef != null
                        && wallRef.format() != null
                        && !wallRef.format().equalsIgnoreCase("auto")) {
                    wallTimePattern = DateTimeFormatter.ofPattern(wallRef.format(), Locale.ROOT);
                }
                cycle = column(h, line, "cycle");
                step = column(h, line, "step");
                stepType = column(h, line, "stepType");
                voltage = column(h, line, "voltage");
                voltageScale = Units.voltage(unit("voltage"));
                current = column(h, line, "current");
                currentScale = Units.current(unit("current"));
                if (current == null) {
                    ColumnMapping.Quantity q = mapping.constantCurrent();
                    constantCurrentA = q.value() * Units.current(q.unit() == null ? "A" : q.unit());
                }
                chargeQ = column(h, line, "chargeCapacity");
                dischargeQ = column(h, line, "dischargeCapacity");
                singleQ = column(h, line, "capacity");
                capacityScale = Units.capacity(unit(singleQ != null ? "capacity" : "chargeCapacity"));
                chargeE = column(h, line, "chargeEnergy");
                dischargeE = column(h, line, "dischargeEnergy");
                singleE = column(h, line, "energy");
                energyScale = Units.energy(unit(singleE != null ? "energy" : "chargeEnergy"));
                temperature = column(h, line, "temperature");
                temperatureUnit = unit("temperature");
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(source.path(), line, "mapping: " + e.getMessage());
            }
        }

        /** The mapped column, found by its exact header text; null when the mapping does not name one. */
        private Column column(Header h, long line, String quantity) throws FileFormatException {
            ColumnRef ref = mapping.columns().get(quantity);
            if (ref == null) {
                return null;
            }
            for (int i = 0; i < h.size(); i++) {
                if (h.name(i).strip().equals(ref.name().strip())) {
                    return new Column(i, ref.name(), ref.unit());
                }
            }
            throw new FileFormatException(
                    source.path(), line, "mapping: " + quantity + ": no column '" + ref.name() + "' in the header");
        }

        private String unit(String quantity) {
            ColumnRef ref = mapping.columns().get(quantity);
            return ref != null && ref.unit() != null ? ref.unit() : ColumnMapping.QUANTITIES.get(quantity);
        }

        @Override
        protected boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException {
            r.dataPoint = dataPoint == null ? null : c.longInteger(dataPoint);
            if (wallTime != null && !c.blank(wallTime)) {
                r.wallTimeMs = wallTime(c);
            }
            String t = c.text(testTime);
            if (testTimeIsDuration) {
                try {
                    r.testTimeS = TimeValues.durationSeconds(t);
                } catch (IllegalArgumentException e) {
                    throw c.malformed(testTime, "not a duration: '" + t + "'");
                }
            } else {
                r.testTimeS = c.number(testTime) * testTimeScale;
            }
            r.voltageV = c.number(voltage) * voltageScale;
            r.currentA = current == null ? constantCurrentA : currentSign * c.number(current) * currentScale;
            StepType direction = StepType.fromCurrent(r.currentA, 0);
            if (stepType != null) {
                String value = c.text(stepType);
                String mapped = mapping.stepTypes().get(value);
                r.stepType =
                        mapped != null ? StepType.valueOf(mapped.toUpperCase(Locale.ROOT)) : StepTypes.neware(value);
                direction = r.stepType;
            }
            r.stepIndex = step == null ? 0 : c.integer(step);
            r.cycleIndex = cycle != null ? c.integer(cycle) : derivedCycle(direction);
            if (singleQ != null) {
                Double q = c.optionalNumber(singleQ);
                capacity.accept(q == null ? null : q * capacityScale, direction);
                r.chargeAh = capacity.charge();
                r.dischargeAh = capacity.discharge();
            } else if (chargeQ != null) {
                r.chargeAh = SampleRow.counter(c.optionalNumber(chargeQ), capacityScale);
                r.dischargeAh = SampleRow.counter(c.optionalNumber(dischargeQ), capacityScale);
            }
            if (singleE != null) {
                Double e = c.optionalNumber(singleE);
                energy.accept(e == null ? null : e * energyScale, direction);
                r.chargeWh = energy.charge();
                r.dischargeWh = energy.discharge();
            } else if (chargeE != null && dischargeE != null) {
                r.chargeWh = SampleRow.counter(c.optionalNumber(chargeE), energyScale);
                r.dischargeWh = SampleRow.counter(c.optionalNumber(dischargeE), energyScale);
            }
            Double temp = c.optionalNumber(temperature);
            r.temperatureC = temp == null ? null : Units.celsius(temp, temperatureUnit);
            return true;
        }

        private long wallTime(Cells c) throws MalformedRowException {
            String text = c.text(wallTime);
            try {
                if (wallTimePattern != null) {
                    return LocalDateTime.parse(text, wallTimePattern)
                            .atZone(source.zone())
                            .toInstant()
                            .toEpochMilli();
                }
                return wallClock.epochMillis(text);
            } catch (RuntimeException e) {
                throw c.malformed(wallTime, "not a date and time: '" + text + "'");
            }
        }

        private int derivedCycle(StepType direction) {
            if (direction == StepType.CHARGE || direction == StepType.DISCHARGE) {
                if (firstDirection == null) {
                    firstDirection = direction;
                } else if (direction == firstDirection && lastDirection != firstDirection) {
                    derivedCycle++;
                }
                lastDirection = direction;
            }
            return derivedCycle;
        }
    }

    /** For messages: the quantities a mapping can name. */
    public static Map<String, String> quantities() {
        return ColumnMapping.QUANTITIES;
    }
}
