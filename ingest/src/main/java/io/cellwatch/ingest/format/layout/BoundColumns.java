package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.ingest.format.text.Units;
import io.cellwatch.model.StepType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * One file's columns, found in its header by a {@link ColumnLayout} (or named by a mapping), and the
 * reading of its rows into {@link SampleRow}s: numbers scaled to V, A, Ah, Wh and s, durations and
 * wall-clock stamps parsed, step names mapped; the counters are finished by the layout's
 * {@link CounterRule} in {@link RuleCounters}. Holds what reading needs between rows (the first
 * stamp, the counters' running state), so it serves one file.
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
    private static final int STEP_TIME = Quantity.STEP_TIME.ordinal();
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

    private final RowTimes times;
    private final Function<String, StepType> stepTypes;

    private final RuleCounters ruleCounters;

    /**
     * @param zone      the zone of wall-clock stamps written without an offset
     * @param order     which field of a slashed date is the month
     * @param stepTypes how the vendor's step names read
     * @param counters  the rule the vendor's counters follow
     */
    public BoundColumns(
            ZoneId zone, TimeValues.DateOrder order, Function<String, StepType> stepTypes, CounterRule counters) {
        this.times = new RowTimes(zone, order);
        this.stepTypes = stepTypes;
        this.ruleCounters = new RuleCounters(counters, this);
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
        times.usePattern(pattern);
    }

    /**
     * The lab's own form of wall-clock stamps ({@code --clock-format}, {@link SourceFile#clockPattern}), if the
     * file is read with one, tried before the forms cyclers write.
     *
     * @throws FileFormatException naming the file and the header's line when the pattern is not one
     */
    public void tryWallTimeFormFirst(SourceFile source, long line) throws FileFormatException {
        if (source.clockPattern() == null) {
            return;
        }
        try {
            times.tryFirst(source.clockPattern());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source.path(), line, "--clock-format " + e.getMessage());
        }
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
            r.wallTimeMs = c.blank(col[WALL_TIME]) ? null : times.wallTime(c, col[WALL_TIME]);
        }
        if (col[WALL_TIME_DATENUM] != null && r.wallTimeMs == null) {
            Double days = c.optionalNumber(col[WALL_TIME_DATENUM]);
            r.wallTimeMs = days == null ? null : TimeValues.fromMatlabDatenum(days);
        }
        if (col[TEST_TIME] != null) {
            times.testTime(c, col[TEST_TIME], factors[TEST_TIME], r);
        } else if (r.wallTimeMs != null) {
            r.testTimeS = times.sinceFirstStamp(r.wallTimeMs);
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
        RuleCounters k = ruleCounters;
        k.capacity = col[CAPACITY] == null ? null : scaled(reading(c, CAPACITY), f[CAPACITY]);
        k.energy = col[ENERGY] == null ? null : scaled(reading(c, ENERGY), f[ENERGY]);
        k.halfCycleCharge =
                col[HALF_CYCLE_CHARGE] == null ? null : scaled(reading(c, HALF_CYCLE_CHARGE), f[HALF_CYCLE_CHARGE]);
        k.halfCycle = col[HALF_CYCLE] == null ? null : c.longInteger(col[HALF_CYCLE]);
        k.chargeIncrement =
                col[CHARGE_INCREMENT] == null ? null : scaled(reading(c, CHARGE_INCREMENT), f[CHARGE_INCREMENT]);
        k.netCharge = col[NET_CHARGE] == null ? null : scaled(reading(c, NET_CHARGE), f[NET_CHARGE]);
        k.stepTime = col[STEP_TIME] == null ? null : scaled(hint(c, col[STEP_TIME]), f[STEP_TIME]);
    }

    /**
     * Finishes the row's counters by the layout's rule ({@link RuleCounters}). Called after the row
     * is complete, because some rules need its step type or cycle, which a vendor may set from
     * outside the row (Neware BTSDA's step rows).
     */
    public void count(SampleRow r) {
        ruleCounters.count(r);
    }

    /** A number read only as a hint (a step time): a cell that is not one gives none rather than refusing the row. */
    private static Double hint(Cells c, Column column) {
        try {
            return c.optionalNumber(column);
        } catch (MalformedRowException e) {
            return null;
        }
    }

    /** The step time read from the row being read, in seconds, or null (no column, an empty or garbled cell). */
    public Double stepTimeS() {
        return ruleCounters.stepTime;
    }

    /**
     * A new test begins in the file at the row being read (its reader can tell): counters the layout's rule keeps
     * across rows start from zero with it.
     */
    public void startTest() {
        ruleCounters.startTest();
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
}
