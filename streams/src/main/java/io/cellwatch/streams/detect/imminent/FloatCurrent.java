package io.cellwatch.streams.detect.imminent;

import java.util.Arrays;

/**
 * A charge's constant-voltage phase, read for a current that stopped falling: the leak at the voltage
 * limit (a float current).
 *
 * <p>Why: at constant voltage a cell takes current only while its open-circuit voltage is under the
 * limit, and what it stores raises that voltage, so its own current falls all the way to the cycler's
 * cut-off. A short across the cell takes V/R at the limit, constant, and stores nothing. How fast a
 * cell's own current falls is its own: early in a phase it decays on the cell's time constant (minutes),
 * so over a window of seconds it barely moves. The channel's own phases say how long that takes: a phase is
 * judged only once it has outlived the longest of the channel's last few ({@link
 * FloatCurrentSettings#phasesRemembered}; a partial top-up charge's short phase does not shorten that, and by
 * then a healthy cell under the same protocol has reached the cut-off), and then over windows of a third of its
 * age, each at least a third of that longest phase. Past that, a cell's remaining current decays at least as
 * fast as diffusion lets it (1/√t), so a current that barely falls over such windows while still over the
 * current the channel's last phase ended at is not the cell's: it is the leak, and R is the limit voltage over
 * it. The numbers and their reasoning are on {@link FloatCurrentSettings}. A chamber step during the phase
 * moves the current (a warmer cell takes more, then decays again); a row more than the detector's temperature
 * band from the phase's start restarts the reading. Blind: a cycler with no constant-voltage phase (CC-only charges), a leak under twice
 * the cut-off current, a channel's first constant-voltage phase, and a phase that ends (by the cycler's time
 * limit) before it has outlived the longest recent one by two windows.
 */
final class FloatCurrent {
    /** Test time of the phase's first row, s (NaN: not in a constant-voltage phase). */
    double startS = Double.NaN;

    double startTemperatureC = Double.NaN;
    double anchorS = Double.NaN;
    double anchorA = Double.NaN;
    int flatWindows;
    /** The current of the phase's latest row, A (NaN: none in this charge). */
    double latestA = Double.NaN;
    /** The age of this charge's phase at its latest row, s. */
    double latestAgeS = Double.NaN;
    /** The current the channel's last constant-voltage phase ended at, A (NaN: none seen). */
    double lastEndA = Double.NaN;
    /** How long the channel's last phases lasted, s, newest last (at most {@link FloatCurrentSettings#phasesRemembered}). */
    double[] recentDurationsS = new double[0];
    /** How far the current fell over the latest window, A: what the cell's own current can still be. */
    double lastWindowFallA = Double.NaN;
    /** Test time the latest window began at, s: the readings a float current's estimate stands on. */
    double lastWindowStartS = Double.NaN;

    FloatCurrent() {
        // for the state-store codec
    }

    /** A new charge: the phase before it ended at its latest current, at its latest age. */
    void newCharge(FloatCurrentSettings settings) {
        if (!Double.isNaN(latestA)) {
            lastEndA = latestA;
            int keep = Math.min(recentDurationsS.length, settings.phasesRemembered() - 1);
            double[] durations = Arrays.copyOf(
                    Arrays.copyOfRange(recentDurationsS, recentDurationsS.length - keep, recentDurationsS.length),
                    keep + 1);
            durations[keep] = latestAgeS;
            recentDurationsS = durations;
        }
        restart(Double.NaN, Double.NaN);
        latestA = Double.NaN;
        latestAgeS = Double.NaN;
    }

    private void restart(double testTimeS, double temperatureC) {
        startS = testTimeS;
        startTemperatureC = temperatureC;
        anchorS = Double.NaN;
        anchorA = Double.NaN;
        flatWindows = 0;
        lastWindowFallA = Double.NaN;
        lastWindowStartS = Double.NaN;
    }

    /** The longest of the channel's recent phases, s (NaN: none seen). */
    double longestRecentS() {
        double longest = Double.NaN; // (a loop, not a stream: this runs on every constant-voltage row)
        for (double durationS : recentDurationsS) {
            longest = Double.isNaN(longest) ? durationS : Math.max(longest, durationS);
        }
        return longest;
    }

    /**
     * Folds in a charge row; returns whether the phase now holds a float current.
     *
     * @param heldFraction   a current under this fraction of the charge's starting current has left constant current
     * @param temperatureBandK a row this far from the phase's starting temperature restarts the reading
     * @param settings       the reading's thresholds
     */
    boolean row(
            double testTimeS,
            double currentA,
            double voltageV,
            double maxChargeV,
            double chargeCurrentA,
            Double temperatureC,
            double heldFraction,
            double temperatureBandK,
            FloatCurrentSettings settings) {
        boolean atLimit = voltageV >= (1 - settings.atLimit()) * maxChargeV && currentA < heldFraction * chargeCurrentA;
        if (!atLimit) {
            restart(Double.NaN, Double.NaN);
            return false;
        }
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        if (Double.isNaN(startS) || Math.abs(temperature - startTemperatureC) > temperatureBandK) {
            restart(testTimeS, temperature);
        }
        latestA = currentA;
        double age = testTimeS - startS;
        latestAgeS = age;
        double longest = longestRecentS();
        if (Double.isNaN(lastEndA) || !(longest > 0) || !(age > longest)) {
            return false; // no phase to compare with yet, or a healthy one would still be tapering
        }
        if (Double.isNaN(anchorS)) {
            anchorS = testTimeS;
            anchorA = currentA;
            return false;
        }
        if (age < settings.windowGrowth() * (anchorS - startS)) {
            return false;
        }
        flatWindows = currentA > (1 - settings.flatFall()) * anchorA ? flatWindows + 1 : 0;
        lastWindowFallA = Math.max(0, anchorA - currentA);
        lastWindowStartS = anchorS;
        anchorS = testTimeS;
        anchorA = currentA;
        return flatWindows >= settings.flatWindows() && currentA > settings.overCutOff() * lastEndA;
    }

    /**
     * The cell's own current that may still be in the float current: one decaying no slower than 1/√t falls
     * by 1 − √(3/4) (13 %) over a window, so it is at most the window's fall over that, A.
     */
    double ownCurrentAtMostA(FloatCurrentSettings settings) {
        return lastWindowFallA / (1 - Math.sqrt(1 / settings.windowGrowth()));
    }
}
