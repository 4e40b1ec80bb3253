package io.cellwatch.streams.cycle;

/**
 * Tells, at a step boundary, a cycler counter that restarted from zero with the new step although it
 * reads more than before it, from one that ran on across the boundary.
 *
 * <p>A counter that reads less than before was restarted: {@link CycleSummarizer#counterIncrease} sees
 * that. A counter that reads more is ambiguous when the step before it was short. At −30 K a charge at
 * several C reaches its voltage limit within seconds (the ohmic drop alone takes it there): the constant-
 * current step writes one row with a few µAh on its counter, and the constant-voltage step's first row, a
 * logging interval later, reads tens of µAh counted from zero. Read as a counter running on, the rise
 * drops the constant-current step's charge from the cycle: a cell whose CE is 99.4 % reads 103 %, and
 * by how much depends on how long each cell's CC step lasted (its resistance, its state of charge), so
 * one healthy replicate leaves its siblings for as long as the chamber stays cold.
 *
 * <p>The charge that flowed between the two rows decides it. Each hypothesis says what it was: a
 * counter running on, its rise; a restarted counter, at least its whole new value (counted from the
 * step's start, inside the gap). The current between two rows runs from one reading to the other (a
 * constant-current step ends where the next step takes over; a constant-voltage current falls from the
 * constant-current one), so the charge lies between the smaller and the larger reading times the gap.
 * The hypothesis that misses those bounds by more is dropped; when both fit, or both miss alike, the
 * counter ran on (what was read before this rule). No number of its own: charge conservation and the
 * two readings.
 */
final class CounterRestart {
    private CounterRestart() {}

    /**
     * True when a counter that reads {@code after} (not less than {@code before}) at the first row of a
     * new step was restarted with it rather than run on.
     *
     * @param before   the counter at the previous row, or null
     * @param after    the counter at this row
     * @param beforeA  the current at the previous row, positive in the counter's direction
     * @param afterA   the current at this row, likewise
     * @param gapS     seconds between the two rows
     */
    static boolean restarted(Double before, double after, double beforeA, double afterA, double gapS) {
        if (before == null || after < before || !(gapS > 0)) {
            return false;
        }
        double least = Math.max(0, Math.min(beforeA, afterA)) * gapS / 3600;
        double most = Math.max(0, Math.max(beforeA, afterA)) * gapS / 3600;
        double runOnMiss = Math.max(0, least - (after - before));
        double restartMiss = Math.max(0, after - most);
        return runOnMiss > restartMiss;
    }
}
