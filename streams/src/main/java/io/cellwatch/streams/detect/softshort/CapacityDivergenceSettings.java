package io.cellwatch.streams.detect.softshort;

/**
 * Thresholds of the capacity-divergence soft-short detector.
 *
 * @param baselineCycles        cycles of baseline needed before judging (a new channel stays quiet)
 * @param baselineAlpha         EWMA weight of a new cycle in the baseline (0.1 ≈ the last 20 cycles)
 * @param minRelativeChange     smallest departure from baseline that counts, as a fraction (noise floor)
 * @param deviationMultiplier   departure needed in units of the channel's own mean absolute deviation
 * @param persistenceCycles     consecutive divergent cycles before a warning fires
 * @param criticalEfficiency    CE (Qd/Qc) below which a firing alert becomes critical
 * @param criticalPersistence   consecutive divergent cycles after which a firing alert becomes critical
 * @param resolveAfterCycles    consecutive normal cycles that resolve a firing alert
 * @param grossChargeRise       charge this far above baseline, as a fraction, in the same cycle as a
 *                              {@code grossDischargeFall}: fires on that one cycle, without waiting for persistence
 * @param grossDischargeFall    discharge this far below baseline, as a fraction, for the one-cycle rule
 */
public record CapacityDivergenceSettings(
        int baselineCycles,
        double baselineAlpha,
        double minRelativeChange,
        double deviationMultiplier,
        int persistenceCycles,
        double criticalEfficiency,
        int criticalPersistence,
        int resolveAfterCycles,
        double grossChargeRise,
        double grossDischargeFall) {

    /**
     * Defaults: a healthy cell's cycle-to-cycle capacity noise is ~0.1 %, so 1 % above baseline on
     * charge and 1 % below on discharge, both moving the wrong way for two cycles running, is far
     * outside it; one odd cycle (a diagnostic or reset cycle) never fires.
     *
     * <p>One cycle is enough when it is far outside every benign change: a chamber step or a rate
     * change moves both capacities the same way by at most ~25 %, and even a step between the charge
     * and the discharge of one cycle (charged warm, discharged cold) moves each by no more than that.
     * A charge 40 % above baseline cannot be a larger capacity (no benign condition gives 40 %), and
     * with the discharge 25 % below in the same cycle the charge went somewhere the discharge could not
     * get it back from: a leak carrying a third of the current or more, which kills a cell within a
     * cycle or two (the charge of the next cycle runs to several times the usual).
     */
    public static CapacityDivergenceSettings defaults() {
        return new CapacityDivergenceSettings(5, 0.1, 0.01, 6.0, 2, 0.8, 4, 3, 0.4, 0.25);
    }
}
