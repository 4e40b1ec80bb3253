package io.cellwatch.streams.detect.quality;

import static io.cellwatch.streams.detect.quality.Finding.evidence;
import static java.util.Map.entry;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.PausedInterval;
import java.util.Locale;

/**
 * The channel's clock and record numbers: test time running backwards, leaping forward inside a
 * step under current, and record numbers starting again (found by the channel's test sequence,
 * which numbers the rows on).
 */
final class ClockChecks {
    private ClockChecks() {}

    /** A sample the summarizer took, against the previous one in {@code state}; null when its time is in order. */
    static Finding onSample(DataQualityState state, Sample sample, DataQualitySettings settings) {
        double stepS = sample.testTimeS() - state.lastTestTimeS;
        if (stepS < -settings.timeToleranceS()) {
            return Finding.at(
                    sample,
                    Condition.TIME_BACKWARDS,
                    "for the time steps around record " + sample.dataPoint() + " and the durations of cycle "
                            + sample.cycleIndex(),
                    evidence(entry("testTimeS", sample.testTimeS()), entry("previousTestTimeS", state.lastTestTimeS)),
                    "Test time ran backwards by %.0f s between records %d and %d (%.0f s → %.0f s)",
                    -stepS,
                    state.lastDataPoint,
                    sample.dataPoint(),
                    state.lastTestTimeS,
                    sample.testTimeS());
        }
        boolean sameStep = sample.cycleIndex() == state.cycleIndex && sample.stepIndex() == state.stepIndex;
        boolean underCurrent = sample.stepType().underCurrent();
        // A gap across which the step's counter stood still is a pause the cycler made (it passed no current,
        // so no row under current was lost): the detectors see a pause, which they take as one.
        if (sameStep
                && underCurrent
                && stepS > settings.maxSampleGapS()
                && !PausedInterval.paused(
                        state.lastChargeAh, state.lastDischargeAh, state.lastCurrentA, sample, stepS)) {
            return Finding.at(
                    sample,
                    Condition.TIME_JUMP,
                    String.format(Locale.ROOT, "across the %.1f h gap", stepS / 3600),
                    evidence(
                            entry("testTimeS", sample.testTimeS()),
                            entry("previousTestTimeS", state.lastTestTimeS),
                            entry("gapS", stepS),
                            entry("maxGapS", settings.maxSampleGapS())),
                    "No sample for %.1f h inside step %d of cycle %d under current (records %d → %d)",
                    stepS / 3600,
                    sample.stepIndex(),
                    sample.cycleIndex(),
                    state.lastDataPoint,
                    sample.dataPoint());
        }
        return null;
    }

    /**
     * The record numbers restarted while the test clock ran on, as the channel's test sequence read
     * it. Its rows are numbered on past the old ones, so no detector loses them; the warning says the
     * export's numbering cannot be trusted to order or deduplicate its rows.
     */
    static Finding recordRestart(DataQualityState state, Sample raw, String reason) {
        return Finding.at(
                raw,
                Condition.RECORD_RESTART,
                "",
                evidence(
                        entry("testTimeS", raw.testTimeS()),
                        entry("previousTestTimeS", state.lastTestTimeS),
                        entry("dataPoint", (double) raw.dataPoint())),
                "Record numbers restarted: record %d at test time %.0f s (%s)",
                raw.dataPoint(),
                raw.testTimeS(),
                reason);
    }
}
