package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.row.HalfCycleCounters;
import io.cellwatch.ingest.format.row.NetChargeSplit;
import io.cellwatch.ingest.format.row.PerCycleMaximum;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.SingleCounterSplit;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.ingest.format.text.Units;
import io.cellwatch.model.StepType;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * One file's columns, found in its header by a {@link ColumnLayout} (or named by a mapping), and the
 * reading of its rows into {@link SampleRow}s: numbers scaled to V, A, Ah, Wh and s, durations and
 * wall-clock stamps parsed, step names mapped, counters turned into the summarizer's kind by the
 * layout's {@link CounterRule}. Holds what reading needs between rows (the first stamp, the
 * counters' running state), so it serves one file.
 */
public final class BoundColumns {
    private static final Quantity[] QUANTITIES = Quantity.values();
    private static final int DATA_POINT = Quantity.DATA_POINT.ordinal();
    private static final int WALL_TIME = Quantity.WALL_TIME.ordinal();
    private static final int WALL_TIME_DATENUM = Quantity.WALL_TIME_DATENUM.ordinal();
    private static final int TEST_TIME = Quantity.TEST_TIME.ordinal();
    private static final int CYCLE = Quantity.CYCLE.ordinal();
    private static final int STEP = Quantity.STEP.ordinal();
    private static final int STEP_TYPE = Quantity.STEP_TYPE.ordinal();
    private static final int VOLTAGE = Quantity.VOLTAGE.ordinal();
    private static final int CURRENT = Quantity.CURRENT.ordinal();
    private static final int CHARGE_CAPACITY = Quantity.CHARGE_CAPACITY.ordinal();
    private static final int DISCHARGE_CAPACITY = Quantity.DISCHARGE_CAPACITY.ordinal();
    private static final int CHARGE_ENERGY = Quantity.CHARGE_ENERGY.ordinal();
    private static final int DISCHARGE_ENERGY = Quantity.DISCHARGE_ENERGY.ordinal();
    private static final int CAPACITY = Quantity.CAPACITY.ordinal();
    private static final int ENERGY = Quantity.ENERGY.ordinal();
    private static final int HALF_CYCLE_CHARGE = Quantity.HALF_CYCLE_CHARGE.ordinal();
    private static final int HALF_CYCLE = Quantity.HALF_CYCLE.ordinal();
    private static final int CHARGE_INCREMENT = Quantity.CHARGE_INCREMENT.ordinal();
    private static final int NET_CHARGE = Quantity.NET_CHARGE.ordinal();
    private static final int TEMPERATURE = Quantity.TEMPERATURE.ordinal();

    private final Column[] columns = new Column[QUANTITIES.length];
    private final double[] factors = new double[QUANTITIES.length];
    private final String[] units = new String[QUANTITIES.length];
    /** What to add to a temperature to make it °C (-273.15 for kelvin), decided once from the unit. */
    private double temperatureOffset;

    private final boolean[] valueRequired = new boolean[QUANTITIES.length];

    private final ZoneId zone;
    private final TimeValues.WallClock wallClock;
    private final Function<String, StepType> stepTypes;
    private final CounterRule counters;
    private DateTimeFormatter wallTimePattern;
    private Long firstWallTimeMs;

    private Double capacityReading;
    private Double energyReading;
    private Double halfCycleCharge;
    private Long halfCycleIndex;
    private Double chargeIncrement;
    private Double netCharge;
    private final SingleCounterSplit capacitySplit = new SingleCounterSplit();
    private final SingleCounterSplit energySplit = new SingleCounterSplit();
    private final PerCycleMaximum chargeMaximum = new PerCycleMaximum();
    private final PerCycleMaximum dischargeMaximum = new PerCycleMaximum();
    private final PerCycleMaximum chargeEnergyMaximum = new PerCycleMaximum();
    private final PerCycleMaximum dischargeEnergyMaximum = new PerCycleMaximum();
    private final HalfCycleCounters halfCycles = new HalfCycleCounters();
    private final NetChargeSplit netSplit = new NetChargeSplit();

