package io.cellwatch.streams.testing;

import io.cellwatch.model.Sample;

/** A recorded sample written again as a cycler or an ingester would number and time it elsewhere. */
public final class SampleCopies {
    private SampleCopies() {}

    /** The same reading under another record number, test time, wall time and cycle. */
    public static Sample with(Sample s, long dataPoint, double testTimeS, Long wallTimeMs, int cycle) {
        return new Sample(
                s.schemaVersion(),
                s.channelId(),
                dataPoint,
                wallTimeMs,
                testTimeS,
                cycle,
                s.stepIndex(),
                s.stepType(),
                s.voltageV(),
                s.currentA(),
                s.chargeCapacityAh(),
                s.dischargeCapacityAh(),
                s.chargeEnergyWh(),
                s.dischargeEnergyWh(),
                s.temperatureC(),
                s.auxiliary());
    }
}
