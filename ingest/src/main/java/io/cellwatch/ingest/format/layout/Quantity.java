package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.text.Units;
import java.util.function.ToDoubleFunction;

/**
 * What a column of a cycler export holds, as far as cellwatch reads it, with the unit assumed when
 * the header writes none. Declared in reading order: a row's wall-clock stamp is read before its
 * test time, which may be derived from it.
 */
public enum Quantity {
    /** The cycler's record number. */
    DATA_POINT("record number", ""),
    /** A wall-clock stamp (ISO-8601, US slashes, epoch seconds). */
    WALL_TIME("date and time", ""),
    /** A wall-clock stamp as a MATLAB day number (the DOE Battery Data Hub). */
    WALL_TIME_DATENUM("date (MATLAB day number)", ""),
    /** Seconds since the test began, {@code hh:mm:ss}, or an absolute stamp (then relative to the first row). */
    TEST_TIME("test time", "s", Units::time),
    CYCLE("cycle index", ""),
    STEP("step index", ""),
    /** The vendor's step or state name, mapped by the layout's step-type rule. */
    STEP_TYPE("step type", ""),
    VOLTAGE("voltage", "V", Units::voltage),
    CURRENT("current", "A", Units::current),
    /** Charge passed on charge, cumulative as the vendor counts it (per step, per half cycle, per cycle). */
    CHARGE_CAPACITY("charge capacity", "Ah", Units::capacity),
    /** Charge passed on discharge, cumulative as the vendor counts it; written positive or negative. */
    DISCHARGE_CAPACITY("discharge capacity", "Ah", Units::capacity),
    CHARGE_ENERGY("charge energy", "Wh", Units::energy),
    DISCHARGE_ENERGY("discharge energy", "Wh", Units::energy),
    /** One counter for both directions; the row's step type says which (Maccor, Neware BTSDA records). */
    CAPACITY("capacity", "Ah", Units::capacity),
    /** One energy counter for both directions, like {@link #CAPACITY}. */
    ENERGY("energy", "Wh", Units::energy),
    /** Signed charge passed since the previous row, positive on charge (EC-Lab's {@code dq}). */
    CHARGE_INCREMENT("charge since the previous row", "Ah", Units::capacity),
    /** Signed net charge since a reference point, positive on charge (EC-Lab's {@code (Q-Qo)}). */
    NET_CHARGE("net charge", "Ah", Units::capacity),
    TEMPERATURE("temperature", "°C");

    private final String label;
    private final String defaultUnit;
    private final ToDoubleFunction<String> factor;

    Quantity(String label, String defaultUnit) {
        this(label, defaultUnit, unit -> 1.0);
    }

    Quantity(String label, String defaultUnit, ToDoubleFunction<String> factor) {
        this.label = label;
        this.defaultUnit = defaultUnit;
        this.factor = factor;
    }

    /** What the quantity is called in messages ("no charge capacity column"). */
    public String label() {
        return label;
    }

    /** The unit of the quantity when the header writes none. */
    public String defaultUnit() {
        return defaultUnit;
    }

    /**
     * The factor from {@code unit} to cellwatch's unit (V, A, Ah, Wh, s); 1 for quantities without one.
     *
     * @throws IllegalArgumentException for a unit cellwatch does not know
     */
    public double factor(String unit) {
        return factor.applyAsDouble(unit);
    }

    /** True for the counters a row may leave empty (impedance rows, pandas' NaN): the counter holds. */
    boolean isCounter() {
        return switch (this) {
            case CHARGE_CAPACITY,
                    DISCHARGE_CAPACITY,
                    CHARGE_ENERGY,
                    DISCHARGE_ENERGY,
                    CAPACITY,
                    ENERGY,
                    CHARGE_INCREMENT,
                    NET_CHARGE -> true;
            default -> false;
        };
    }
}
