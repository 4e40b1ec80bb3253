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
}
