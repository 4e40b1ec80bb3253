package io.cellwatch.simulator.lab;

/**
 * What is really wrong with a simulated cell, in the terms a lab reports a failure in. The scorer
 * in {@code evaluate} maps every alert kind onto one of these; the simulator never sees alert kinds.
 */
public enum FaultFamily {
    /** An internal leak through a dendrite or filament: the cell self-discharges while cycling. */
    SOFT_SHORT,
    /** A short of a few ohms or less: the voltage collapses to about I·R of the short. */
    HARD_SHORT,
    /** A current-density step-up test that ends in a short: the critical current density is the finding. */
    CRITICAL_CURRENT_DENSITY,
    /** Interphase growth in a symmetric cell: the plating/stripping overpotential climbs. */
    OVERPOTENTIAL,
    /** A sudden loss of capacity (both charge and discharge), e.g. lost contact to part of an electrode. */
    CAPACITY_LOSS,
    /** Nothing is wrong: whatever happens on the channel is benign. */
    NONE;

    /** Lower-case words for reports ({@code soft short}). */
    public String label() {
        return switch (this) {
            case CRITICAL_CURRENT_DENSITY -> "CCD";
            default -> name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
