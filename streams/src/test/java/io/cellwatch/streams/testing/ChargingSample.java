package io.cellwatch.streams.testing;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;

/** A plain charging sample of a channel, for tests that only need samples to arrive (metrics, live page). */
public final class ChargingSample {
    private ChargingSample() {}

    /** Record {@code dataPoint} of {@code channel}: 3.7 V, 1 mA charging, 30 s after the one before. */
    public static Sample of(String channel, long dataPoint) {
        return new Sample(
                1,
                channel,
                dataPoint,
                null,
                dataPoint * 30.0,
                1,
                1,
                StepType.CHARGE,
                3.7,
                0.001,
                0.0,
                0.0,
                0.0,
                0.0,
                25.0);
    }
}
