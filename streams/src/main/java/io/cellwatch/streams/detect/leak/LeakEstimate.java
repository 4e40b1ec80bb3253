package io.cellwatch.streams.detect.leak;

import java.util.Locale;
import java.util.Map;

/**
 * How much current an internal short draws and what resistance that makes, each with its
 * uncertainty (one standard deviation, from the terms each estimator states). Written into a
 * soft-short alert's evidence under fixed keys:
 *
 * <ul>
 *   <li>{@code leakCurrentA}, {@code leakCurrentUncertaintyA}: the parasitic current, A;
 *   <li>{@code leakFractionOfCurrent}: the same in units of the current the cycler applies (the
 *       mean charge current for cycle estimates, the live current for sample estimates);
 *   <li>{@code shortResistanceOhm}, {@code shortResistanceUncertaintyOhm}: the equivalent parallel
 *       resistance (cell voltage over leak current), Ω; absent when the leak is not resolved from
 *       zero (under two uncertainties), since a resistance then means nothing;
 *   <li>{@code leakEstimateBasis}: which estimator ({@link Basis#code()});
 *   <li>{@code estimateFromTestTimeS} (only from an estimator that reads a stretch of live readings): the
 *       test time of the first reading it read, up to the alert's; a short that changes over time (a
 *       flickering filament) has no single resistance, only its effective value over those readings.
 * </ul>
 *
 * @param leakCurrentA             parasitic current, A
 * @param leakCurrentUncertaintyA  its uncertainty, A
 * @param appliedCurrentA          the current the leak is compared with, A (0 when unknown)
 * @param shortResistanceOhm       equivalent short resistance, Ω (NaN when the leak is not resolved)
 * @param shortResistanceUncertaintyOhm its uncertainty, Ω (NaN with it)
 * @param basis                    how it was estimated
 * @param shortResistanceLowerBoundOhm the least resistance the readings allow, Ω (NaN: no bound stated)
 * @param shortResistanceUpperBoundOhm the greatest, Ω (NaN: no bound stated)
 */
