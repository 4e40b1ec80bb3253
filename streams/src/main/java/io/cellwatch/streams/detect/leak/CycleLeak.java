package io.cellwatch.streams.detect.leak;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CycleSummary;

/**
 * The parasitic current of an internal short from one cycle's charge balance.
 *
 * <p>Physics: a short is a resistance R across the cell, drawing V/R at every moment the cell has a
 * voltage, in charge, rest and discharge alike, and always in the direction that lowers |V| (it
 * discharges the cell whatever the cycler calls its steps). Over a cycle that returns the cell to
 * the same state (voltage-limited steps do), charge conservation gives
 *
 * <pre>
 *   Q_up − Q_down = (usual imbalance) + ∫ V/R dt          (steady state)
 * </pre>
 *
 * where Q_up is the capacity of the step that raises |V| (the charge of a full cell; the
 * delithiation of an anode half cell however the cycler signs it) and Q_down that of the step that
 * lowers it. The leaked charge is {@code r·Q_up − Q_down}, r being the channel's usual Q_down/Q_up
 * (its CE, in the orientation of the cell), which takes the healthy SEI and side-reaction loss out.
 * The balance holds between the instants the cell stood at the same state: where the
 * previous cycle's last step ended at its cut-off and where this cycle's did ({@link #balanceSeconds}),
 * not the cycle's first and last rows (the rest after the last step belongs to the next balance). The
 * equivalent resistance is the time-mean |V| over that span over the leaked charge: R = ∫|V|dt / leaked
 * charge; the leak current stated for the cycle is what R draws at the cycle's own mean |V|. Fade, temperature and
 * rate move both capacities together and cancel in the difference.
 *
 * <p>Which step raises |V|: the one at the higher mean |V| (polarisation puts the voltage-raising
 * step above the open-circuit curve and the other below it), by the majority of the channel's
 * cycles ({@link CycleOrientation}), so electrode order and current sign conventions do not matter.
 *
 * <p>Uncertainty (one standard deviation), stated term by term:
 * <ul>
 *   <li>the channel's own scatter of r (from its baseline), times Q_up;
 *   <li>non-steady state: a leak that grows from cycle to cycle shifts the charge stored at the
 *       cycle's boundaries by up to the change in leaked charge, so half the change from the
 *       previous cycle's leaked charge counts as uncertainty;
 *   <li>a short that changed between the previous judged cycle's balance and this one's (appeared, grew,
 *       a filament formed or burnt out): whether it was there in the rest before the cycle's first step, which
 *       the balance holds, is not known, so R spans none there to present throughout ({@link #estimate(CycleSummary,
 *       Oriented, HealthyRatio, Balance)});
 *   <li>the voltage during rests: measured where the summary gives the rests' ∫|V|dt over the time its rows
 *       resolve (no term); the rest time it does not (a gap without rows, or all of it in a summary without
 *       the fields) taken midway between the end-of-charge and end-of-discharge voltages, ± half their
 *       difference.
 * </ul>
 * Not in the uncertainty, where the summary gives no rows' ∫|V|dt (a summary file, an older record): its
 * mean step voltages are charge-weighted, which equals the time-weighted mean under constant current but
 * puts a constant-voltage tail (long, little charge, at the top voltage) too low; the mean voltage, and so
 * R, comes out a few percent low then.
 * A leak current under two uncertainties is reported without a resistance; so is the leak of a cycle
 * whose down step returned nothing (within two of the scatter's share of Q_up): the short emptied the
 * cell at an unknown moment, after which it sat below its discharged voltage (down to its collapse, in
 * a calendar pause or under a hard short) while the summary has no voltage of it, so the mean voltage
 * the short saw, and R with it, is unknown (taking the charge's or the rest's for it read R up to 17×
 * too high).
 */
public final class CycleLeak {
    /** √(π/2): a mean absolute deviation of normal scatter times this is its standard deviation. */
    public static final double MAD_TO_SIGMA = 1.2533;

