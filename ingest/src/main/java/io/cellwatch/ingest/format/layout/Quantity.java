package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.text.Units;

/**
 * What a column of a cycler export holds, as far as cellwatch reads it, with the unit assumed when
 * the header writes none. Declared in reading order: a row's wall-clock stamp is read before its
 * test time, which may be derived from it.
 */
public enum Quantity {
    /** The cycler's record number. */
    DATA_POINT("record number"),
    /** A wall-clock stamp (ISO-8601, US slashes, epoch seconds). */
    WALL_TIME("date and time"),
    /** A wall-clock stamp as a MATLAB day number (the DOE Battery Data Hub). */
    WALL_TIME_DATENUM("date (MATLAB day number)"),
    /** Seconds since the test began, {@code hh:mm:ss}, or an absolute stamp (then relative to the first row). */
    TEST_TIME("test time"),
    CYCLE("cycle index"),
    STEP("step index"),
    /** The vendor's step or state name, mapped by the layout's step-type rule. */
    STEP_TYPE("step type"),
    /**
     * Time since the step began, a number: read only to find each step's first row (where it goes back), for a
     * counter rule that needs it ({@link CounterRule#RUNNING_BALANCE}).
     */
    STEP_TIME("step time"),
    VOLTAGE("voltage"),
    CURRENT("current"),
    /** Charge passed on charge, cumulative as the vendor counts it (per step, per half cycle, per cycle). */
    CHARGE_CAPACITY("charge capacity"),
    /** Charge passed on discharge, cumulative as the vendor counts it; written positive or negative. */
    DISCHARGE_CAPACITY("discharge capacity"),
    CHARGE_ENERGY("charge energy"),
    DISCHARGE_ENERGY("discharge energy"),
    /** One counter for both directions; the row's step type says which (Maccor, Neware BTSDA records). */
    CAPACITY("capacity"),
    /** One energy counter for both directions, like {@link #CAPACITY}. */
    ENERGY("energy"),
    /** The half cycle's net charge so far, positive on charge (EC-Lab's {@code Q charge/discharge}). */
    HALF_CYCLE_CHARGE("net charge of the half cycle"),
    /** EC-Lab's half-cycle index. */
    HALF_CYCLE("half cycle"),
    /** Signed charge passed since the previous row, positive on charge (EC-Lab's {@code dq}). */
    CHARGE_INCREMENT("charge since the previous row"),
    /** Signed net charge since a reference point, positive on charge (EC-Lab's {@code (Q-Qo)}). */
    NET_CHARGE("net charge"),
    TEMPERATURE("temperature");

    private final String label;

    Quantity(String label) {
        this.label = label;
    }

    /** What the quantity is called in messages ("no charge capacity column"). */
    public String label() {
        return label;
    }

    /** The unit of the quantity when the header writes none: cellwatch's own. */
    public String defaultUnit() {
        return switch (this) {
            case TEST_TIME, STEP_TIME -> "s";
            case VOLTAGE -> "V";
            case CURRENT -> "A";
            case CHARGE_CAPACITY, DISCHARGE_CAPACITY, CAPACITY, HALF_CYCLE_CHARGE, CHARGE_INCREMENT, NET_CHARGE -> "Ah";
            case CHARGE_ENERGY, DISCHARGE_ENERGY, ENERGY -> "Wh";
            case TEMPERATURE -> "°C";
            default -> "";
        };
    }

    /**
     * The factor from {@code unit} to cellwatch's unit (V, A, Ah, Wh, s); 1 for quantities without one.
     *
     * @throws IllegalArgumentException for a unit cellwatch does not know
     */
    public double factor(String unit) {
        return switch (this) {
            case TEST_TIME, STEP_TIME -> Units.time(unit);
            case VOLTAGE -> Units.voltage(unit);
            case CURRENT -> Units.current(unit);
            case CHARGE_CAPACITY, DISCHARGE_CAPACITY, CAPACITY, HALF_CYCLE_CHARGE, CHARGE_INCREMENT, NET_CHARGE ->
                Units.capacity(unit);
            case CHARGE_ENERGY, DISCHARGE_ENERGY, ENERGY -> Units.energy(unit);
            default -> 1.0;
        };
    }
}
