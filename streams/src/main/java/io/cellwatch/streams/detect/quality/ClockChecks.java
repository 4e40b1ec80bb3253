package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
                    String.format(
                            Locale.ROOT,
                            "Test time ran backwards by %.0f s between records %d and %d (%.0f s → %.0f s)",
                            -stepS,
                            state.lastDataPoint,
                            sample.dataPoint(),
                            state.lastTestTimeS,
                            sample.testTimeS()),
                    "for the time steps around record " + sample.dataPoint() + " and the durations of cycle "
                            + sample.cycleIndex(),
                    times(state, sample));
        }
        boolean sameStep = sample.cycleIndex() == state.cycleIndex && sample.stepIndex() == state.stepIndex;
        boolean underCurrent = sample.stepType() == StepType.CHARGE || sample.stepType() == StepType.DISCHARGE;
        if (sameStep && underCurrent && stepS > settings.maxSampleGapS()) {
            Map<String, Double> evidence = times(state, sample);
            evidence.put("gapS", stepS);
            evidence.put("maxGapS", settings.maxSampleGapS());
            return Finding.at(
                    sample,
                    Condition.TIME_JUMP,
                    String.format(
                            Locale.ROOT,
                            "No sample for %.1f h inside step %d of cycle %d under current (records %d → %d)",
                            stepS / 3600,
                            sample.stepIndex(),
                            sample.cycleIndex(),
                            state.lastDataPoint,
                            sample.dataPoint()),
                    String.format(Locale.ROOT, "across the %.1f h gap", stepS / 3600),
                    evidence);
        }
        return null;
    }

    /**
     * The record numbers restarted while the test clock ran on, as the channel's test sequence read
     * it. Its rows are numbered on past the old ones, so no detector loses them; the warning says the
     * export's numbering cannot be trusted to order or deduplicate its rows.
     */
    static Finding recordRestart(DataQualityState state, Sample raw, String reason) {
        Map<String, Double> evidence = times(state, raw);
        evidence.put("dataPoint", (double) raw.dataPoint());
        return Finding.at(
                raw,
                Condition.RECORD_RESTART,
                String.format(
                        Locale.ROOT,
                        "Record numbers restarted: record %d at test time %.0f s (%s)",
                        raw.dataPoint(),
                        raw.testTimeS(),
                        reason),
                "",
                evidence);
    }

    private static Map<String, Double> times(DataQualityState state, Sample sample) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("testTimeS", sample.testTimeS());
        evidence.put("previousTestTimeS", state.lastTestTimeS);
        return evidence;
    }
}