    /**
     * @param zone      the zone of wall-clock stamps written without an offset
     * @param stepTypes how the vendor's step names read
     * @param counters  the rule the vendor's counters follow
     */
    public BoundColumns(ZoneId zone, Function<String, StepType> stepTypes, CounterRule counters) {
        this.zone = zone;
        this.wallClock = new TimeValues.WallClock(zone);
        this.stepTypes = stepTypes;
        this.counters = counters;
    }

    /**
     * Reads {@code quantity} from {@code column}, whose values are in {@code unit}.
     *
     * @param valueRequired for counters: whether an empty or NaN cell is an error rather than "no reading"
     * @throws IllegalArgumentException for a unit cellwatch does not know
     */
    public void put(Quantity quantity, Column column, String unit, boolean valueRequired) {
        int i = quantity.ordinal();
        factors[i] = quantity.factor(unit);
        units[i] = unit;
        if (quantity == Quantity.TEMPERATURE) {
            temperatureOffset = Units.celsius(0, unit);
        }
        columns[i] = column;
        this.valueRequired[i] = valueRequired;
    }

    public boolean has(Quantity quantity) {
        return columns[quantity.ordinal()] != null;
    }

    /** The unit a quantity's column is read in, or null when it has no column. */
    public String unit(Quantity quantity) {
        return units[quantity.ordinal()];
    }

    /** The column a quantity is read from, or null. */
    public Column column(Quantity quantity) {
        return columns[quantity.ordinal()];
    }

    /** Multiplies a quantity's factor (a current written discharge-positive, volts found to be millivolts). */
    public void scaleBy(Quantity quantity, double factor) {
        factors[quantity.ordinal()] *= factor;
    }

    /** Wall-clock stamps in one fixed pattern instead of the forms cyclers commonly write. */
    public void useWallTimePattern(DateTimeFormatter pattern) {
        this.wallTimePattern = pattern;
    }

    /**
     * Reads the row's cells into {@code r}; counters are finished by {@link #count} once the row is
     * complete. Written out quantity by quantity rather than as a loop over a switch: on a
     * multi-million-row export a loop with a switch per cell costs a third more time.
     */
    public void read(Cells c, SampleRow r) throws MalformedRowException {
        readTimes(c, r);
        readIndexes(c, r);
        if (columns[VOLTAGE] != null) {
            r.voltageV = c.number(columns[VOLTAGE]) * factors[VOLTAGE];
        }
        if (columns[CURRENT] != null) {
            r.currentA = c.number(columns[CURRENT]) * factors[CURRENT];
        }
        readCounters(c, r);
        if (columns[TEMPERATURE] != null) {
            r.temperatureC = celsius(c.optionalNumber(columns[TEMPERATURE]));
        }
    }

    private void readTimes(Cells c, SampleRow r) throws MalformedRowException {
        Column[] col = columns;
        if (col[DATA_POINT] != null) {
            r.dataPoint = c.longInteger(col[DATA_POINT]);
        }
        if (col[WALL_TIME] != null) {
            r.wallTimeMs = c.blank(col[WALL_TIME]) ? null : wallTime(c, col[WALL_TIME]);
        }
        if (col[WALL_TIME_DATENUM] != null) {
            datenum(c, col[WALL_TIME_DATENUM], r);
        }
        if (col[TEST_TIME] != null) {
            testTime(c, col[TEST_TIME], r);
        } else if (r.wallTimeMs != null) {
            r.testTimeS = sinceFirstStamp(r.wallTimeMs);
        } else {
            throw c.malformed(col[WALL_TIME], "missing");
        }
    }

    private void readIndexes(Cells c, SampleRow r) throws MalformedRowException {
        Column[] col = columns;
        if (col[CYCLE] != null) {
            r.cycleIndex = c.integer(col[CYCLE]);
        }
        if (col[STEP] != null) {
            r.stepIndex = c.integer(col[STEP]);
        }
        if (col[STEP_TYPE] != null) {
            r.stepType = stepType(c, col[STEP_TYPE]);
        }
    }

