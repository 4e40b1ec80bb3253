package io.cellwatch.streams.detect.symmetric;

/** Run thresholds given as numbers, for tests that judge a {@link LowRun} without a detector's settings. */
record FixedRunThresholds(
        double collapseFraction,
        double hardShortFraction,
        double noiseRiseFactor,
        double runSigmas,
        int samplesToConfirm)
        implements RunThresholds {}
