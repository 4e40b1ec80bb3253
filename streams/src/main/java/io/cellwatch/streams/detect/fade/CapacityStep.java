package io.cellwatch.streams.detect.fade;

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
