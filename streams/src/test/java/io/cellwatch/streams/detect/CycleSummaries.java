package io.cellwatch.streams.detect;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.CycleSummary.CapacitySource;

/** Cycle summaries stated by a test: capacities in, CE = Qd/Qc, an hour per cycle. */
public final class CycleSummaries {
    private CycleSummaries() {}

    public static CycleSummary of(String channelId, int index, double chargeAh, double dischargeAh) {
        return of(channelId, index, chargeAh, dischargeAh, true);
    }

    public static CycleSummary of(String channelId, int index, double chargeAh, double dischargeAh, boolean complete) {
        Double ce = chargeAh > 0 ? dischargeAh / chargeAh : null;
        return new CycleSummary(
                CycleSummary.SCHEMA_VERSION,
                channelId,
                index,
                index * 3600.0,
                index * 3600.0 + 3500,
                null,
                100,
                chargeAh,
                dischargeAh,
                chargeAh * 3.7,
                dischargeAh * 3.6,
                ce,
                3.7,
                3.6,
                1700,
                1700,
                4.2,
                3.0,
                25.0,
                CapacitySource.CYCLER_COUNTERS,
                complete);
    }
}
