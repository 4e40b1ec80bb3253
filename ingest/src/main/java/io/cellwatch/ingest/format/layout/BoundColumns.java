package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.MalformedRowException;
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
import java.util.Arrays;
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

    private final Column[] columns = new Column[QUANTITIES.length];
    private final double[] factors = new double[QUANTITIES.length];
    private final String[] units = new String[QUANTITIES.length];
    private final boolean[] valueRequired = new boolean[QUANTITIES.length];
    private Quantity[] present = new Quantity[0];

    private final ZoneId zone;
    private final TimeValues.WallClock wallClock;
    private final Function<String, StepType> stepTypes;
    private final CounterRule counters;
    private DateTimeFormatter wallTimePattern;
    private Long firstWallTimeMs;

    private Double capacityReading;
    private Double energyReading;
    private Double chargeIncrement;
    private Double netCharge;
    private final SingleCounterSplit capacitySplit = new SingleCounterSplit();
    private final SingleCounterSplit energySplit = new SingleCounterSplit();
    private final PerCycleMaximum chargeMaximum = new PerCycleMaximum();
    private final PerCycleMaximum dischargeMaximum = new PerCycleMaximum();
    private final PerCycleMaximum chargeEnergyMaximum = new PerCycleMaximum();
    private final PerCycleMaximum dischargeEnergyMaximum = new PerCycleMaximum();
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
        columns[i] = column;
        this.valueRequired[i] = valueRequired;
        present = Arrays.stream(QUANTITIES).filter(this::has).toArray(Quantity[]::new);
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

    /** Reads the row's cells into {@code r}; counters are finished by {@link #count} once the row is complete. */
    public void read(Cells c, SampleRow r) throws MalformedRowException {
        capacityReading = null;
        energyReading = null;
        chargeIncrement = null;
        netCharge = null;
        for (Quantity q : present) {
            int i = q.ordinal();
            Column column = columns[i];
            switch (q) {
                case DATA_POINT -> r.dataPoint = c.longInteger(column);
                case WALL_TIME -> r.wallTimeMs = c.blank(column) ? null : wallTime(c, column);
                case WALL_TIME_DATENUM -> datenum(c, column, r);
                case TEST_TIME -> testTime(c, column, r);
                case CYCLE -> r.cycleIndex = c.integer(column);
                case STEP -> r.stepIndex = c.integer(column);
                case STEP_TYPE -> r.stepType = stepType(c, column);
                case VOLTAGE -> r.voltageV = c.number(column) * factors[i];
                case CURRENT -> r.currentA = c.number(column) * factors[i];
                case CHARGE_CAPACITY -> r.chargeAh = SampleRow.counter(reading(c, i), factors[i]);
                case DISCHARGE_CAPACITY -> r.dischargeAh = SampleRow.counter(reading(c, i), factors[i]);
                case CHARGE_ENERGY -> r.chargeWh = SampleRow.counter(reading(c, i), factors[i]);
                case DISCHARGE_ENERGY -> r.dischargeWh = SampleRow.counter(reading(c, i), factors[i]);
                case CAPACITY -> capacityReading = scaled(reading(c, i), factors[i]);
                case ENERGY -> energyReading = scaled(reading(c, i), factors[i]);
                case CHARGE_INCREMENT -> chargeIncrement = scaled(reading(c, i), factors[i]);
                case NET_CHARGE -> netCharge = scaled(reading(c, i), factors[i]);
                case TEMPERATURE -> r.temperatureC = celsius(c.optionalNumber(column), units[i]);
            }
        }
        if (columns[Quantity.TEST_TIME.ordinal()] == null) {
            if (r.wallTimeMs == null) {
                throw c.malformed(columns[Quantity.WALL_TIME.ordinal()], "missing");
            }
            r.testTimeS = sinceFirstStamp(r.wallTimeMs);
        }
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
            case SPLIT_NET_CHARGE -> splitNetCharge(r);
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

    private void splitNetCharge(SampleRow r) {
        if (has(Quantity.CHARGE_INCREMENT)) {
            netSplit.increment(chargeIncrement);
        } else if (has(Quantity.NET_CHARGE)) {
            netSplit.net(netCharge);
        } else {
            return; // neither column: the charge and discharge counters as written
        }
        r.chargeAh = netSplit.charged();
        r.dischargeAh = netSplit.discharged();
    }

    private Double reading(Cells c, int i) throws MalformedRowException {
        return valueRequired[i] ? Double.valueOf(c.number(columns[i])) : c.optionalNumber(columns[i]);
    }

    private static Double scaled(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    private static Double celsius(Double value, String unit) {
        return value == null ? null : Units.celsius(value, unit);
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
        if (isStamp(text)) {
            r.wallTimeMs = wallTime(c, column);
            r.testTimeS = sinceFirstStamp(r.wallTimeMs);
        } else if (text.indexOf(':') >= 0) {
            try {
                r.testTimeS = TimeValues.durationSeconds(text);
            } catch (IllegalArgumentException e) {
                throw c.malformed(column, "not a duration: '" + text + "'");
            }
        } else {
            r.testTimeS = c.number(column) * factors[Quantity.TEST_TIME.ordinal()];
        }
    }

    /** {@code 05/05/2021 15:36:22.757} or {@code 2022-05-18 16:27:52}, not seconds or a duration. */
    private static boolean isStamp(String text) {
        int dash = text.indexOf('-');
        int colon = text.indexOf(':');
        return text.indexOf('/') > 0 || dash > 0 && colon > dash;
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
