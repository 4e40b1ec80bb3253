package io.cellwatch.streams.detect.imminent;

/**
 * A channel's usual full charge: the capacity it takes, how far the voltage climbs on the way and
 * the current it is charged at, learnt from normal charges only. It starts from the median of the first few charges, then follows
 * slow fade with a weighted mean of charges within the learning band; charges outside it (a leaking
 * cell's, a slow diagnostic charge's) do not move it. A run of charges at one new level (another
 * protocol) becomes the new usual.
 */
final class UsualCharge {
    double chargeAh;
    double riseV;
    double currentA;
    boolean established;
    double[] firstCharges = new double[0];
    double[] firstRises = new double[0];
    double[] firstCurrents = new double[0];
    int otherRun;
    double otherChargeAh;
    double otherRiseV;
    double otherCurrentA;

    /** True when a charge at this current can be compared with the usual one. */
    boolean comparableCurrent(double current, ImminentShortSettings settings) {
        return established && Math.abs(current / currentA - 1) <= settings.currentBand();
    }

    void learn(double charge, double rise, double current, ImminentShortSettings settings) {
        if (!(charge > 0) || !(rise > 0) || !(current > 0)) {
            return;
        }
        if (!established) {
            firstCharges = append(firstCharges, charge);
            firstRises = append(firstRises, rise);
            firstCurrents = append(firstCurrents, current);
            if (firstCharges.length >= settings.usualCharges()) {
                chargeAh = median(firstCharges);
                riseV = median(firstRises);
                currentA = median(firstCurrents);
                established = true;
                firstCharges = new double[0];
                firstRises = new double[0];
                firstCurrents = new double[0];
            }
            return;
        }
        boolean normal = Math.abs(charge / chargeAh - 1) <= settings.learnBand()
                && Math.abs(rise / riseV - 1) <= 2 * settings.learnBand()
                && comparableCurrent(current, settings);
        if (normal) {
            otherRun = 0;
            chargeAh += settings.usualAlpha() * (charge - chargeAh);
            riseV += settings.usualAlpha() * (rise - riseV);
            currentA += settings.usualAlpha() * (current - currentA);
            return;
        }
        boolean sameOther = otherRun > 0
                && Math.abs(charge / otherChargeAh - 1) <= settings.learnBand()
                && Math.abs(current / otherCurrentA - 1) <= settings.currentBand();
        otherRun = sameOther ? otherRun + 1 : 1;
        otherChargeAh = sameOther ? otherChargeAh + 0.5 * (charge - otherChargeAh) : charge;
        otherRiseV = sameOther ? otherRiseV + 0.5 * (rise - otherRiseV) : rise;
        otherCurrentA = sameOther ? otherCurrentA + 0.5 * (current - otherCurrentA) : current;
        if (otherRun >= settings.relearnAfter()) {
            chargeAh = otherChargeAh;
            riseV = otherRiseV;
            currentA = otherCurrentA;
            otherRun = 0;
        }
    }

    private static double[] append(double[] values, double value) {
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
