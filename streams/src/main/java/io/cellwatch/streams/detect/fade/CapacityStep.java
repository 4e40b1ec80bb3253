package io.cellwatch.streams.detect.fade;

import static io.cellwatch.streams.detect.fade.ConditionLevel.CHARGE_A;
import static io.cellwatch.streams.detect.fade.ConditionLevel.DISCHARGE_A;
import static io.cellwatch.streams.detect.fade.ConditionLevel.END_OF_CHARGE_V;
import static io.cellwatch.streams.detect.fade.ConditionLevel.END_OF_DISCHARGE_V;
import static io.cellwatch.streams.detect.fade.ConditionLevel.TEMPERATURE_C;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.Ewma;

/**
 * Tells a sudden loss of capacity from a protocol-made step. Both capacities falling together by
 * more than the protocol-cycle limit is what a diagnostic, pulse, partial or slower-rate cycle does,
 * and what a cell does when it suddenly loses capacity (a lost contact inside, a cracked electrode,
 * lithium cut off). The difference is physical: a protocol changes the conditions (the current, the
 * voltage limits the steps end at, the chamber temperature); a loss does not, and the cell still runs
 * from its top voltage to its bottom one, only with less charge in between. This keeps the channel's
 * usual conditions from ordinary cycles and says whether a cycle ran under them.
 */
public final class CapacityStep {
    Ewma chargeCurrentA = new Ewma();
    Ewma dischargeCurrentA = new Ewma();
    Ewma endOfChargeV = new Ewma();
    Ewma endOfDischargeV = new Ewma();
    Ewma temperatureC = new Ewma();
    /** Consecutive cycles down in capacity under the usual conditions. */
    int run;
    /** The first cycle of the run (where the loss began). */
    int firstCycle;
    /** Charge and discharge capacity of the run's first cycle: the level the loss left. */
    double lossChargeAh;

    double lossDischargeAh;
    /**
     * The previous cycle's conditions ({@link #conditions}), whatever the cycle was, its index and its order
     * ({@link CycleSummary#chargeFirst}): what this cycle's first step followed, where the two cycles are
     * consecutive and in the same order. Null before a cycle was seen (and on a state stored before the fields).
     */
    Double[] previous;

    Integer previousCycleIndex;
    Boolean previousChargeFirst;

    public CapacityStep() {
        // for the state-store codec
    }

    /**
     * An ordinary cycle ends any run; its conditions are folded in when its capacities sit at the usual
     * level ({@code atUsualLevel}: within the reference's learning band). A cycle between that band and
     * the protocol-cycle limit (a chamber step just short of it) is ordinary, but its conditions are not
     * the ones the usual capacities were reached under.
     */
    void learn(CycleSummary cycle, boolean atUsualLevel) {
        run = 0;
        if (!atUsualLevel) {
            return;
        }
        Double[] conditions = conditions(cycle);
        Ewma[] usual = usual();
        for (int i = 0; i < usual.length; i++) {
            if (conditions[i] != null) {
                usual[i].add(conditions[i], 0.2);
            }
        }
    }

    /**
     * The capacity loss the cycle's conditions can explain: 0 under the usual conditions (neither mean current
     * above the usual by more than {@code stepCurrentFraction}, both end voltages within {@code
     * stepEndVoltageFraction} of the cell's voltage window, the temperature not below the usual by more than
     * {@code stepTemperatureK}; a slower step reaches more capacity, never less, and so does a warmer cell);
     * where only its currents are faster than the usual, the most a faster rate can take
     * off, 1 − I_usual/I (at the extreme a cell delivers for a fixed time whatever its current: Peukert's
     * exponent 2, where cells show 1.0–1.3); NaN where its voltage limits or its chamber are not the usual
     * ones, or are not known yet (a step that cannot be told from a protocol change is left to the protocol
     * rules).
     */
    double lossTheConditionsExplain(CycleSummary cycle, CapacityFadeSettings settings, int learnCycles) {
        Double[] conditions = conditions(cycle);
        Ewma[] usual = usual();
        double[] observed = new double[usual.length];
        double[] reference = new double[usual.length];
        for (int i = 0; i < usual.length; i++) {
            if (conditions[i] == null || usual[i].count() < learnCycles) {
                return Double.NaN;
            }
            observed[i] = conditions[i];
            reference[i] = usual[i].mean();
        }
        double faster = 1;
        for (int current = 0; current < 2; current++) {
            if (reference[current] > 0 && observed[current] > reference[current]) {
                faster = Math.max(faster, observed[current] / reference[current]);
                observed[current] = reference[current];
            }
        }
        if (!ConditionLevel.sameConditions(observed, reference, settings, true)) {
            return Double.NaN;
        }
        return explainedByRate(faster, settings);
    }