    /**
     * The share of its charge a full cell holds below its discharge cut-off before its voltage collapses
     * (a few percent): a short taking more than this in the rests can have emptied a cell resting discharged.
     */
    static final double CHARGE_BELOW_CUT_OFF = 0.05;

    private CycleLeak() {}

    /** The channel's usual balance of a cycle: Q_down/Q_up and its scatter (one standard deviation). */
    public record HealthyRatio(double ratio, double scatter) {}

    /**
     * A cycle's capacities in the cell's own orientation: {@code upAh} the step that raises |V| (the
     * cell's charge), {@code downAh} the step that lowers it, whatever the cycler calls them.
     */
    public record Oriented(double upAh, double downAh, boolean chargeRaises) {
        public static Oriented of(CycleSummary cycle, boolean chargeRaises) {
            return chargeRaises
                    ? new Oriented(cycle.chargeAh(), cycle.dischargeAh(), true)
                    : new Oriented(cycle.dischargeAh(), cycle.chargeAh(), false);
        }

        /** The fraction of the charge put in that came back out: Q_down / Q_up (NaN without a charge). */
        public double returned() {
            return upAh > 0 ? downAh / upAh : Double.NaN;
        }

        /** A returned fraction as the CE of this convention (CE = Qd/Qc or Qc/Qd, in the cycler's naming). */
        public double asCe(double returned, CeConvention convention) {
            Double ce = chargeRaises ? convention.efficiency(1, returned) : convention.efficiency(returned, 1);
            return ce == null ? Double.NaN : ce;
        }
    }

    /**
     * What this cycle says about which step raises |V|: +1 the cycler's charge (its mean |V| above
     * the discharge's), −1 the discharge, 0 nothing (a step missing). One cycle can mislead (an HPPC
     * block pulses at other states of charge), so a channel goes by the majority
     * ({@link CycleOrientation}).
     */
    public static int orientationVote(CycleSummary cycle) {
        Double up = cycle.meanChargeVoltageV();
        Double down = cycle.meanDischargeVoltageV();
        if (up == null || down == null || Math.abs(up) == Math.abs(down)) {
            return 0;
        }
        return Math.abs(up) > Math.abs(down) ? 1 : -1;
    }

    /** Charge leaked in the cycle, Ah: r·Q_up − Q_down. */
    public static double leakedAh(Oriented cycle, double healthyRatio) {
        return healthyRatio * cycle.upAh() - cycle.downAh();
    }

    /**
     * What a judged cycle's balance showed of the short, for the next cycle's estimate: the charge leaked (Ah),
     * and the short's conductance as the interval the balance allows (S): the leaked charge over the balance's
     * ∫|V|dt at both ends for a short present throughout, up to the leaked charge over that less the rest before
     * the cycle's first step for one whose presence there is not known ({@link #overChangingShort}). NaN where
     * unknown.
     */
    public record Balance(double leakedAh, double conductanceS, double conductanceHighS) {
        /** Nothing known of a previous cycle. */
        public static final Balance NONE = new Balance(Double.NaN, Double.NaN, Double.NaN);

        /**
         * How far {@code otherS} lies outside this balance's interval of the conductance, over {@code otherS}: 0
         * inside it, and 0 where this balance's is unknown (the estimate's standing assumption, one short
         * throughout); NaN where {@code otherS} is.
         */
        double changeTo(double otherS) {
            double low = Math.min(conductanceS, conductanceHighS);
            double high = Math.max(conductanceS, conductanceHighS);
            double outside = otherS < low ? low - otherS : otherS > high ? otherS - high : 0;
            return outside / otherS;
        }
    }

