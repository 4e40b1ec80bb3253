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
     * True when the cycle ran under the channel's usual conditions: neither mean current above the
     * usual by more than {@code stepCurrentFraction}, both end voltages within {@code stepEndVoltageFraction} of
     * the cell's voltage window (usual end of charge to usual end of discharge), the temperature not below
     * the usual by more than {@code stepTemperatureK}. False when any of them is unknown (not logged, not learnt yet):
     * a step that cannot be told from a protocol change is left to the protocol rules.
     */
    boolean usualConditions(CycleSummary cycle, CapacityFadeSettings settings, int learnCycles) {
        Double[] conditions = conditions(cycle);
        Ewma[] usual = usual();
        double[] observed = new double[usual.length];
        double[] reference = new double[usual.length];
        for (int i = 0; i < usual.length; i++) {
            if (conditions[i] == null || usual[i].count() < learnCycles) {
                return false;
            }
            observed[i] = conditions[i];
            reference[i] = usual[i].mean();
        }
        // A slower step reaches more capacity, never less (a constant-voltage tail taking a larger share of a
        // smaller charge also lowers its mean current), and so does a warmer cell: only a faster step or a
        // colder chamber explains a loss.
        return ConditionLevel.sameConditions(observed, reference, settings, true);
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
