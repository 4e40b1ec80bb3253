package io.cellwatch.streams.query;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.cycle.CycleState;
import java.util.List;

/**
 * What the query API says about one channel: what it is, where its test stands, its last closed
 * cycle and how it is doing.
 *
 * @param channelId            the cycler channel
 * @param state                {@code critical} or {@code warning} (the highest severity firing), else {@code ok}
 * @param activeAlerts         alert episodes firing now
 * @param cellType             from the channel's metadata (defaults when none was published)
 * @param chemistry            from the channel's metadata, or null
 * @param openCycle            cycler cycle index of the cycle in progress
 * @param testTimeS            test time of the last sample
 * @param lastDataPoint        cycler record number of the last sample
 * @param openCycleChargeAh    charge passed so far in the open cycle
 * @param openCycleDischargeAh discharge passed so far in the open cycle
 * @param cyclesKept           closed cycles in the channel's queryable history
 * @param lastCycle            the last closed cycle, or null before the first
 * @param retention            the last complete cycle's discharge capacity over the largest of the channel's
 *                             first {@value #REFERENCE_CYCLES} complete cycles' (in its kept history), or null
 * @param secondsSinceLastSample wall-clock seconds since the channel's last sample reached this instance, or null
 *                             when none has since it started
 */
public record ChannelState(
        String channelId,
        String state,
        int activeAlerts,
        String cellType,
        String chemistry,
        int openCycle,
        double testTimeS,
        long lastDataPoint,
        double openCycleChargeAh,
        double openCycleDischargeAh,
        long cyclesKept,
        CycleSummary lastCycle,
        Double retention,
        Double secondsSinceLastSample) {

    /** Complete cycles at the start of the kept history whose largest discharge is 100 % retention. */
    static final int REFERENCE_CYCLES = 5;

    static ChannelState of(
            CycleState cycle,
            ChannelInfo info,
            List<Alert> firing,
            long cyclesKept,
            CycleSummary lastCycle,
            Double retention,
            Double secondsSinceLastSample) {
        return new ChannelState(
                cycle.channelId(),
                stateOf(firing),
                firing.size(),
                info.cellType().name().toLowerCase(java.util.Locale.ROOT),
                info.chemistry(),
                cycle.cycleIndex(),
                cycle.lastTestTimeS(),
                cycle.lastDataPoint(),
                cycle.chargeAh(),
                cycle.dischargeAh(),
                cyclesKept,
                lastCycle,
                retention,
                secondsSinceLastSample);
    }

    static String stateOf(List<Alert> firing) {
        if (firing.stream().anyMatch(a -> a.severity() == Severity.CRITICAL)) {
            return "critical";
        }
        return firing.isEmpty() ? "ok" : "warning";
    }
}
