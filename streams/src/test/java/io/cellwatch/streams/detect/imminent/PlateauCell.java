package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.testing.CyclerRows;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell with a flat plateau and a surface that runs ahead of its bulk in proportion to the current
 * (concentration polarisation), cycled constant-current to its voltage limits and logged every 30 s:
 * a fast charge stops at its upper limit with part of the capacity unreached, and a slow cycle (a C/10
 * diagnostic) reaches deeper both ways. The open-circuit voltage is a table written here (flat at
 * 3.40–3.45 V between 10 % and 90 %, steep at both ends), not any simulator's curve. Counters reset
 * at each cycle (Arbin style). A leak takes a fraction of the charge current from storage.
 */
final class PlateauCell {
    private static final double[][] OCV = {{0, 2.6}, {0.03, 3.30}, {0.10, 3.40}, {0.90, 3.45}, {0.97, 3.55}, {1, 3.9}};
    private static final double SURFACE_AHEAD_PER_C = 0.1;
    private static final double OHMIC_V_PER_C = 0.03;
    private static final double V_MAX = 3.8;
    private static final double V_MIN = 2.8;
    private static final double INTERVAL_S = 30;

    private final double capacityAh;
    private final List<Sample> samples = new ArrayList<>();
    private double soc = 0.5;
    private double testTimeS;
    private long dataPoint;

    PlateauCell(double capacityAh) {
        this.capacityAh = capacityAh;
    }

    /** One cycle at this C-rate both ways, a fraction {@code leak} of the charge current going astray. */
    PlateauCell cycle(int index, double rate, double leak) {
        double currentA = rate * capacityAh;
        double hours = INTERVAL_S / 3600;
        double chargedAh = 0;
        for (double elapsedS = 0; ; elapsedS += INTERVAL_S) {
            double v = ocv(soc + SURFACE_AHEAD_PER_C * rate) + OHMIC_V_PER_C * rate;
            if (elapsedS > 0 && v >= V_MAX || elapsedS > 3 * 3600 / rate) {
                break;
            }
            add(index, 1, StepType.CHARGE, v, currentA, chargedAh, 0);
            chargedAh += currentA * hours;
            soc += (1 - leak) * rate * hours;
            testTimeS += INTERVAL_S;
        }
        add(index, 2, StepType.REST, ocv(soc), 0, chargedAh, 0);
        testTimeS += 600;
        double dischargedAh = 0;
        while (true) {
            double v = ocv(soc - SURFACE_AHEAD_PER_C * rate) - OHMIC_V_PER_C * rate;
            add(index, 3, StepType.DISCHARGE, Math.max(v, V_MIN), -currentA, chargedAh, dischargedAh);
            if (v <= V_MIN) {
                break;
            }
            dischargedAh += currentA * hours;
            soc -= rate * hours;
            testTimeS += INTERVAL_S;
        }
        testTimeS += INTERVAL_S;
        add(index, 4, StepType.REST, ocv(soc), 0, chargedAh, dischargedAh);
        testTimeS += 600;
        return this;
    }

    /** The charge the cycle's charge step counted (its counter's last value). */
    double chargedAh(int cycle) {
        return samples.stream()
                .filter(s -> s.cycleIndex() == cycle)
                .mapToDouble(Sample::chargeCapacityAh)
                .max()
                .orElse(0);
    }

    /** The charge the cycle's discharge step counted. */
    double dischargedAh(int cycle) {
        return samples.stream()
                .filter(s -> s.cycleIndex() == cycle)
                .mapToDouble(Sample::dischargeCapacityAh)
                .max()
                .orElse(0);
    }

    List<Sample> samples() {
        return samples;
    }

    private void add(
            int cycle, int step, StepType type, double v, double currentA, double chargeAh, double dischargeAh) {
        samples.add(CyclerRows.row(
                "plateau", ++dataPoint, testTimeS, cycle, step, type, v, currentA, chargeAh, dischargeAh, null, null));
    }

    private static double ocv(double soc) {
        double x = Math.min(1, Math.max(0, soc));
        for (int i = 1; i < OCV.length; i++) {
            if (x <= OCV[i][0]) {
                double[] a = OCV[i - 1];
                double[] b = OCV[i];
                return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]);
            }
        }
        return OCV[OCV.length - 1][1];
    }
}
