package io.cellwatch.streams.detect.quality;

/**
 * Thresholds of the data-quality watch: when the data of a channel is too poor for the detectors
 * that judge it. None of them is about the cell; they are about what a cycler and its export can
 * and cannot produce.
 *
 * @param minChargeStepSamples  samples a full-cell charge climbing at constant current throughout needs (one whose
 *                              climbing part passed a share of its charge needs that share of them, at least 2): the
 *                              imminent-short detector measures dV/dQ over a tenth of the usual charge, so fewer than
 *                              20 samples leave it under two per window
 * @param minJudgedChargeS      charges (their steps together) shorter than this (pulses, top-ups) are not judged for
 *                              their logging
 * @param heldVoltageBand       a charge step whose rows all stayed within this fraction of its highest |V| ...
 * @param taperedCurrentFraction ... and whose current ended under this fraction of its highest is held at constant
 *                              voltage: its rows, time and charge are not the climbing part's
 * @param minHalfCycleSamples   samples a symmetric cell's half-cycle needs: the overpotential and critical-current
 *                              detectors skip the nucleation peak and confirm a collapse on 3 consecutive samples,
 *                              so under 10 samples the plateau they compare rests on a handful of points
 * @param minJudgedHalfCycleS   half-cycles shorter than this are not judged for their logging (the nucleation peak
 *                              alone lasts up to 5 minutes)
 * @param timeToleranceS        test time may step back or records restart by this much without counting (cyclers
 *                              round test time to 0.1–1 s in their exports)
 * @param maxSampleGapS         a gap in test time longer than this between two samples of one step under current is
 *                              lost data, not a logging choice
 * @param frozenMinSamples      consecutive samples with bit-identical voltage and current under current, ...
 * @param frozenMinDurationS    ... lasting at least this long, are a frozen reading
 * @param carryOverSamples      samples of a new step (rest or the other direction) still showing the previous step's
 *                              exact current that make a stuck current reading
 * @param maxAbsVoltageV        a reading beyond ±this many volts is no single cell's voltage and beyond a cycler
 *                              channel's range
 * @param minTemperatureC       temperatures under this ...
 * @param maxTemperatureC       ... or above this are a disconnected or broken thermocouple, not the cell
 * @param resolveAfterCycles    cycles without the condition that resolve its warning (for coarse logging, cycles whose
 *                              logging was judged)
 * @param stalledAfterS         wall-clock seconds without a sample, the last step not being a rest, after which a
 *                              channel counts as stalled (live only: replay has no wall clock)
 */
public record DataQualitySettings(
        int minChargeStepSamples,
        double minJudgedChargeS,
        double heldVoltageBand,
        double taperedCurrentFraction,
        int minHalfCycleSamples,
        double minJudgedHalfCycleS,
        double timeToleranceS,
        double maxSampleGapS,
        int frozenMinSamples,
        double frozenMinDurationS,
        int carryOverSamples,
        double maxAbsVoltageV,
        double minTemperatureC,
        double maxTemperatureC,
        int resolveAfterCycles,
        double stalledAfterS) {

    /**
     * Under current a cell's voltage moves continuously: protocols log every 1–10 minutes (or on a
     * few mV) while current flows, so a 2-hour hole inside one step is lost data, and a voltage and
     * current that repeat to the last digit for 20 samples over 3 hours (even an LFP plateau at
     * C/20 moves a few mV in 3 hours, over 1 mV resolution) are a frozen reading. A charge of at
     * least half an hour is a real charge. Cyclers span ±5–10 V; cells −60–150 °C cover every
     * chamber. Two clean cycles resolve, as most detectors' own warnings do. A cycler that logged
     * under current and then fell silent for 30 minutes has stopped writing (the fleet dashboard
     * calls a channel silent after 15 minutes whatever its step).
     *
     * <p>The 20 samples are for a charge whose voltage climbs. A charge held at constant voltage throughout (a
     * float or hold test) has none to climb: its dV/dQ is zero by construction, and what reads it is the
     * float-current watch, by its current over windows of a third of the phase or more. A cycler holds its
     * constant voltage to a few millivolts, within 1 % of the limit, and its constant current to within 1 % of
     * its range, so a current that fell by a tenth while the voltage stayed within 1 % is a taper, not a noisy
     * constant current; a constant-current charge along a flat plateau stays within 1 % too, but keeps its
     * current. It is the reading the imminent short's float-current watch makes of a constant-voltage phase
     * (within 1 % of the limit, under 0.9 of the charge current). A charge's steps are judged together, whichever
     * way the cycler split them: the whole charge against the 30 min, its climbing part's rows against its share of
     * the charge (a fast constant-current part that passed most of it needs most of the 20; a top-up that reached its
     * limit in two minutes, a few). A charge too short to judge but logged at a rate that would pass (20 rows per
     * 30 min) shows a warned channel's logging fixed.
     */
    public static DataQualitySettings defaults() {
        return new DataQualitySettings(20, 1800, 0.01, 0.9, 10, 300, 1.0, 7200, 20, 10800, 3, 10.0, -60, 150, 2, 1800);
    }
}