    /**
     * The estimate for a cycle, or null when the cycle has no duration to spread the leak over.
     *
     * @param previousLeakedAh the charge leaked in the channel's previous judged cycle, or NaN
     */
    public static LeakEstimate estimate(
            CycleSummary cycle, Oriented oriented, HealthyRatio healthy, double previousLeakedAh) {
        return estimate(cycle, oriented, healthy, new Balance(previousLeakedAh, Double.NaN, Double.NaN));
    }

    /**
     * The estimate for a cycle, or null when the cycle has no duration to spread the leak over; R for a short
     * whose presence in the rest before this cycle's first step is not known where it changed from the previous
     * judged cycle's balance ({@link #overChangingShort}).
     *
     * @param previous what the channel's previous judged cycle's balance showed ({@link #balance}), or {@link
     *     Balance#NONE}
     */
    public static LeakEstimate estimate(CycleSummary cycle, Oriented oriented, HealthyRatio healthy, Balance previous) {
        double cycleS = cycle.endTestTimeS() - cycle.startTestTimeS();
        double balanceS = balanceSeconds(cycle);
        if (!(cycleS > 0) || !(balanceS > 0)) {
            return null;
        }
        LeakEstimate overBalance = overBalance(cycle, oriented, healthy, previous.leakedAh(), balanceS);
        LeakEstimate stated = balanceS == cycleS ? overBalance : overCycle(overBalance, cycle, balanceS, cycleS);
        double restShare =
                stated.resistanceResolved() ? restBeforeShare(cycle, balanceS, oriented, healthy, previous) : 0;
        return restShare > 0 ? overChangingShort(stated, oriented, healthy, previous.leakedAh(), restShare) : stated;
    }

    /**
     * What this cycle's balance shows of the short, for the next cycle's estimate ({@link Balance}), given what
     * the one before showed.
     */
    public static Balance balance(CycleSummary cycle, Oriented oriented, HealthyRatio healthy, Balance previous) {
        double leaked = leakedAh(oriented, healthy.ratio());
        double balanceS = balanceSeconds(cycle);
        double voltSeconds = balanceS > 0 ? balanceVoltage(cycle, balanceS).meanV() * balanceS : Double.NaN;
        if (!(voltSeconds > 0)) {
            return new Balance(leaked, Double.NaN, Double.NaN);
        }
        double conductanceS = leaked * 3600 / voltSeconds;
        double restShare = restBeforeShare(cycle, balanceS, oriented, healthy, previous);
        return new Balance(leaked, conductanceS, restShare > 0 ? conductanceS / (1 - restShare) : conductanceS);
    }

    /**
     * Where the short changed between the previous judged cycle's balance and this one's, the share of this
     * balance's ∫|V|dt that the rest before the cycle's first step makes (its voltage taken at the cycle's
     * highest, so as to reach what it can be); else 0. Changed: this balance's conductance lies outside the
     * interval the previous one allowed ({@link Balance#changeTo}) by more than what R's own uncertainty would
     * absorb, the rest's share times the relative change exceeding two of R's steady-state uncertainty (the
     * scatter of r and the voltage; not the non-steady term, which grows with the very change asked about).
     */
    private static double restBeforeShare(
            CycleSummary cycle, double balanceS, Oriented oriented, HealthyRatio healthy, Balance previous) {
        if (!spansStepEnds(cycle)) {
            return 0;
        }
        double restBeforeS = cycle.startTestTimeS() - cycle.priorStepsEndTestTimeS();
        CycleVoltage v = balanceVoltage(cycle, balanceS);
        double spanVoltSeconds = v.meanV() * balanceS;
        double leaked = leakedAh(oriented, healthy.ratio());
        if (!(restBeforeS > 0) || !(spanVoltSeconds > 0) || !(leaked > 0)) {
            return 0;
        }
        double restShare = Math.min(1, restBeforeS * v.highV() / spanVoltSeconds);
        double change = previous.changeTo(leaked * 3600 / spanVoltSeconds);
        double steady = Math.hypot(
                healthy.scatter() * oriented.upAh() / leaked, v.restShareOfCovered() * v.restSpreadV() / v.meanV());
        return restShare * Math.min(1, change) > 2 * steady ? restShare : 0;
    }

