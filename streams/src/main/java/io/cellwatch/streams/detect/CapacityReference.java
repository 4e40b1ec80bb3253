package io.cellwatch.streams.detect;

import io.cellwatch.model.CycleSummary;

/**
 * A channel's usual charge and discharge capacity per cycle, used to tell ordinary cycles from
 * protocol-made ones before any detector judges them.
 *
 * <p>Why: long tests carry cycles that are not comparable with the ones around them: slow
 * diagnostic and reference-performance cycles, HPPC pulses, reset cycles, charge-only or
 * discharge-only cycles, a changed rate. They move <em>both</em> capacities the same way (both up at
 * a slower rate, both down for a pulse test), whereas a leak moves them apart (charge up, discharge
 * down). A cycle whose two capacities are both off the reference by more than
 * {@link Settings#shiftFraction()} in the same direction is {@link Verdict#PROTOCOL}: no detector
 * judges it or learns from it. If such cycles keep coming at one consistent level for
 * {@link Settings#relearnAfter()} cycles, the protocol itself has changed: the reference moves to the
 * new level and says {@link Verdict#RELEARNED} so detectors restart their own baselines.
 *
 * <p>The reference starts from the median of the first {@link Settings#learnCycles()} cycles (one
 * odd cycle among them cannot skew it) and then follows fade with an exponentially weighted mean
 * over cycles within {@link Settings#learnBand()} of it. Bounded state: a few numbers.
 */
public final class CapacityReference {
    /** What a cycle is, relative to the channel's usual capacities. */
    public enum Verdict {
        /** The reference is still being learnt from the first cycles: nothing to compare against yet. */
        LEARNING,
        /** Comparable with the channel's usual cycles: judge it. */
        ORDINARY,
        /** Made by the protocol (diagnostic, HPPC, partial, other rate): neither judge nor learn. */
        PROTOCOL,
        /** The protocol changed for good: the reference moved; restart baselines from this cycle. */
        RELEARNED
    }

    /**
     * @param learnCycles   cycles whose median starts the reference
     * @param shiftFraction both capacities off by more than this, the same way: a protocol cycle
     * @param learnBand     cycles within this of the reference (both capacities) move it
     * @param alpha         weight of a new cycle in the reference (follows fade)
     * @param relearnAfter  consecutive protocol cycles at one level that make it the new reference
     */
    public record Settings(int learnCycles, double shiftFraction, double learnBand, double alpha, int relearnAfter) {
        /**
         * Diagnostic and rate-change cycles in real data shift both capacities by 20 % to 130 %
         * (beep's reset and RPT cycles) or down by 50–95 % (HPPC, partial); normal fade moves the
         * reference by well under 1 % per cycle; a diagnostic block lasts up to 6 cycles.
         */
        public static Settings defaults() {
            return new Settings(3, 0.15, 0.10, 0.2, 8);
        }
    }

    /** The first cycles while the reference is learnt; null afterwards (once taken). */
    double[] firstCharges;

    double[] firstDischarges;
    double chargeAh;
    double dischargeAh;
    int shiftedRun;
    /** The level of the protocol cycles running now; null when none is running. */
    Double shiftedChargeAh;

    Double shiftedDischargeAh;

    public CapacityReference() {
        // for the state-store codec
    }

    /** True when cycles are being compared against a reference. */
    public boolean established() {
        return chargeAh > 0 && dischargeAh > 0;
    }

    /** The usual charge capacity per cycle (0 while learning). */
    public double chargeAh() {
        return chargeAh;
    }

    /** The usual discharge capacity per cycle (0 while learning). */
    public double dischargeAh() {
        return dischargeAh;
    }

    /** Classifies a complete cycle and folds it into the reference. */
    public Verdict classify(CycleSummary cycle, Settings settings) {
        return classify(cycle.chargeAh(), cycle.dischargeAh(), settings);
    }

    public Verdict classify(double charge, double discharge, Settings settings) {
        if (!established()) {
            firstCharges = append(firstCharges, charge);
            firstDischarges = append(firstDischarges, discharge);
            if (firstCharges.length >= settings.learnCycles()) {
                chargeAh = median(firstCharges);
                dischargeAh = median(firstDischarges);
                if (!established()) {
                    // Charge-only or discharge-only cycles: start again.
                    chargeAh = 0;
                    dischargeAh = 0;
                    firstCharges = null;
                    firstDischarges = null;
                }
            }
            return Verdict.LEARNING;
        }
        double chargeShift = charge / chargeAh - 1;
        double dischargeShift = discharge / dischargeAh - 1;
        boolean bothUp = chargeShift > settings.shiftFraction() && dischargeShift > settings.shiftFraction();
        boolean bothDown = chargeShift < -settings.shiftFraction() && dischargeShift < -settings.shiftFraction();
        if (bothUp || bothDown) {
            return protocolCycle(charge, discharge, settings);
        }
        endShiftedRun();
        if (Math.abs(chargeShift) <= settings.learnBand() && Math.abs(dischargeShift) <= settings.learnBand()) {
            chargeAh += settings.alpha() * (charge - chargeAh);
            dischargeAh += settings.alpha() * (discharge - dischargeAh);
        }
        return Verdict.ORDINARY;
    }

    /**
     * Once, right after the reference is established: the first cycles it was learnt from that are
     * ordinary against it (as {charge, discharge} pairs), so a detector can seed its own baseline
     * with them. Forgets them (they are no use later and would only take room in the state store).
     */
    public double[][] takeFirstCycles(Settings settings) {
        if (!established() || firstCharges == null) {
            return new double[0][];
        }
        int n = 0;
        double[][] out = new double[firstCharges.length][];
        for (int i = 0; i < firstCharges.length; i++) {
            if (Math.abs(firstCharges[i] / chargeAh - 1) <= settings.learnBand()
                    && Math.abs(firstDischarges[i] / dischargeAh - 1) <= settings.learnBand()) {
                out[n++] = new double[] {firstCharges[i], firstDischarges[i]};
            }
        }
        firstCharges = null;
        firstDischarges = null;
        return java.util.Arrays.copyOf(out, n);
    }

    private Verdict protocolCycle(double charge, double discharge, Settings settings) {
        boolean sameLevel = shiftedRun > 0
                && shiftedChargeAh != null
                && Math.abs(charge / shiftedChargeAh - 1) <= settings.learnBand()
                && Math.abs(discharge / shiftedDischargeAh - 1) <= settings.learnBand();
        if (sameLevel) {
            shiftedRun++;
            shiftedChargeAh += 0.5 * (charge - shiftedChargeAh);
            shiftedDischargeAh += 0.5 * (discharge - shiftedDischargeAh);
        } else {
            shiftedRun = 1;
            shiftedChargeAh = charge;
            shiftedDischargeAh = discharge;
        }
        if (shiftedRun >= settings.relearnAfter() && shiftedChargeAh > 0 && shiftedDischargeAh > 0) {
            chargeAh = shiftedChargeAh;
            dischargeAh = shiftedDischargeAh;
            endShiftedRun();
            return Verdict.RELEARNED;
        }
        return Verdict.PROTOCOL;
    }

    private void endShiftedRun() {
        shiftedRun = 0;
        shiftedChargeAh = null;
        shiftedDischargeAh = null;
    }

    private static double[] append(double[] values, double value) {
        if (values == null) {
            return new double[] {value};
        }
        double[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
