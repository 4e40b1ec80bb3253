package io.cellwatch.streams.testing;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;

/**
 * A row as the test cells of this module write it: wall time running with test time from one fixed
 * start, a chamber at 25 °C. Keeps the sixteen-field record constructor out of every test cell.
 */
public final class CyclerRows {
    /** The wall time at test time 0 (14 November 2023), fixed so replays of a test cell are identical. */
    public static final long START_WALL_MS = 1_700_000_000_000L;

    private CyclerRows() {}

    /** A row at {@code testTimeS} with the given readings; energy counters may be null. */
    public static Sample row(
            String channelId,
            long dataPoint,
            double testTimeS,
            int cycle,
            int step,
            StepType type,
            double voltageV,
            double currentA,
            Double chargeAh,
            Double dischargeAh,
            Double chargeWh,
            Double dischargeWh) {
        return new Sample(
                Sample.SCHEMA_VERSION,
                channelId,
                dataPoint,
                START_WALL_MS + (long) (testTimeS * 1000),
                testTimeS,
                cycle,
                step,
                type,
                voltageV,
                currentA,
                chargeAh,
                dischargeAh,
                chargeWh,
                dischargeWh,
                25.0);
    }
}