    /**
     * R where the short changed between the previous judged cycle's balance and this one's: a short that
     * appeared (the previous balance showed none), grew, or, as a filament, formed or burnt out. The balance
     * runs from the previous cycle's last step's end, so it holds the rest between that step and this cycle's
     * first row; the balance's R takes the short as present there as over the rest of the span, which only a
     * steady short is. A dendrite or filament grows under the plating current of a charge and burns out under
     * the current it carries; the summary does not say whether that rest saw this cycle's short, the one before,
     * or none. The leaked charge is measured all the same; what is not known is the time it leaked over. So the
     * short is taken anywhere between none in that rest (R the lowest: the balance's ∫|V|dt less the rest's,
     * {@code restShare} of it, over the leaked charge) and this cycle's short in it (the balance's R), and R is
     * stated as the middle of that interval with an uncertainty that reaches both ends at two of it, together
     * with the leak's own; where the ends lie more than a factor two apart, as the interval alone, its ends at the
     * leaked charge's own two uncertainties. Seen: an intermittent filament whose balance held an hour's rest
     * after a discharge that had almost none of it read R 40 % high, 3.4 of its stated uncertainty (range 9001
     * soft-short-intermittent seed 9012; as the middle, 10 % high, within one). Not covered: a short stronger in
     * that rest than over this cycle's steps (a filament that burnt out just as the charge began), which the
     * balance's R already reads too low.
     */
    private static LeakEstimate overChangingShort(
            LeakEstimate estimate, Oriented oriented, HealthyRatio healthy, double previousLeakedAh, double restShare) {
        double highest = estimate.shortResistanceOhm();
        double lowest = highest * (1 - restShare);
        if (!(lowest > 0) || !(highest < 2 * lowest)) {
            double leaked = leakedAh(oriented, healthy.ratio());
            double nonSteady = Double.isNaN(previousLeakedAh) ? 0 : Math.abs(leaked - previousLeakedAh) / 2;
            double leakedUncertainty = Math.hypot(healthy.scatter() * oriented.upAh(), nonSteady);
            double mostLeaked = leaked + 2 * leakedUncertainty;
            double leastLeaked = leaked - 2 * leakedUncertainty;
            return estimate.boundedOnly(
                    lowest * leaked / mostLeaked, leastLeaked > 0 ? highest * leaked / leastLeaked : Double.NaN);
        }
        double r = (lowest + highest) / 2;
        double own = estimate.shortResistanceUncertaintyOhm() * r / highest;
        double reach = (highest - lowest) / 4;
        return new LeakEstimate(
                estimate.leakCurrentA(),
                estimate.leakCurrentUncertaintyA(),
                estimate.appliedCurrentA(),
                r,
                Math.hypot(own, reach),
                estimate.basis(),
                estimate.shortResistanceLowerBoundOhm(),
                estimate.shortResistanceUpperBoundOhm());
    }

    /**
     * The time the cycle's charge balance holds over, s: from where the channel's previous step ended to
     * where this cycle's last step ended. Each step ends at its cut-off, the same state every cycle, so the
     * cell's charge is the same at both instants and the balance counts the short's charge between them; the
     * rest after the last step is the next cycle's, whose balance it lowers. The cycle's own first-to-last
     * row span is that only where the rest closing it equals the previous one's: a half cell that starts
     * with the discharge rests after its charge, at the top of its voltage, and a protocol that varies its
     * rests moved the balance's share of that rest by hours (R half the truth). The cycle's span where the
     * summary does not give the step ends (a channel's first cycle, a record from before the fields).
     */
    static double balanceSeconds(CycleSummary cycle) {
        return spansStepEnds(cycle)
                ? cycle.stepsEndTestTimeS() - cycle.priorStepsEndTestTimeS()
                : cycle.endTestTimeS() - cycle.startTestTimeS();
    }