public record LeakEstimate(
        double leakCurrentA,
        double leakCurrentUncertaintyA,
        double appliedCurrentA,
        double shortResistanceOhm,
        double shortResistanceUncertaintyOhm,
        Basis basis,
        double shortResistanceLowerBoundOhm,
        double shortResistanceUpperBoundOhm) {

    /** The same estimate with the leak current stated otherwise (over another time span), R and its bounds kept. */
    public LeakEstimate withLeak(double leakA, double uncertaintyA) {
        return new LeakEstimate(
                leakA,
                uncertaintyA,
                appliedCurrentA,
                shortResistanceOhm,
                shortResistanceUncertaintyOhm,
                basis,
                shortResistanceLowerBoundOhm,
                shortResistanceUpperBoundOhm);
    }

    /** An estimate that states no bounds on the resistance beyond its value and uncertainty. */
    public LeakEstimate(
            double leakCurrentA,
            double leakCurrentUncertaintyA,
            double appliedCurrentA,
            double shortResistanceOhm,
            double shortResistanceUncertaintyOhm,
            Basis basis) {
        this(
                leakCurrentA,
                leakCurrentUncertaintyA,
                appliedCurrentA,
                shortResistanceOhm,
                shortResistanceUncertaintyOhm,
                basis,
                Double.NaN,
                Double.NaN);
    }

    /**
     * This estimate with its resistance given only as the interval the readings allow, no value: for a
     * resistance whose uncertainty reaches half of it (not resolved from zero at two uncertainties, as
     * the leak's own rule), where a value would be a confident wrong number.
     */
    public LeakEstimate boundedOnly(double lowerOhm, double upperOhm) {
        return new LeakEstimate(
                leakCurrentA,
                leakCurrentUncertaintyA,
                appliedCurrentA,
                Double.NaN,
                Double.NaN,
                basis,
                lowerOhm,
                upperOhm);
    }

    /**
     * This estimate where another reading of the same leak gave {@code otherLeakA} and nothing in the readings tells
     * which is the cell's: the value kept, its uncertainty widened to reach the other (the two in quadrature, as a
     * first row off the usual start widens the charge balance), R recomputed at {@code voltageV}: a value where the
     * leak is still resolved, else only the interval two uncertainties span.
     */
    public LeakEstimate reaching(double otherLeakA, double voltageV, double voltageUncertaintyV) {
        double gap = Math.abs(otherLeakA - leakCurrentA);
        if (!(gap > 0)) {
            return this;
        }
        double sigmaA = Math.hypot(leakCurrentUncertaintyA, gap);
        LeakEstimate wide = of(leakCurrentA, sigmaA, appliedCurrentA, voltageV, voltageUncertaintyV, basis);
        return resolvedOrBounded(wide, voltageV, Math.max(0, leakCurrentA - 2 * sigmaA), leakCurrentA + 2 * sigmaA);
    }

    /**
     * A fall of the voltage between two rows under charge current that no cycler's noise makes, V: cyclers
     * read to about a millivolt, and this is twenty of it (the sudden-drop detector's smallest drop too).
     */
    public static final double UNMISTAKABLE_FALL_V = 0.020;

    /** Evidence key: the test time of the first reading a sample-level estimate read, s. */
    public static final String FROM_TEST_TIME_KEY = "estimateFromTestTimeS";

    /** How an estimate was made; the code is what the evidence carries. */
    public enum Basis {
        /** A whole cycle's charge imbalance beyond the channel's usual one, over the cycle's duration. */
        CYCLE_IMBALANCE(1),
        /** Inside a charge that does not end: the applied current not going into storage (dV/dQ collapse). */
        CHARGE_SLOPE(2),
        /** A sudden drop under constant current: the drop over the cell's own resistance. */
        VOLTAGE_DROP(3),
        /** Symmetric cell: the applied current split between the electrolyte path and the short. */
        PARALLEL_PATH(4),
        /** A full cell pinned below its discharged voltage under charge current: the current its own path does not take. */
        PINNED_VOLTAGE(5),
        /** Inside a charge that does not end: the charge passed beyond what the usual charge had stored at this voltage. */
        CHARGE_BALANCE(6),
        /** At the charge's voltage limit: the constant-voltage current that stopped falling, stored no more. */
        FLOAT_CURRENT(7),
        /** Under charge current, a voltage falling below where the cell rested after its discharge: over the current. */
        DRAINED_UNDER_CHARGE(8);

        private final int code;

        Basis(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * The current going into the short inside a charge that does not end. With a short drawing
     * I_leak, only I − I_leak is stored, so dV/dQ per applied charge falls to (local dV/dQ)·(1 −
     * I_leak/I); taking the local dV/dQ as the usual mean, I_leak = I·(1 − slope fraction). The local
     * slope at this state of charge is not the mean (open-circuit curves are steeper at the ends): that
     * ratio is unknown, so the whole slope fraction counts as uncertainty, I·|f|. Small when the charge
     * has really stalled (f → 0). A voltage falling under charge current (f < 0) is a cell drained into a
     * short taking more than I; but past the empty end of its curve (where a charging cell falls) the
     * local dV/dQ is far steeper than the mean, so the drain it reads is at most I·|f|: the leak stays I,
     * the steady pin's, with I·|f| as its uncertainty, resolved only while |f| is under a half. That holds
     * only while the fall is within the readings' scatter: a fall beyond it is a drain that goes with the
     * cell's electromotive force behind its resistance, which no slope reads, and the imminent short then
     * states only that the leak is over I ({@code OverrunLeak}). R = V/I_leak
     * reads V from one reading, good to {@code voltageUncertaintyV} (the channel's reading scatter).
     */
    public static LeakEstimate ofChargeSlope(
            double currentA, double voltageV, double voltageUncertaintyV, double slopeFraction) {
        double f = Math.min(1, slopeFraction);
        return of(
                currentA * (1 - Math.max(0, f)),
                currentA * Math.abs(f),
                currentA,
                voltageV,
                voltageUncertaintyV,
                Basis.CHARGE_SLOPE);
    }

    /**
     * {@link #ofChargeSlope} where the channel's usual charge curve is known: the local dV/dQ at the state
     * the cell is in is the mean's over m, for an m the curve itself ranges over ({@code leastMeanOverLocal}
     * to {@code mostMeanOverLocal}: {@link ChargeCurve#meanOverLocalSlopeRange}), so the leak I·(1 − f·m)
     * lies between I·(1 − f·most) and I·(1 − f·least). Half that range is its uncertainty where it exceeds
     * the slope fraction's own: on a full cell's plateau the local dV/dQ is a third of the mean or less,
     * and the mean's value read a leak of half the current as 0.8 of it (R 35–50 % low). R is then given
     * only as the interval the two ends make, unless the leak is resolved even so (a charge that has
     * really stalled, f near 0). A falling voltage (f < 0) is {@link #ofChargeSlope}'s case.
     */
    public static LeakEstimate ofChargeSlopeOnCurve(
            double currentA,
            double voltageV,
            double voltageUncertaintyV,
            double slopeFraction,
            double leastMeanOverLocal,
            double mostMeanOverLocal) {
        LeakEstimate mean = ofChargeSlope(currentA, voltageV, voltageUncertaintyV, slopeFraction);
        double[] range = slopeLeakRange(currentA, slopeFraction, leastMeanOverLocal, mostMeanOverLocal);
        if (range == null) {
            return mean;
        }
        double i = Math.abs(currentA);
        double lowA = range[0];
        double highA = range[1];
        double halfRange = (highA - lowA) / 2;
        if (halfRange <= mean.leakCurrentUncertaintyA()) {
            return mean;
        }
        LeakEstimate wide = of(mean.leakCurrentA(), halfRange, i, voltageV, voltageUncertaintyV, Basis.CHARGE_SLOPE);
        return resolvedOrBounded(wide, voltageV, lowA, highA);
    }

    /** The estimate with its R where the leak resolves it; else R only as the interval the leak's ends make. */
    private static LeakEstimate resolvedOrBounded(LeakEstimate estimate, double voltageV, double lowA, double highA) {
        if (estimate.resistanceResolved() || !(highA > 0)) {
            return estimate;
        }
        double v = Math.abs(voltageV);
        return estimate.boundedOnly(v / highA, lowA > 0 ? v / lowA : Double.NaN);
    }

    /**
     * {@link #ofChargeSlopeOnCurve} where the ratios are those of the stretch of the curve the cell was on while the
     * slope was measured ({@link ChargeCurve#meanOverLocalSlopeRange(double, double)}): the leak is the middle of
     * what they allow, I·(1 − f·most) to I·(1 − f·least), not the curve's mean's I·(1 − f) (at the steep top of a
     * curve the cell stores a small part of what the mean's slope says: a leak of 0.96 of the current read as
     * 0.72). The uncertainty is half that range, and never under the slope fraction's own, I·|f|: the stretch is
     * placed by the voltage, which the leak itself moves (the cell's own current, less the leak, lowers its
     * overpotential), so the mean's whole doubt is kept. R as {@link #ofChargeSlopeOnCurve}: a value where the leak
     * is resolved, else only the interval two uncertainties span. A falling voltage (f < 0) is {@link
     * #ofChargeSlope}'s case.
     */
    public static LeakEstimate ofChargeSlopeOnLocalCurve(
            double currentA,
            double voltageV,
            double voltageUncertaintyV,
            double slopeFraction,
            double leastMeanOverLocal,
            double mostMeanOverLocal) {
        LeakEstimate mean = ofChargeSlope(currentA, voltageV, voltageUncertaintyV, slopeFraction);
        double[] range = slopeLeakRange(currentA, slopeFraction, leastMeanOverLocal, mostMeanOverLocal);
        if (range == null) {
            return mean;
        }
        double i = Math.abs(currentA);
        double leakA = (range[0] + range[1]) / 2;
        double sigmaA = Math.max((range[1] - range[0]) / 2, mean.leakCurrentUncertaintyA());
        LeakEstimate local = of(leakA, sigmaA, i, voltageV, voltageUncertaintyV, Basis.CHARGE_SLOPE);
        return resolvedOrBounded(local, voltageV, leakA - 2 * sigmaA, leakA + 2 * sigmaA);
    }

    /**
     * The leak the charge's slope allows, {lowest, highest} in A: I·(1 − f·most) to I·(1 − f·least), f the
     * slope fraction capped at 1; null for a falling voltage (f &lt; 0) or a curve range that says nothing.
     */
    private static double[] slopeLeakRange(
            double currentA, double slopeFraction, double leastMeanOverLocal, double mostMeanOverLocal) {
        double f = Math.min(1, slopeFraction);
        if (!(f >= 0) || !(mostMeanOverLocal >= leastMeanOverLocal) || !(leastMeanOverLocal > 0)) {
            return null;
        }
        double i = Math.abs(currentA);
        return new double[] {
            i * Math.max(0, 1 - f * mostMeanOverLocal), i * Math.min(1, Math.max(0, 1 - f * leastMeanOverLocal))
        };
    }

    /**
     * A charge-balance estimate checked against what the charge's recent dV/dQ allows: the slope fraction f
     * (the recent dV/dQ over the usual mean) stores the fraction f·m of the current, for an m the curve
     * ranges over ({@link #ofChargeSlopeOnCurve}), so the leak lies between I·(1 − f·most) and I·(1 −
     * f·least). Where the balance (± two of its uncertainties) falls outside that, the two readings of one
     * leak disagree: the cell is not on the usual curve at the state its voltage says (a charge begun from a
     * drained cell, a cell whose own current, less the leak, moves its knee), and neither is to be trusted
     * alone. The leak then keeps the balance's value with an uncertainty reaching the slope's range, and R
     * is given only as the interval both span (seen: past the deep overrun the balance read R 40-50 %
     * high, its bound missing the truth, while the slope allowed twice its leak). A falling voltage
     * (f < 0) and a balance within the range are left as they are.
     */
    public static LeakEstimate checkedAgainstSlope(
            LeakEstimate balance,
            double currentA,
            double voltageV,
            double slopeFraction,
            double leastMeanOverLocal,
            double mostMeanOverLocal) {
        double[] range = slopeLeakRange(currentA, slopeFraction, leastMeanOverLocal, mostMeanOverLocal);
        if (range == null) {
            return balance;
        }
        double lowA = range[0];
        double highA = range[1];
        double leak = balance.leakCurrentA();
        double twoSigma = 2 * balance.leakCurrentUncertaintyA();
        if (leak + twoSigma >= lowA && leak - twoSigma <= highA) {
            return balance;
        }
        double lowest = Math.max(0, Math.min(lowA, leak - twoSigma));
        double highest = Math.max(highA, leak + twoSigma);
        double uncertainty = Math.max(leak - lowest, highest - leak) / 2;
        LeakEstimate wide =
                new LeakEstimate(leak, uncertainty, balance.appliedCurrentA(), Double.NaN, Double.NaN, balance.basis());
        double v = Math.abs(voltageV);
        return highest > 0 ? wide.boundedOnly(v / highest, lowest > 0 ? v / lowest : Double.NaN) : wide;
    }

    /**
     * A leak current and, when it is resolved from zero, the resistance it makes at {@code voltageV}.
     *
     * <p>R = V/I is a reciprocal: the smallest leak the readings allow, I − 2σ_I, makes a resistance further above
     * R than the largest, I + 2σ_I, makes below it, and the first-order σ_R = R·σ_I/I reaches neither end once
     * σ_I is a real part of I (a quarter: R·(1 ± 0.5) for the leak's R/(1 ± 0.5), the upper end 0.67 R short).
     * R's uncertainty is taken from the upper side, so that two of it reach V/(I − 2σ_I): as wide as before or
     * wider on both sides, and as wide as the leak's own interval allows where R is furthest from the truth.
     */
    public static LeakEstimate of(
            double leakA,
            double leakUncertaintyA,
            double appliedA,
            double voltageV,
            double voltageUncertaintyV,
            Basis basis) {
        double v = Math.abs(voltageV);
        if (!(leakA > 2 * leakUncertaintyA) || !(v > 0)) {
            return new LeakEstimate(leakA, leakUncertaintyA, appliedA, Double.NaN, Double.NaN, basis);
        }
        double r = v / leakA;
        double relative = Math.hypot(leakUncertaintyA / (leakA - 2 * leakUncertaintyA), voltageUncertaintyV / v);
        return new LeakEstimate(leakA, leakUncertaintyA, appliedA, r, r * relative, basis);
    }

    /**
     * Where the readings bound the short's current from one side only, the evidence carries that bound and
     * no value: {@code leakCurrentLowerBoundA} with {@code shortResistanceUpperBoundOhm} (the short takes
     * at least {@code currentA}: a charging cell whose voltage falls is drained into it), or {@code
     * leakCurrentUpperBoundA} with {@code shortResistanceLowerBoundOhm} (at most: a cell whose voltage rises
     * under the current stores part of it). The bound is V/I either way. Returns the words for a message.
     */
    public static String addBound(
            Map<String, Double> evidence, double currentA, double voltageV, boolean atLeast, Basis basis) {
        double i = Math.abs(currentA);
        double r = Math.abs(voltageV) / i;
        evidence.put(atLeast ? "leakCurrentLowerBoundA" : "leakCurrentUpperBoundA", i);
        evidence.put(atLeast ? "shortResistanceUpperBoundOhm" : "shortResistanceLowerBoundOhm", r);
        evidence.put("leakEstimateBasis", (double) basis.code());
        return String.format(
                Locale.ROOT,
                "leak %s %s, short %s %s (the voltage still %s: no value until it holds)",
                atLeast ? "over" : "under",
                current(i),
                atLeast ? "under" : "over",
                ohms(r),
                atLeast ? "falls" : "rises");
    }

    public boolean resistanceResolved() {
        return Double.isFinite(shortResistanceOhm);
    }

    /** Adds the estimate to an alert's evidence under the documented keys. */
    public void addTo(Map<String, Double> evidence) {
        evidence.put("leakCurrentA", leakCurrentA);
        evidence.put("leakCurrentUncertaintyA", leakCurrentUncertaintyA);
        if (appliedCurrentA > 0) {
            evidence.put("leakFractionOfCurrent", leakCurrentA / appliedCurrentA);
        }
        if (resistanceResolved()) {
            evidence.put("shortResistanceOhm", shortResistanceOhm);
            evidence.put("shortResistanceUncertaintyOhm", shortResistanceUncertaintyOhm);
        }
        if (shortResistanceLowerBoundOhm > 0) {
            evidence.put("shortResistanceLowerBoundOhm", shortResistanceLowerBoundOhm);
        }
        if (shortResistanceUpperBoundOhm > 0 && Double.isFinite(shortResistanceUpperBoundOhm)) {
            evidence.put("shortResistanceUpperBoundOhm", shortResistanceUpperBoundOhm);
        }
        evidence.put("leakEstimateBasis", (double) basis.code());
    }

    /** For an alert message: "leak 0.41 mA ± 0.03 (0.38 of the charge current), short ≈ 9.6 kΩ ± 0.8". */
    public String describe() {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "leak %s ± %s", current(leakCurrentA), current(leakCurrentUncertaintyA)));
        if (appliedCurrentA > 0) {
            s.append(String.format(Locale.ROOT, " (%.2f of the applied current)", leakCurrentA / appliedCurrentA));
        }
        if (resistanceResolved()) {
            s.append(String.format(
                    Locale.ROOT, ", short ≈ %s ± %s", ohms(shortResistanceOhm), ohms(shortResistanceUncertaintyOhm)));
        } else if (shortResistanceLowerBoundOhm > 0 && shortResistanceUpperBoundOhm > 0) {
            s.append(String.format(
                    Locale.ROOT,
                    ", short between %s and %s",
                    ohms(shortResistanceLowerBoundOhm),
                    ohms(shortResistanceUpperBoundOhm)));
        }
        return s.toString();
    }

    public static String current(double a) {
        double abs = Math.abs(a);
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.3g A", a);
        }
        if (abs >= 1e-3) {
            return String.format(Locale.ROOT, "%.3g mA", a * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g µA", a * 1e6);
    }

    /** A resistance for a message: "412 Ω", "9.60 kΩ" (three significant digits). */
    public static String ohms(double ohm) {
        if (ohm >= 1e3) {
            return String.format(Locale.ROOT, "%.3g kΩ", ohm / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g Ω", ohm);
    }
}
