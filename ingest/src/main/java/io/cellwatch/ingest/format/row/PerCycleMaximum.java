package io.cellwatch.ingest.format.row;

/**
 * A counter read the way the DOE Battery Data Hub defines it: the cycle's charge (or discharge) is
 * the largest value the column reaches within the cycle, which is also how the provider computes
 * its own per-cycle summaries. Emitted as a counter that never resets (the sum of earlier cycles'
 * maxima plus this cycle's maximum so far), so the summarizer's difference is exactly the maximum.
 *
 * <p>On thinned exports whose column restarts within a cycle (HPPC pulses, a charge, discharge and
 * second charge in one cycle) this counts the largest segment, as the provider does, not the sum.
 */
public final class PerCycleMaximum {
    private boolean started;
    private int cycle;
    private double before;
    private double maximum;

    /** Folds in a row's value (null: no reading, the counter holds). */
    public double accept(int cycleIndex, Double value) {
        if (!started || cycleIndex != cycle) {
            before += maximum;
            maximum = 0;
            cycle = cycleIndex;
            started = true;
        }
        if (value != null && Math.abs(value) > maximum) {
            maximum = Math.abs(value);
        }
        return before + maximum;
    }
}
