package io.cellwatch.simulator.lab;

/**
 * What one cycle of a simulated cell really was, from the physics rather than from what the cycler
 * logged.
 *
 * @param cycleIndex         the cycler's cycle index
 * @param segment            which cell of the channel (0, or 1 for a new cell on a reused channel)
 * @param startS             channel seconds at the cycle's start
 * @param endS               channel seconds at its end
 * @param capacityAh         available capacity of the cell in this cycle (after fade, temperature
 *                           and sudden losses; NaN for symmetric cells)
 * @param shortResistanceOhm the internal short's resistance during the cycle (when it changed within
 *                           the cycle, its effective value while present: the mean cell voltage over
 *                           the mean leak current while the short was there), or NaN when there was none
 * @param meanLeakCurrentA   the short's current averaged over the cycle (0 without a short)
 */
public record CycleTruth(
        int cycleIndex,
        int segment,
        double startS,
        double endS,
        double capacityAh,
        double shortResistanceOhm,
        double meanLeakCurrentA) {

    public boolean shorted() {
        return meanLeakCurrentA > 0;
    }
}
