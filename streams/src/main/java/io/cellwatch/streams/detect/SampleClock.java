package io.cellwatch.streams.detect;

import io.cellwatch.model.Sample;

/**
 * The last sample a sample detector folded in, so redelivered or out-of-order samples (not newer
 * than the last data point) are ignored exactly as the cycle summarizer ignores them, and the time
 * step to the previous sample is at hand.
 */
public final class SampleClock {
    long lastDataPoint = Long.MIN_VALUE;
    double lastTestTimeS = Double.NaN;

    public SampleClock() {
        // for the state-store codec
    }

    /**
     * Advances to this sample; returns the seconds since the previous sample (0 for the first), or
     * a negative number when the sample is stale and must be ignored.
     */
    public double advance(Sample sample) {
        if (lastDataPoint != Long.MIN_VALUE && sample.dataPoint() <= lastDataPoint) {
            return -1;
        }
        double dt = Double.isNaN(lastTestTimeS) ? 0 : Math.max(0, sample.testTimeS() - lastTestTimeS);
        lastDataPoint = sample.dataPoint();
        lastTestTimeS = sample.testTimeS();
        return dt;
    }
}