    /**
     * The capacity loss each step's conditions can explain, charge then discharge, where the cycle says which
     * came first ({@link CycleSummary#chargeFirst}). A step passes the charge between where the step before it
     * left the cell and its own cut-off: its capacity answers its own rate and the step it followed (the other
     * step of this cycle, or the previous cycle's), never a step after it. A rate change that arrives with a
     * cycle's second step takes nothing off its first, which starts from the cut-off the usual step before it
     * reached. Each is {@link #explainedByRate} of the faster of the two steps (by their mean currents; a rate
     * change inside the step before, which its mean hardly shows, is not seen); NaN where the step it followed
     * is not known or did not end at the usual cut-off in the usual chamber (or a warmer one): a shallower step
     * before leaves less to pass, by any amount. Without the order, or where the cycle's own conditions are
     * not the usual ones, both are {@code cycleExplains} ({@link #lossTheConditionsExplain}'s), as before.
     */
    double[] lossEachStepExplains(CycleSummary cycle, double cycleExplains, CapacityFadeSettings settings) {
        Boolean chargeFirst = cycle.chargeFirst();
        if (Double.isNaN(cycleExplains) || chargeFirst == null) {
            return new double[] {cycleExplains, cycleExplains};
        }
        Double[] now = conditions(cycle);
        // The previous cycle's last step is what this one's first followed only where no cycle came between (rows
        // missing from the file) and both ran in one order: a discharge-first cycle before a charge-first one ended
        // on a charge, and the charge after it followed that, not a discharge.
        boolean followsPrevious = previous != null
                && previousCycleIndex != null
                && previousCycleIndex == cycle.cycleIndex() - 1
                && chargeFirst.equals(previousChargeFirst);
        Double[] before = followsPrevious ? previous : new Double[now.length];
        // The charge followed a discharge and the discharge a charge: of this cycle, or of the one before.
        Double[] chargeFollowed = chargeFirst ? before : now;
        Double[] dischargeFollowed = chargeFirst ? now : before;
        return new double[] {
            stepExplains(now[CHARGE_A], CHARGE_A, chargeFollowed, DISCHARGE_A, END_OF_DISCHARGE_V, settings),
            stepExplains(now[DISCHARGE_A], DISCHARGE_A, dischargeFollowed, CHARGE_A, END_OF_CHARGE_V, settings)
        };
    }

    /** Remembers a cycle's conditions as the ones the next cycle's first step followed. */
    void remember(CycleSummary cycle) {
        previous = conditions(cycle);
        previousCycleIndex = cycle.cycleIndex();
        previousChargeFirst = cycle.chargeFirst();
    }

    /**
     * The loss a step's own current and the step it followed can explain: NaN unless that step ended within
     * {@code stepEndVoltageFraction} of the voltage window of its usual cut-off, in a chamber no colder than
     * {@code stepTemperatureK} under the usual.
     */
    private double stepExplains(
            double ownA,
            int own,
            Double[] followed,
            int followedCurrent,
            int followedEnd,
            CapacityFadeSettings settings) {
        Ewma[] usual = usual();
        if (followed[followedCurrent] == null || followed[followedEnd] == null || followed[TEMPERATURE_C] == null) {
            return Double.NaN;
        }
        double window = Math.abs(usual[END_OF_CHARGE_V].mean() - usual[END_OF_DISCHARGE_V].mean());
        if (Math.abs(followed[followedEnd] - usual[followedEnd].mean()) > settings.stepEndVoltageFraction() * window
                || followed[TEMPERATURE_C] < usual[TEMPERATURE_C].mean() - settings.stepTemperatureK()) {
            return Double.NaN;
        }
        double faster = Math.max(
                fasterBy(ownA, usual[own].mean()), fasterBy(followed[followedCurrent], usual[followedCurrent].mean()));
        return explainedByRate(faster, settings);
    }

    private static double fasterBy(double currentA, double usualA) {
        return usualA > 0 ? Math.max(1, currentA / usualA) : 1;
    }

    /**
     * The most a rate faster by this factor takes off: 0 within {@code stepCurrentFraction}, else 1 − 1/f (at the
     * extreme a cell delivers for a fixed time whatever its current).
     */
    private static double explainedByRate(double faster, CapacityFadeSettings settings) {
        return faster <= 1 + settings.stepCurrentFraction() ? 0 : 1 - 1 / faster;
    }

    /** Mean charge and discharge currents, end-of-charge and end-of-discharge |V|, the cycle's temperature. */
    static Double[] conditions(CycleSummary c) {
        return new Double[] {
            c.chargeDurationS() > 0 ? 3600 * c.chargeAh() / c.chargeDurationS() : null,
            c.dischargeDurationS() > 0 ? 3600 * c.dischargeAh() / c.dischargeDurationS() : null,
            c.endOfChargeVoltageV() == null ? null : Math.abs(c.endOfChargeVoltageV()),
            c.endOfDischargeVoltageV() == null ? null : Math.abs(c.endOfDischargeVoltageV()),
            c.maxTemperatureC()
        };
    }

    private Ewma[] usual() {
        return new Ewma[] {chargeCurrentA, dischargeCurrentA, endOfChargeV, endOfDischargeV, temperatureC};
    }
}