    /** Whether the balance runs from step end to step end ({@link #balanceSeconds}), not over the cycle's rows. */
    private static boolean spansStepEnds(CycleSummary cycle) {
        Double from = cycle.priorStepsEndTestTimeS();
        Double to = cycle.stepsEndTestTimeS();
        return from != null && to != null && to > from && from <= cycle.startTestTimeS();
    }

    /** The voltage over the balance's span, with the rests the summary measured over that same span. */
    private static CycleVoltage balanceVoltage(CycleSummary cycle, double balanceS) {
        return spansStepEnds(cycle)
                ? CycleVoltage.of(cycle, balanceS, cycle.balanceRowsS(), cycle.balanceVoltSeconds())
                : CycleVoltage.of(cycle, balanceS, cycle.rowsS(), cycle.voltSeconds());
    }

    /**
     * The balance's estimate stated for the cycle the alert names: the short is a resistance, so its current
     * follows the voltage; over the cycle's own span it draws the resistance's current at the cycle's mean
     * |V|, the balance's leak times the cycle's mean |V| over the balance's. R is the balance's.
     *
     * <p>Only where R stands as a value. A leak not resolved, a cell emptied, or rests drained past what the
     * cell holds below its cut-off (R as bounds) leave unknown the voltage the short saw in the rests the two
     * spans do not share, and so how the balance's charge splits between them: the balance's charge is then
     * stated over the cycle's own time, as before the balance had its own span. Its mean over the balance's
     * span is no better there: a calendar pause after a discharge (in the balance of the next cycle) holds
     * little of the charge, the cell having little left below its cut-off, and spread over the pause's hours
     * the next cycle's leak read 97 % low (range 1 soft-short-fast seed 16).
     */
    private static LeakEstimate overCycle(
            LeakEstimate overBalance, CycleSummary cycle, double balanceS, double cycleS) {
        if (!overBalance.resistanceResolved()) {
            double perCycleTime = balanceS / cycleS;
            return overBalance.withLeak(
                    overBalance.leakCurrentA() * perCycleTime, overBalance.leakCurrentUncertaintyA() * perCycleTime);
        }
        CycleVoltage balance = balanceVoltage(cycle, balanceS);
        CycleVoltage own = CycleVoltage.of(cycle, cycleS, cycle.rowsS(), cycle.voltSeconds());
        double ratio = own.meanV() / balance.meanV();
        if (!(ratio > 0) || !Double.isFinite(ratio)) {
            return overBalance;
        }
        // Both take the rests at the same voltage; moving it by its spread moves the two means apart.
        double high = own.meanAtRestV(balance.restV() + balance.restSpreadV())
                / balance.meanAtRestV(balance.restV() + balance.restSpreadV());
        double low = own.meanAtRestV(balance.restV() - balance.restSpreadV())
                / balance.meanAtRestV(balance.restV() - balance.restSpreadV());
        double ratioUncertainty = Double.isFinite(high - low) ? Math.abs(high - low) / 2 : 0;
        double leakA = overBalance.leakCurrentA() * ratio;
        double leakUncertaintyA = Math.hypot(
                overBalance.leakCurrentUncertaintyA() * ratio, overBalance.leakCurrentA() * ratioUncertainty);
        return overBalance.withLeak(leakA, leakUncertaintyA);
    }

