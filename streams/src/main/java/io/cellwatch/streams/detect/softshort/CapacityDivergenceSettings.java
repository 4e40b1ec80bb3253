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
 */
public record CapacityDivergenceSettings(
        int baselineCycles,
        double baselineAlpha,
        double minRelativeChange,
        double deviationMultiplier,
        int persistenceCycles,
        double criticalEfficiency,
        int criticalPersistence,
        int resolveAfterCycles) {

    /**
     * Defaults: a healthy cell's cycle-to-cycle capacity noise is ~0.1 %, so 1 % above baseline on
     * charge and 1 % below on discharge, both moving the wrong way for two cycles running, is far
     * outside it; one odd cycle (a diagnostic or reset cycle) never fires.
     */
    public static CapacityDivergenceSettings defaults() {
        return new CapacityDivergenceSettings(5, 0.1, 0.01, 6.0, 2, 0.8, 4, 3);
    }
}
