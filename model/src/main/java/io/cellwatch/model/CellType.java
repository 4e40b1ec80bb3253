package io.cellwatch.model;

/** How a cell is built, which decides which detectors apply and how CE is read. */
public enum CellType {
    /** Cathode against anode: capacity, CE and fade detectors. */
    FULL,
    /** Electrode against Li metal; CE is usually read in the anode convention (delithiation / lithiation). */
    HALF,
    /** Li | electrolyte | Li: no capacity to speak of, overpotential and shorts are what matter. */
    SYMMETRIC
}
