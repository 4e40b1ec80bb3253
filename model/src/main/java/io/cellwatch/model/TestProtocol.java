package io.cellwatch.model;

/** The kind of test running on a channel. */
public enum TestProtocol {
    /** Repeated charge/discharge (or plating/stripping) at a steady rate. */
    CYCLING,
    /** Current density raised step by step until the cell shorts: a critical-current-density test. */
    STEP_UP
}
