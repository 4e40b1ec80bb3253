package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.row.HalfCycleCounters;
import io.cellwatch.ingest.format.row.NetChargeSplit;
import io.cellwatch.ingest.format.row.PerCycleMaximum;
import io.cellwatch.ingest.format.row.RunningBalanceSplit;
import io.cellwatch.ingest.format.row.SingleCounterSplit;

/**
 * How a vendor's counter columns become the sample's charge and discharge counters. The cycle
 * summarizer reads counters one way only: each row's increase, where a fall is a reset after which
 * the counter counted its new value from zero. A vendor whose counters mean something else gets a
 * rule here that turns them into counters of that kind, so the summarizer needs to know no vendor.
 */
public enum CounterRule {
    /**
     * Charge and discharge counters that rise within a step, half cycle or cycle and fall only when
     * the cycler resets them: given to the summarizer as written (Arbin resets per cycle, Neware per
     * step, EC-Lab's energies per cycle).
     */
    AS_WRITTEN,
    /**
     * One counter for both directions, whose direction is the row's step type (or, without one, the
     * sign of the current): {@link SingleCounterSplit} (Maccor's {@code Amp-hr}, Neware BTSDA records).
     */
    SPLIT_BY_DIRECTION,
    /**
     * Counters defined as "the cycle's charge so far", summarised by the provider as the cycle's
     * largest reading: {@link PerCycleMaximum} (DOE Battery Data Hub, Battery Archive).
     */
    PER_CYCLE_MAXIMUM,
    /**
     * EC-Lab's counts, net values per half cycle that may fall inside one: {@link
     * HalfCycleCounters} on {@link Quantity#HALF_CYCLE_CHARGE} (or {@code Q charge} minus {@code Q
     * discharge}) with {@link Quantity#HALF_CYCLE}; without those columns, the signed per-row
     * {@link Quantity#CHARGE_INCREMENT} or else the change of {@link Quantity#NET_CHARGE}, added to
     * charge when positive and to discharge when negative ({@link NetChargeSplit}).
     */
    NET_PER_HALF_CYCLE,
    /**
     * One signed counter kept as a running balance, a charge adding to it and a discharge taking from it,
     * which may start again from zero at a step's first row: {@link RunningBalanceSplit} (Novonix's
     * {@code Capacity} and {@code Energy}). A step's first row is one whose {@link Quantity#STEP_TIME} went
     * back, or whose cycle, step index or step type changed.
     */
    RUNNING_BALANCE
}
