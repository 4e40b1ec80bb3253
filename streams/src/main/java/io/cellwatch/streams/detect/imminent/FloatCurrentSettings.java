package io.cellwatch.streams.detect.imminent;

/**
 * Thresholds of the float-current reading ({@link FloatCurrent}): a constant-voltage phase whose current stopped
 * falling long after a healthy phase would have reached its cut-off.
 *
 * @param windowGrowth     a phase is read again once its age has grown by this factor since the last reading
 * @param flatFall         a current falling by less than this fraction over a window is flat
 * @param flatWindows      flat windows in a row that make a float current
 * @param overCutOff       a float current is judged only over this many times the last phase's end current
 * @param atLimit          a row within this fraction of the charge's highest voltage is at the limit
 * @param phasesRemembered phases whose length bounds when a phase is judged (the longest of them)
 */
public record FloatCurrentSettings(
        double windowGrowth,
        double flatFall,
        int flatWindows,
        double overCutOff,
        double atLimit,
        int phasesRemembered) {

    /**
     * Past the longest of the channel's recent phases a cell's remaining current decays at least as fast as
     * diffusion into a semi-infinite field lets it, 1/√t (Cottrell; the late, finite-particle decay is
     * exponential, faster): over a window in which the phase's age grows by 4/3 that is a fall of 1 − √(3/4),
     * 13 %, and a colder cell's slower decay falls by a third or more over a window that long. A fall of under
     * 2 % (twice the 1 % a cycler's current reading is good to) over such a window, twice running, is not the
     * cell's. Only over twice the current the channel's last phase ended at: no healthy step holds a current the
     * cycler would have ended it at. Within 1 % of the charge's highest voltage is at the limit (a cycler holds
     * its constant voltage to a few millivolts; a CC row a few percent under the limit is still climbing). Eight
     * phases span a diagnostic block, so a partial top-up's short phase does not shorten the bound.
     */
    public static FloatCurrentSettings defaults() {
        return new FloatCurrentSettings(4.0 / 3.0, 0.02, 2, 2, 0.01, 8);
    }
}
