package io.cellwatch.streams.detect.symmetric;

/**
 * Thresholds of the critical-current-density detector (step-up tests on symmetric cells).
 *
 * @param collapseFraction      live |V| under this fraction of the previous half-cycle's plateau, noise up: shorted
 * @param noiseRiseFactor       live noise above this many times the usual noise
 * @param hardShortFraction     live |V| under this fraction of the previous plateau, with or without noise: shorted
 * @param samplesToConfirm      consecutive samples the signature must last
 * @param levelCompleteFraction a level is completed when its stripping half has passed this fraction of the
 *                              charge its plating half passed (same charge both ways: fixed time or fixed capacity)
 * @param resolutionMaPerCm2    current densities are reported rounded to this
 * @param liveAlpha             weight of a new sample in the live |V|
 * @param noiseAlpha            weight of a new step in the live noise
 * @param minNoiseV             floor of the usual noise
 * @param runSigmas             standard errors by which a run's mean must be under a fraction to be resolved
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
        double runSigmas) {

    /**
     * The overpotential of a step-up test only rises with the current, so a fall under half of the
     * previous half-cycle's plateau with noise three times the usual is a short, as is any fall under
     * 10 %, each judged on the mean signed voltage since the fall, resolved by three standard errors
     * (as for steady cycling). Densities are stepped in tenths of a mA/cm² in practice: reported to
     * 0.01 mA/cm² (or 0.01 mA without an area).
     */
    public static CriticalCurrentDensitySettings defaults() {
        return new CriticalCurrentDensitySettings(0.5, 3.0, 0.1, 3, 0.98, 0.01, 0.5, 0.2, 0.0002, 3.0);
    }
}
