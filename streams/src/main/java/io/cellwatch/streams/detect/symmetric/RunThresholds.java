package io.cellwatch.streams.detect.symmetric;

/** The fractions and statistics the live short runs ({@link LowRun}) are judged by, in either detector. */
interface RunThresholds {
    /** The voltage resolved under this fraction of the level: a parallel path carrying current. */
    double collapseFraction();

    /** The voltage resolved under this fraction of the level: pinned, a hard short. */
    double hardShortFraction();

    /** Steps between readings above this many times the usual noise are noisy ones. */
    double noiseRiseFactor();

    /** Standard errors that resolve a run's mean from a fraction. */
    double runSigmas();

    /**
     * Readings a run must hold to be judged under a fraction; as many under a current direction before
     * they alone can end it ({@link LowRun}).
     */
    int samplesToConfirm();

    /**
     * How far under its level a healthy cell's reading can sit by itself, as a fraction of the level: a
     * plateau after the nucleation peak stays within ±15 % of its half-cycle mean (concentration
     * polarisation builds through the half; seed 001 holds within a few %, {@link OverpotentialSettings}).
     * A reading under 1 − this is a moment a parallel path carried current; one above it may be a
     * flickering filament's moment burnt out ({@link LowRun#conducting}).
     */
    default double healthyPlateauBand() {
        return 0.15;
    }
}
