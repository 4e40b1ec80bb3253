package io.cellwatch.streams.detect;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.CycleSummary.CapacitySource;

/** Cycle summaries stated by a test: capacities in, CE = Qd/Qc; by default an hour per cycle. */
public final class CycleSummaries {
    private CycleSummaries() {}

    public static CycleSummary of(String channelId, int index, double chargeAh, double dischargeAh) {
        return of(channelId, index, chargeAh, dischargeAh, true);
    }

    public static CycleSummary of(String channelId, int index, double chargeAh, double dischargeAh, boolean complete) {
        return of(
                channelId,
                index,
                index * 3600.0,
                index * 3600.0 + 3500,
                chargeAh,
                dischargeAh,
                1700,
                1700,
                3.0,
                25.0,
                complete);
    }

    /**
     * A cycle between {@code startS} and {@code endS} of test time whose charge and discharge steps
     * took the given seconds, the discharge ending at {@code endOfDischargeV} (the charge at 4.2 V)
     * in a chamber at {@code temperatureC}.
     */
    public static CycleSummary of(
            String channelId,
            int index,
            double startS,
            double endS,
            double chargeAh,
            double dischargeAh,
            double chargeS,
            double dischargeS,
            double endOfDischargeV,
            Double temperatureC,
            boolean complete) {
        return of(
                channelId,
                index,
                startS,
                endS,
                chargeAh,
                dischargeAh,
                chargeS,
                dischargeS,
                4.2,
                endOfDischargeV,
                temperatureC,
                complete);
    }

    /** As above, with the charge ending at {@code endOfChargeV}. */
    public static CycleSummary of(
            String channelId,
            int index,
            double startS,
            double endS,
            double chargeAh,
            double dischargeAh,
            double chargeS,
            double dischargeS,
            double endOfChargeV,
            double endOfDischargeV,
            Double temperatureC,
            boolean complete) {
        Double ce = chargeAh > 0 ? dischargeAh / chargeAh : null;
        return new CycleSummary(
                CycleSummary.SCHEMA_VERSION,
                channelId,
                index,
                startS,
                endS,
                null,
                100,
                chargeAh,
                dischargeAh,
                chargeAh * 3.7,
                dischargeAh * 3.6,
                ce,
                3.7,
                3.6,
                chargeS,
                dischargeS,
                endOfChargeV,
                endOfDischargeV,
                temperatureC,
                CapacitySource.CYCLER_COUNTERS,
                complete,
                null,
                null);
    }
}
