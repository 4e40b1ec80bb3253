package io.cellwatch.streams.detect.leak;

import io.cellwatch.model.CycleSummary;

/**
 * The voltage a short across the cell saw over one cycle, from the cycle's summary: where it gives them, the rows'
 * own ∫|V|dt over the time they resolve (steps and rests alike, between rows at most an hour apart), the time
 * left (a gap without rows) taken as the rests are without them. Without them (a summary file, a record from
 * before the fields): the steps' mean |V| over their durations, and the rests (the cycle's time outside its steps)
 * midway between the end-of-charge and end-of-discharge voltages ± half their difference. That is far from an
 * anode half cell resting near 0 V after its lithiation (range 1 soft-short-anode-half-cell seed 14, cycle 450: the
 * rests at 0.25 V on the rows, taken at 0.75 V; R 62 % high), and the steps' means are charge-weighted, which puts a
 * constant-voltage tail (long, little charge, at the top) too low (R 1–2 % low, range 13001 resistive-short-full-cell).
 *
 * @param meanV             the cycle's time-mean |V| over the time it covers, V (NaN when it covers none)
 * @param activeVoltSeconds ∫|V|dt over the time whose voltage is known: the rows' (all they resolve) where the summary
 *                          gives it, else the charge and discharge steps', V·s
 * @param restS             the time whose voltage is not known (a gap without rows; else the rests), s (0 also when
 *                          it is unknown altogether)
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
     * Over {@code durationS}, from the rows' own ∫|V|dt over the time they resolve ({@code rowsS}, where both are
     * given, non-null), the time left (a gap without rows) taken midway between the cut-offs with its spread; where
     * the summary gives no such sums (a summary file, an old record), from the steps' means and the rests midway.
     */
    static CycleVoltage of(CycleSummary cycle, double durationS, Double rowsS, Double voltSeconds) {
        CycleVoltage summary = of(cycle, durationS);
        if (rowsS == null || voltSeconds == null || !(rowsS > 0) || !(voltSeconds >= 0)) {
            return summary;
        }
        double unknownS = Double.isNaN(summary.restV()) ? 0 : Math.max(0, durationS - rowsS);
        double covered = rowsS + unknownS;
        double mean = (voltSeconds + (unknownS > 0 ? summary.restV() * unknownS : 0)) / covered;
        return new CycleVoltage(
                mean, voltSeconds, unknownS, summary.restV(), summary.restSpreadV(), summary.highV(), covered);
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
