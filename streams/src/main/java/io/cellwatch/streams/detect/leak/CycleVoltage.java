package io.cellwatch.streams.detect.leak;

import io.cellwatch.model.CycleSummary;

/**
 * The voltage a short across the cell saw over one cycle, from the cycle's summary: the steps' mean |V|
 * over their durations, and the rests (the cycle's time outside its steps) at their measured ∫|V|dt where
 * the summary gives it. Where it does not (a summary file, a record from before the fields), the rests are
 * taken midway between the end-of-charge and end-of-discharge voltages ± half their difference, which an
 * anode half cell resting near 0 V after its lithiation is far from (range 1 soft-short-anode-half-cell
 * seed 14, cycle 450: the rests at 0.25 V on the rows, taken at 0.75 V; R 62 % high).
 *
 * @param meanV             the cycle's time-mean |V| over the time it covers, V (NaN when it covers none)
 * @param activeVoltSeconds ∫|V|dt over the time whose voltage is known: the charge and discharge steps, and the
 *                          rests the rows resolved where the summary gives them, V·s
 * @param restS             the rests' time whose voltage is not known, s (0 also when it is unknown altogether)
 * @param restV             the rests' voltage as taken, V
 * @param restSpreadV       half the span it is taken from, V
 * @param highV             the highest voltage the cycle reached as the summary gives it, V
 * @param coveredS          the time the mean covers, s
 */
record CycleVoltage(
        double meanV,
        double activeVoltSeconds,
        double restS,
        double restV,
        double restSpreadV,
        double highV,
        double coveredS) {

    /**
     * Over {@code durationS}, the rests the rows resolved at their measured time and ∫|V|dt (where both are
     * given, non-null) counted with the steps as known volt-seconds; the time left (a gap without rows, or all
     * the rests where the summary gives none) taken midway between the cut-offs as before.
     */
    static CycleVoltage of(CycleSummary cycle, double durationS, Double restS, Double restVoltSeconds) {
        CycleVoltage midway = of(cycle, durationS);
        if (restS == null || restVoltSeconds == null || !(restS >= 0) || !(restVoltSeconds >= 0)) {
            return midway;
        }
        double steps = midway.coveredS() - midway.restS();
        double known = midway.activeVoltSeconds() + restVoltSeconds;
        double unknownS = midway.restS() > 0 ? Math.max(0, durationS - steps - restS) : 0;
        double covered = steps + restS + unknownS;
        double mean = covered > 0 ? (known + midway.restV() * unknownS) / covered : Double.NaN;
        return new CycleVoltage(mean, known, unknownS, midway.restV(), midway.restSpreadV(), midway.highV(), covered);
    }

    static CycleVoltage of(CycleSummary cycle, double durationS) {
        double vCharge = abs(cycle.meanChargeVoltageV());
        double vDischarge = abs(cycle.meanDischargeVoltageV());
        double tCharge = Double.isNaN(vCharge) ? 0 : cycle.chargeDurationS();
        double tDischarge = Double.isNaN(vDischarge) ? 0 : cycle.dischargeDurationS();
        double tRest = Math.max(0, durationS - cycle.chargeDurationS() - cycle.dischargeDurationS());
        Double endCharge = cycle.endOfChargeVoltageV();
        Double endDischarge = cycle.endOfDischargeVoltageV();
        double high;
        double low;
        if (endCharge != null && endDischarge != null) {
            high = Math.abs(endCharge);
            low = Math.abs(endDischarge);
        } else {
            high = Double.isNaN(vCharge) ? vDischarge : vCharge;
            low = Double.isNaN(vDischarge) ? vCharge : vDischarge;
        }
        double vRest = (high + low) / 2;
        if (Double.isNaN(vRest)) {
            tRest = 0;
        }
        double active = (tCharge > 0 ? vCharge * tCharge : 0) + (tDischarge > 0 ? vDischarge * tDischarge : 0);
        double covered = tCharge + tDischarge + tRest;
        double mean = covered > 0 ? (active + (tRest > 0 ? vRest * tRest : 0)) / covered : Double.NaN;
        double top = Math.max(high, Math.max(nanToZero(vCharge), nanToZero(vDischarge)));
        return new CycleVoltage(mean, active, tRest, vRest, Math.abs(high - low) / 2, top, covered);
    }

    /** The mean |V| over the time covered had the rests stood at {@code restVoltageV}, V. */
    double meanAtRestV(double restVoltageV) {
        return coveredS > 0 ? (activeVoltSeconds + restVoltageV * restS) / coveredS : Double.NaN;
    }

    /** The rests' share of the time the mean covers: how far their voltage's uncertainty moves the mean. */
    double restShareOfCovered() {
        return coveredS > 0 ? restS / coveredS : 0;
    }

    private static double abs(Double v) {
        return v == null ? Double.NaN : Math.abs(v);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
