package io.cellwatch.streams.detect.symmetric;

/**
 * Thresholds of the critical-current-density detector (step-up tests on symmetric cells).
 *
 * @param collapseFraction      the voltage resolved under this fraction of the previous half-cycle's plateau: shorted
 * @param noiseRiseFactor       steps between readings above this many times the usual noise are noisy (the alert
 *                              tells a flickering filament from a steady bridge by them)
 * @param hardShortFraction     the voltage resolved under this fraction of the previous plateau: pinned
 * @param samplesToConfirm      consecutive samples the signature must last
 * @param levelCompleteFraction a level is completed when its stripping half has passed this fraction of the
 *                              charge its plating half passed (same charge both ways: fixed time or fixed capacity)
 * @param resolutionMaPerCm2    current densities are reported rounded to this
 * @param liveAlpha             weight of a new sample in the live |V|
 * @param noiseAlpha            weight of a new step in the live noise
 * @param minNoiseV             floor of the usual noise
 * @param runSigmas             standard errors by which a run's mean must be under a fraction to be resolved
 * @param steadyReadings        readings in a row without a noisy step between them: the short holds one resistance
 * @param resistanceRelativeError after the alert, the short's resistance is sent (an update of the episode) once
 *                              the steady voltage's standard error is under this fraction of it...
 * @param resistanceWaitSamples ...or once it has held steady for this many readings...
 * @param resistanceWaitS       ...or this long (test time, s) after the alert, whichever comes first
 * @param healthyBandFloorFraction a healthy cell's voltage stays above this fraction of what its level reads (the
 *                              least of the level's own plateau readings, or the previous plateau before it has any):
 *                              the counters' mean over an interval resolved under it shows a real fall in that interval
 */
public record CriticalCurrentDensitySettings(
        double collapseFraction,
        double noiseRiseFactor,
        double hardShortFraction,
        int samplesToConfirm,
        double levelCompleteFraction,
        double resolutionMaPerCm2,
        double liveAlpha,
        double noiseAlpha,
        double minNoiseV,
        double runSigmas,
        int steadyReadings,
        double resistanceRelativeError,
        int resistanceWaitSamples,
        double resistanceWaitS,
        double healthyBandFloorFraction)
        implements RunThresholds {

    /**
     * The overpotential of a step-up test only rises with the current (η grows with I), so the previous
     * half-cycle's plateau is the least the next level can read; a healthy plateau sits within ±15 % of
     * its mean (as for steady cycling, {@link OverpotentialSettings#defaults()}). A voltage resolved under
     * 75 % of it is a path carrying a quarter of the current or more, flickering or steady; under 10 %
     * the short carries nine tenths. Each is judged on the mean signed voltage since the fall, resolved
     * by three standard errors, and not where the cell's zero-current readings show an offset that could
     * explain the fall. The dendrite of a step-up test carries the whole current minutes after it
     * connects, so the alert waits for no more than the data needs: two consecutive readings (one can be
     * an instrument glitch; two resolved under the level are not). Densities are stepped in tenths of a
     * mA/cm² in practice: reported to 0.01 mA/cm² (or 0.01 mA without an area). One reading is enough
     * where the cycler's energy and charge counters, integrated by its firmware between the rows, give a
     * mean voltage over the interval that reading closes resolved under the level too: a second
     * measurement of the same fall ({@link IntervalMeanVoltage}), which an instrument glitch of one
     * reading does not move. The interval that reading closes began before the fall, at a moment inside
     * it the counters do not tell, so their mean lies between the healthy level and the reading: it
     * corroborates the fall once it is resolved out of the healthy band, under 85 % of what the level
     * reads (a healthy plateau after the nucleation peak sits within ±15 % of its mean). What the level
     * reads is the least of its own plateau readings so far ({@link LevelPlateau}: on the real Li‖Li
     * export a healthy interval's mean stays at 93 % or more of it), or, before the level has any,
     * the previous plateau, which a step-up's next level only exceeds (by an amount it does not tell,
     * up to 20 %: a fall late in an interval of a much higher level stays in that band, and waits for
     * the level's own readings). A glitch of the reading leaves the counters in the band;
     * a real fall out of the band that a deeper glitch of the reading happens to meet is not a glitch
     * alone. A fall within a reading of its death is then caught on that reading, not the next.
     *
     * <p>The first part of each half-cycle (its nucleation peak) is kept out of the plateau, not out of
     * judgement: once a reading of the half has reached the previous plateau (the least the level can
     * read), the level has built, and the same rules judge the readings after it. Before that a reading
     * under the level is no sign: the first row of a step can be logged before the double layer has
     * charged (the real Li‖Li export's first row of every segment reads a quarter of its plateau, the
     * rows a second later the plateau), and a polymer electrolyte's concentration polarization takes
     * minutes to build after the current reverses; neither falls back once built, and the nucleation
     * peak only raises the voltage.
     *
     * <p>A flickering filament is burnt out now and then (it conducts, melts, reconnects): a reading
     * that falls on such a moment reads the level, while the counters' integral over its interval
     * does not. The counters' mean resolved under the same three quarters of what the level reads
     * over two plain intervals in a row ({@link CountersRun}) is the cell spending most of two
     * intervals well under its level, which is what two readings under it show; one such interval
     * alone could be a fault of the counters and raises nothing. No new number: the collapse fraction,
     * the standard errors of one reading and the two confirmations above.
     *
     * <p>The short's resistance is V/I of the voltage once it holds steady (a flickering filament's
     * conductance changes between readings: its V/I is a moment): three readings in a row, two steps
     * within the noise limit (a filament whose voltage scatters several times the noise makes one such
     * step by chance now and then, two in a row rarely). The alert does not wait for it. It
     * follows as an update of the episode once the steady voltage's standard error is under 15 % of it
     * (R to 30 % at two standard errors, as issue 9 asks), or after 30 steady readings or 15 minutes,
     * as for the hard short of steady cycling ({@link OverpotentialSettings#defaults()}).
     *
     * <p>Where the cycler's energy and charge counters describe the intervals between those readings,
     * the voltage is read from them ({@link TailCountersResistance}): the firmware integrates between the
     * rows without the readings' noise, which a hard short of a fraction of an ohm (0.5-2 mV at a few mA)
     * sits under. No new number: their last stretch of at least two intervals (what three steady readings
     * close) none of which steps from the last by more than the readings' noisy step, its standard error
     * the printed energy step over the charge passed or the intervals' own scatter, the larger, and the
     * readings closing those intervals within two standard errors of it; measured once that error is
     * under the same 15 %. A tail across the current's reversal, whose stretch starts again after the
     * half's first minutes, is read on all its intervals by the same tests; where one of its intervals is
     * not described plainly, those that are judge whether the filament held between the readings.
     */
    public static CriticalCurrentDensitySettings defaults() {
        return new CriticalCurrentDensitySettings(
                0.75, 3.0, 0.1, 2, 0.98, 0.01, 0.5, 0.2, 0.0002, 3.0, 3, 0.15, 30, 900, 0.85);
    }
}
