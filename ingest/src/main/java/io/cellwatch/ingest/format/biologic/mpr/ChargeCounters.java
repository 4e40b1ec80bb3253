package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.row.HalfCycleCounters;

/**
 * The charge and discharge counters of a sample, in Ah, from EC-Lab's charge columns. What each
 * column counts (checked against the {@code .mpt} exports):
 *
 * <ul>
 *   <li>{@code Q charge/discharge} (ID 211, mA·h): the net charge since the current half cycle
 *       began, positive in a charge half cycle and negative in a discharge one; it holds through the
 *       rest that closes the half cycle and restarts from 0 with the next one. EC-Lab's export splits
 *       it into {@code Q charge} (Q where Q &gt; 0, else 0) and {@code Q discharge} (−Q where Q &lt; 0,
 *       else 0); cellwatch does the same through {@link HalfCycleCounters}, the rule the text reader
 *       follows too, so its counters equal the {@code .mpt}'s row for row and drop to 0 when the
 *       direction changes, which the cycle summarizer reads as a reset, except where the count falls
 *       inside a half cycle (charge flowing back, in Modulo Bat files): there it is held at the half
 *       cycle's largest count, since a fall the summarizer took for a reset would count it again.
 *   <li>{@code (Q-Qo)} (ID 13 in mA·h, ID 178 in C): the net charge since the experiment began; it
 *       never resets. Without ID 211 its rises are added to a charge counter and its falls to a
 *       discharge counter, both from 0 at the file's first record.
 *   <li>{@code dq} (ID 7, mA·h): the charge of this point since the previous one; without IDs 211 and
 *       (Q-Qo) it is summed the same way.
 * </ul>
 *
 * Without any of them the counters are null and the summarizer integrates the current.
 */
final class ChargeCounters {
    private static final double MILLI = 1e-3;
    private static final double COULOMB_TO_AH = 1.0 / 3600;

    private enum Source {
        HALF_CYCLE,
        NET,
        PER_POINT,
        NONE
    }

    private final Source source;
    private final int slot;
    private final int halfCycleSlot;
    private final HalfCycleCounters halfCycles = new HalfCycleCounters();
    private final double toAh;
    private double chargeAh;
    private double dischargeAh;
    private double lastNetAh = Double.NaN;

    private ChargeCounters(Source source, int slot, double toAh, int halfCycleSlot) {
        this.source = source;
        this.slot = slot;
        this.halfCycleSlot = halfCycleSlot;
        this.toAh = toAh;
    }

    static ChargeCounters of(RecordLayout layout) {
        int q = layout.slotOf(ColumnIds.Q_CHARGE_DISCHARGE);
        if (q >= 0) {
            return new ChargeCounters(Source.HALF_CYCLE, q, MILLI, layout.slotOf(ColumnIds.HALF_CYCLE));
        }
        int netMilli = layout.slotOf(ColumnIds.Q_MINUS_Q0_MAH);
        if (netMilli >= 0) {
            return new ChargeCounters(Source.NET, netMilli, MILLI, -1);
        }
        int netCoulomb = layout.slotOf(ColumnIds.Q_MINUS_Q0_C);
        if (netCoulomb >= 0) {
            return new ChargeCounters(Source.NET, netCoulomb, COULOMB_TO_AH, -1);
        }
        int dq = layout.slotOf(ColumnIds.DQ_MAH);
        if (dq >= 0) {
            return new ChargeCounters(Source.PER_POINT, dq, MILLI, -1);
        }
        return new ChargeCounters(Source.NONE, -1, 0, -1);
    }

    /** The slot this reads, or -1 without a charge column. */
    int slot() {
        return slot;
    }

    /** Folds in one record (every record, in order, skipped ones included). */
    void accept(double[] values) {
        switch (source) {
            case HALF_CYCLE -> {
                halfCycles.accept(halfCycleSlot < 0 ? null : (long) values[halfCycleSlot], values[slot] * toAh);
                chargeAh = halfCycles.charge();
                dischargeAh = halfCycles.discharge();
            }
            case NET -> {
                double net = values[slot] * toAh;
                if (!Double.isNaN(lastNetAh) && Double.isFinite(net)) {
                    add(net - lastNetAh);
                }
                if (Double.isFinite(net)) {
                    lastNetAh = net;
                }
            }
            case PER_POINT -> {
                double dq = values[slot] * toAh;
                if (Double.isFinite(dq)) {
                    add(dq);
                }
            }
            case NONE -> {
                // no charge column
            }
        }
    }

    private void add(double change) {
        if (change > 0) {
            chargeAh += change;
        } else {
            dischargeAh -= change;
        }
    }

    /** The charge counter after the last record, or null when the file has no charge column. */
    Double charge() {
        return source == Source.NONE ? null : chargeAh;
    }

    /** The discharge counter (positive) after the last record, or null when the file has no charge column. */
    Double discharge() {
        return source == Source.NONE ? null : dischargeAh;
    }
}