    private void readCounters(Cells c, SampleRow r) throws MalformedRowException {
        Column[] col = columns;
        double[] f = factors;
        if (col[CHARGE_CAPACITY] != null) {
            r.chargeAh = SampleRow.counter(reading(c, CHARGE_CAPACITY), f[CHARGE_CAPACITY]);
        }
        if (col[DISCHARGE_CAPACITY] != null) {
            r.dischargeAh = SampleRow.counter(reading(c, DISCHARGE_CAPACITY), f[DISCHARGE_CAPACITY]);
        }
        if (col[CHARGE_ENERGY] != null) {
            r.chargeWh = SampleRow.counter(reading(c, CHARGE_ENERGY), f[CHARGE_ENERGY]);
        }
        if (col[DISCHARGE_ENERGY] != null) {
            r.dischargeWh = SampleRow.counter(reading(c, DISCHARGE_ENERGY), f[DISCHARGE_ENERGY]);
        }
        capacityReading = col[CAPACITY] == null ? null : scaled(reading(c, CAPACITY), f[CAPACITY]);
        energyReading = col[ENERGY] == null ? null : scaled(reading(c, ENERGY), f[ENERGY]);
        halfCycleCharge =
                col[HALF_CYCLE_CHARGE] == null ? null : scaled(reading(c, HALF_CYCLE_CHARGE), f[HALF_CYCLE_CHARGE]);
        halfCycleIndex = col[HALF_CYCLE] == null ? null : c.longInteger(col[HALF_CYCLE]);
        chargeIncrement =
                col[CHARGE_INCREMENT] == null ? null : scaled(reading(c, CHARGE_INCREMENT), f[CHARGE_INCREMENT]);
        netCharge = col[NET_CHARGE] == null ? null : scaled(reading(c, NET_CHARGE), f[NET_CHARGE]);
    }

    /**
     * Finishes the row's counters by the layout's rule. Called after the row is complete, because
     * some rules need its step type or cycle, which a vendor may set from outside the row (Neware
     * BTSDA's step rows).
     */
    public void count(SampleRow r) {
        switch (counters) {
            case AS_WRITTEN -> {}
            case SPLIT_BY_DIRECTION -> splitByDirection(r);
            case PER_CYCLE_MAXIMUM -> perCycleMaximum(r);
            case NET_PER_HALF_CYCLE -> netPerHalfCycle(r);
        }
    }

    private void splitByDirection(SampleRow r) {
        StepType direction = r.stepType != null ? r.stepType : StepType.fromCurrent(r.currentA, 0);
        if (has(Quantity.CAPACITY)) {
            capacitySplit.accept(capacityReading, direction);
            r.chargeAh = capacitySplit.charge();
            r.dischargeAh = capacitySplit.discharge();
        }
        if (has(Quantity.ENERGY)) {
            energySplit.accept(energyReading, direction);
            r.chargeWh = energySplit.charge();
            r.dischargeWh = energySplit.discharge();
        }
    }

    private void perCycleMaximum(SampleRow r) {
        r.chargeAh = chargeMaximum.accept(r.cycleIndex, r.chargeAh);
        r.dischargeAh = dischargeMaximum.accept(r.cycleIndex, r.dischargeAh);
        if (has(Quantity.CHARGE_ENERGY) && has(Quantity.DISCHARGE_ENERGY)) {
            r.chargeWh = chargeEnergyMaximum.accept(r.cycleIndex, r.chargeWh);
            r.dischargeWh = dischargeEnergyMaximum.accept(r.cycleIndex, r.dischargeWh);
        } else {
            r.chargeWh = null;
            r.dischargeWh = null;
        }
    }