    /** The estimate over the balance's own time ({@link #balanceSeconds}). */
    private static LeakEstimate overBalance(
            CycleSummary cycle, Oriented oriented, HealthyRatio healthy, double previousLeakedAh, double durationS) {
        double up = oriented.upAh();
        double upS = oriented.chargeRaises() ? cycle.chargeDurationS() : cycle.dischargeDurationS();
        double leaked = leakedAh(oriented, healthy.ratio());
        double nonSteady = Double.isNaN(previousLeakedAh) ? 0 : Math.abs(leaked - previousLeakedAh) / 2;
        double leakedUncertainty = Math.hypot(healthy.scatter() * up, nonSteady);
        double hours = durationS / 3600;
        double appliedA = upS > 0 ? up / (upS / 3600) : 0;
        // A down step that returned nothing the balance resolves from zero: the short emptied the cell at a
        // moment the summary does not give, and it sat below its discharged voltage, down to its collapse,
        // for the rest of the cycle. The charge it held is the leak all the same; the voltage the short saw
        // is not known, so neither is its resistance.
        boolean emptied = oriented.downAh() <= 2 * healthy.scatter() * up;
        double leakA = leaked / hours;
        double leakUncertaintyA = leakedUncertainty / hours;
        if (emptied) {
            return LeakEstimate.of(
                    leakA, leakUncertaintyA, appliedA, Double.NaN, 0, LeakEstimate.Basis.CYCLE_IMBALANCE);
        }
        CycleVoltage v = balanceVoltage(cycle, durationS);
        LeakEstimate estimate = LeakEstimate.of(
                leakA,
                leakUncertaintyA,
                appliedA,
                v.meanV(),
                v.restShareOfCovered() * v.restSpreadV(),
                LeakEstimate.Basis.CYCLE_IMBALANCE);
        // Only the rests whose voltage is not known (no rows) can have drained the cell unseen.
        if (!estimate.resistanceResolved() || restDrainedFraction(v, leaked, up, durationS) <= CHARGE_BELOW_CUT_OFF) {
            return estimate;
        }
        // The rests drained the cell by more than it holds below its cut-off: their voltage is anywhere from
        // 0 V (emptied) to the cycle's highest, so R is anywhere between the rests at 0 V and at the top, over
        // the leaked charge at the far ends of its own uncertainty. The value (rests held midway) stays only
        // while that span is under a factor of two, with an uncertainty reaching both ends at two of it;
        // past that the value is mostly the assumption, and the alert states the interval alone.
        double mostLeakedAs = (leaked + 2 * leakedUncertainty) * 3600;
        double leastLeakedAs = (leaked - 2 * leakedUncertainty) * 3600;
        double lowerOhm = v.activeVoltSeconds() / mostLeakedAs;
        double upperOhm = leastLeakedAs > 0
                ? (v.activeVoltSeconds() + v.highV() * v.restS()) / leastLeakedAs
                : Double.POSITIVE_INFINITY;
        if (!(upperOhm < 2 * lowerOhm)) {
            return estimate.boundedOnly(lowerOhm, upperOhm);
        }
        double r = estimate.shortResistanceOhm();
        double reach = Math.max(r - lowerOhm, upperOhm - r) / 2;
        return new LeakEstimate(
                estimate.leakCurrentA(),
                estimate.leakCurrentUncertaintyA(),
                appliedA,
                r,
                Math.max(estimate.shortResistanceUncertaintyOhm(), reach),
                LeakEstimate.Basis.CYCLE_IMBALANCE);
    }

    /**
     * The share of the cell's charge Q_up the short would have taken in the cycle's rests had their voltage
     * held at {@link CycleVoltage#restV()}: ∫V dt over the rests over R, R being the whole cycle's ∫|V|dt over
     * the leaked charge. Past a small share the held voltage is not what the cell had: a rest drained by the
     * short falls along its curve, and a cell resting discharged has little left above its collapse, so its
     * voltage can fall towards 0 V by an amount the summary does not give.
     */
    static double restDrainedFraction(CycleVoltage v, double leakedAh, double upAh, double durationS) {
        double cycleVoltSeconds = v.meanV() * durationS;
        if (!(cycleVoltSeconds > 0) || !(upAh > 0) || !(leakedAh > 0)) {
            return 0;
        }
        return leakedAh * v.restV() * v.restS() / cycleVoltSeconds / upAh;
    }
}
