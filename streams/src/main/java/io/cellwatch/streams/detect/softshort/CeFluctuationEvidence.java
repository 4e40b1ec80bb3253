package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CycleSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The evidence a {@link CeFluctuationDetector} alert carries: what the cycle was judged on. */
final class CeFluctuationEvidence {
    private CeFluctuationEvidence() {}

    static Map<String, Double> of(
            CeFluctuationState state,
            CycleSummary cycle,
            double ce,
            double returned,
            double baselineCe,
            double band,
            double deficit,
            int lowCycles,
            double offsetA,
            CeFluctuationSettings settings) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("coulombicEfficiency", ce);
        evidence.put("baselineCoulombicEfficiency", baselineCe);
        evidence.put("returnedFraction", returned);
        evidence.put("baselineReturnedFraction", state.ceBaseline.mean());
        if (!Double.isNaN(band)) {
            evidence.put("bandWidth", band);
            evidence.put("deficit", deficit);
        }
        evidence.put("lowCyclesInWindow", (double) lowCycles);
        evidence.put("window", (double) settings.window());
        evidence.put("warnCount", (double) settings.warnCount());
        evidence.put("floor", settings.floor());
        evidence.put("cyclesBelowFloor", (double) state.floorRun);
        evidence.put("currentOffsetA", offsetA);
        evidence.put("chargeAh", cycle.chargeAh());
        evidence.put("dischargeAh", cycle.dischargeAh());
        return evidence;
    }
}