    private void netPerHalfCycle(SampleRow r) {
        if (columns[HALF_CYCLE_CHARGE] != null) {
            halfCycles.accept(halfCycleIndex, halfCycleCharge);
        } else if (columns[CHARGE_CAPACITY] != null || columns[DISCHARGE_CAPACITY] != null) {
            halfCycles.accept(halfCycleIndex, signed(r.chargeAh, r.dischargeAh));
        } else if (columns[CHARGE_INCREMENT] != null) {
            netSplit.increment(chargeIncrement);
            r.chargeAh = netSplit.charged();
            r.dischargeAh = netSplit.discharged();
            return;
        } else if (columns[NET_CHARGE] != null) {
            netSplit.net(netCharge);
            r.chargeAh = netSplit.charged();
            r.dischargeAh = netSplit.discharged();
            return;
        } else {
            return; // no charge column: the summarizer integrates the current
        }
        r.chargeAh = halfCycles.charge();
        r.dischargeAh = halfCycles.discharge();
    }

    /** EC-Lab's export split of the half cycle's count put back together: one of the two is 0. */
    private static Double signed(Double charge, Double discharge) {
        if (charge == null && discharge == null) {
            return null;
        }
        return (charge == null ? 0 : charge) - (discharge == null ? 0 : discharge);
    }

    private Double reading(Cells c, int i) throws MalformedRowException {
        return valueRequired[i] ? Double.valueOf(c.number(columns[i])) : c.optionalNumber(columns[i]);
    }

    private static Double scaled(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    private Double celsius(Double value) {
        return value == null || temperatureOffset == 0 ? value : Double.valueOf(value + temperatureOffset);
    }

    private StepType stepType(Cells c, Column column) throws MalformedRowException {
        String text = c.text(column);
        if (text.isEmpty()) {
            throw c.malformed(column, "missing");
        }
        return stepTypes.apply(text);
    }

    private void datenum(Cells c, Column column, SampleRow r) throws MalformedRowException {
        if (r.wallTimeMs == null) {
            Double days = c.optionalNumber(column);
            r.wallTimeMs = days == null ? null : TimeValues.fromMatlabDatenum(days);
        }
    }

    /**
     * Test time as cyclers write it: seconds (in the column's unit), a duration ({@code 144:01:18},
     * {@code 1d 04:10:50.18}), or an absolute stamp (EC-Lab's "absolute" time format), which is
     * also the row's wall-clock time and counts from the file's first stamp.
     */
    private void testTime(Cells c, Column column, SampleRow r) throws MalformedRowException {
        String text = c.text(column);
        if (text.indexOf(':') < 0) { // seconds: most rows of most files, so tested first
            r.testTimeS = c.number(column) * factors[TEST_TIME];
        } else if (isStamp(text)) {
            r.wallTimeMs = wallTime(c, column);
            r.testTimeS = sinceFirstStamp(r.wallTimeMs);
        } else {
            try {
                r.testTimeS = TimeValues.durationSeconds(text);
            } catch (IllegalArgumentException e) {
                throw c.malformed(column, "not a duration: '" + text + "'");
            }
        }
    }

    /** {@code 05/05/2021 15:36:22.757} or {@code 2022-05-18 16:27:52}, not a duration ({@code 1d 04:10:50.18}). */
    private static boolean isStamp(String text) {
        int dash = text.indexOf('-');
        return text.indexOf('/') > 0 || dash > 0 && text.indexOf(':') > dash;
    }

    private long wallTime(Cells c, Column column) throws MalformedRowException {
        String text = c.text(column);
        try {
            if (wallTimePattern != null) {
                return LocalDateTime.parse(text.strip(), wallTimePattern)
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
            }
            return wallClock.epochMillis(text);
        } catch (RuntimeException e) {
            throw c.malformed(column, "not a date and time: '" + text + "'");
        }
    }

    private double sinceFirstStamp(long wallTimeMs) {
        if (firstWallTimeMs == null) {
            firstWallTimeMs = wallTimeMs;
        }
        return (wallTimeMs - firstWallTimeMs) / 1000.0;
    }
}
