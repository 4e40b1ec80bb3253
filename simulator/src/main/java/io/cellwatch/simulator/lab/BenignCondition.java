package io.cellwatch.simulator.lab;

/**
 * A condition of real lab life that is not a fault and must not be reported as one. Each
 * {@link BenignEvent} in a scenario's truth names one, so a false alarm can be traced to its cause.
 */
public enum BenignCondition {
    /** First cycles of a new cell: SEI/interphase formation consumes lithium, so CE is low (75–94 %). */
    FORMATION,
    /** The first cycles at a fraction of the test rate before it (conditioning ramp). */
    CONDITIONING_RAMP,
    /** The current sensor reads a constant offset (a fraction of a percent of the test current). */
    CURRENT_OFFSET,
    /** The current sensor's gain drifts (calibration drift), so both capacities scale together. */
    CALIBRATION_DRIFT,
    /** The chamber temperature steps; available capacity and resistance follow. */
    TEMPERATURE_STEP,
    /** The schedule changes the charge and/or discharge rate. */
    C_RATE_CHANGE,
    /** The schedule moves the charge's and/or the discharge's cut-off voltage; both capacities follow. */
    CUTOFF_CHANGE,
    /** Rests between steps of varying length. */
    VARYING_RESTS,
    /** The test stops for days (calendar pause) and resumes. */
    CALENDAR_PAUSE,
    /** The cycler stops in the middle of a charge, logs nothing, and resumes the same step. */
    PAUSE_MID_CHARGE,
    /** Contact resistance rises for a while (a loose clip, lost stack pressure), then recovers. */
    CONTACT_GLITCH,
    /** Rows are logged when the voltage has moved by a set step, or after a longest interval. */
    VOLTAGE_TRIGGERED_LOGGING,
    /** Rows every 1 s to every 10 min. */
    LOGGING_INTERVAL,
    /** Direct-current internal-resistance pulses (seconds at several C) inside a cycle. */
    DCIR_PULSE,
    /** Impedance scans interrupting a step (no net charge, rows at zero current). */
    EIS_INTERRUPTION,
    /** A slow diagnostic (reference performance) cycle every so many cycles. */
    DIAGNOSTIC_CYCLE,
    /** The record number restarts inside a file (cycler software restarted). */
    RECORD_NUMBER_RESTART,
    /** The capacity counters reset in the middle of a step. */
    COUNTER_RESET,
    /** A new cell is started on a channel that ran another cell before. */
    NEW_CELL_ON_CHANNEL,
    /** A symmetric cell whose electrode area the lab did not declare. */
    NO_ELECTRODE_AREA,
    /** A current-density step-up test the lab did not declare as one. */
    UNDECLARED_STEP_UP,
    /** Several cycles at each current level of a step-up test. */
    CYCLES_PER_LEVEL,
    /** Instrument pickup on the voltage (±10 mV, as on the shared real Li‖Li export). */
    VOLTAGE_PICKUP;

    /** Lower-case words for reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
