package io.cellwatch.streams.detect.imminent;

/**
 * A channel's usual full charge: the capacity it takes, how far the voltage climbs on the way and
 * the current and temperature it is charged at, learnt from normal charges only. It starts from the median of the first few charges, then follows
 * slow fade with a weighted mean of charges within the learning band; charges outside it (a leaking
 * cell's, a slow diagnostic charge's) do not move it. A run of charges at one new level (another
 * protocol) becomes the new usual.
 */
final class UsualCharge {
    double chargeAh;
    double riseV;
    double currentA;
    /** The usual charge's starting temperature; NaN when the samples carry none. */
    double temperatureC = Double.NaN;

    boolean established;
    /** The latest charge taken as a usual one, Ah; 0 before any (and on states written before it was kept). */
    double lastNormalAh;

    double[] firstCharges = new double[0];
    double[] firstRises = new double[0];
    double[] firstCurrents = new double[0];
    double[] firstTemperatures = new double[0];
    int otherRun;
    double otherChargeAh;
    double otherRiseV;
    double otherCurrentA;
    double otherTemperatureC = Double.NaN;

    /**
     * One finished charge as the rows showed it.
     *
     * @param chargeAh     charge passed, counted from its first row
     * @param riseV        how far the voltage climbed from its first row
     * @param currentA     the current it started at
     * @param temperatureC the temperature it started at, NaN when not logged
     * @param rowChargeAh  the most charge between two of its rows: how far the count may be off
     */
    record Charge(double chargeAh, double riseV, double currentA, double temperatureC, double rowChargeAh) {}

    /**
     * True when a charge at this current and temperature can be compared with the usual one: the same
     * rate, and the same chamber (an unknown temperature on either side compares).
     */
    boolean comparable(double current, double temperature, ImminentShortSettings settings) {
        return established
                && Math.abs(current / currentA - 1) <= settings.currentBand()
                && !(Math.abs(temperature - temperatureC) > settings.temperatureBandK());
    }

    /**
     * The rise a charge starting now is expected to climb: the usual one once established, the median of
     * the normal charges so far before that; NaN before any.
     */
    double expectedRiseV() {
        return established ? riseV : median(firstRises);
    }

    /** The usual charge as a reference to judge a charge against. */
    RecentCharges.Reference reference() {
        return new RecentCharges.Reference(chargeAh, riseV, false);
    }

    /** Learns from a finished charge; true when it was taken as a usual one (not a leaking or other-protocol charge). */
    boolean learn(Charge charge, ImminentShortSettings settings) {
        boolean taken = takes(charge, settings);
        if (taken) {
            lastNormalAh = charge.chargeAh();
        }
        return taken;
    }

    /**
     * How far the usual charge's size may stand from the cell's own now, Ah: its distance from the latest charge
     * taken as a usual one. The usual size is a weighted mean that follows a fading cell a few charges behind (by
     * (1 − α)/α charges' fade: four at α = 0.2), and a charge balance reading the usual curve's shares of it
     * counts that lag as stored charge (an anode half cell fading 0.45 % a charge: its leak stated to 0.3 %, the
     * truth 2 % away); on a cell that does not fade it is one charge's scatter. 0 until a usual charge is known.
     */
    double sizeUncertaintyAh() {
        return established && lastNormalAh > 0 ? Math.abs(lastNormalAh - chargeAh) : 0;
    }

    private boolean takes(Charge charge, ImminentShortSettings settings) {
        if (!(charge.chargeAh() > 0) || !(charge.riseV() > 0) || !(charge.currentA() > 0)) {
            return false;
        }
        if (!established) {
            firstCharges = append(firstCharges, charge.chargeAh());
            firstRises = append(firstRises, charge.riseV());
            firstCurrents = append(firstCurrents, charge.currentA());
            firstTemperatures = append(firstTemperatures, charge.temperatureC());
            if (firstCharges.length >= settings.usualCharges()) {
                chargeAh = median(firstCharges);
                riseV = median(firstRises);
                currentA = median(firstCurrents);
                temperatureC = median(firstTemperatures);
                established = true;
                firstCharges = new double[0];
                firstRises = new double[0];
                firstCurrents = new double[0];
                firstTemperatures = new double[0];
            }
            return true;
        }
        // Counted from sparse rows, a charge (and its rise from its first row) is known only to within a
        // row's worth of charge: a wider band than that would call a row's jitter another protocol.
        double band = Math.max(settings.learnBand(), charge.rowChargeAh() / chargeAh);
        boolean normal = Math.abs(charge.chargeAh() / chargeAh - 1) <= band
                && Math.abs(charge.riseV() / riseV - 1) <= 2 * band
                && comparable(charge.currentA(), charge.temperatureC(), settings);
        if (normal) {
            otherRun = 0;
            chargeAh += settings.usualAlpha() * (charge.chargeAh() - chargeAh);
            riseV += settings.usualAlpha() * (charge.riseV() - riseV);
            currentA += settings.usualAlpha() * (charge.currentA() - currentA);
            temperatureC = follow(temperatureC, charge.temperatureC(), settings.usualAlpha());
            return true;
        }
        boolean sameOther = otherRun > 0
                && Math.abs(charge.chargeAh() / otherChargeAh - 1) <= band
                && Math.abs(charge.currentA() / otherCurrentA - 1) <= settings.currentBand()
                && !(Math.abs(charge.temperatureC() - otherTemperatureC) > settings.temperatureBandK());
        otherRun = sameOther ? otherRun + 1 : 1;
        otherChargeAh = sameOther ? otherChargeAh + 0.5 * (charge.chargeAh() - otherChargeAh) : charge.chargeAh();
        otherRiseV = sameOther ? otherRiseV + 0.5 * (charge.riseV() - otherRiseV) : charge.riseV();
        otherCurrentA = sameOther ? otherCurrentA + 0.5 * (charge.currentA() - otherCurrentA) : charge.currentA();
        otherTemperatureC = sameOther ? follow(otherTemperatureC, charge.temperatureC(), 0.5) : charge.temperatureC();
        if (otherRun >= settings.relearnAfter()) {
            chargeAh = otherChargeAh;
            riseV = otherRiseV;
            currentA = otherCurrentA;
            temperatureC = otherTemperatureC;
            otherRun = 0;
            return true;
        }
        return false;
    }

    /** Moves towards a new reading; an unknown reading leaves it, an unknown mean takes the reading. */
    private static double follow(double mean, double value, double alpha) {
        if (Double.isNaN(value)) {
            return mean;
        }
        return Double.isNaN(mean) ? value : mean + alpha * (value - mean);
    }

    private static double[] append(double[] values, double value) {
        double[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    /** The median of the known values (NaN when none is). */
    private static double median(double[] values) {
        double[] sorted =
                java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
