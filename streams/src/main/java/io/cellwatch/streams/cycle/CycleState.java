package io.cellwatch.streams.cycle;

import io.cellwatch.model.CycleSummary.CapacitySource;

/**
 * What the summarizer remembers about one channel between samples: running sums for the open
 * cycle and the last raw counter values. Fixed size whatever the cycle length, so the state of
 * 100,000 channels fits in memory. Fields are package-visible and mutated only by
 * {@link CycleSummarizer}; they are serialized as they are into the state store.
 */
public final class CycleState {
    String channelId;
    boolean started;
    int cycleIndex;
    long lastDataPoint = Long.MIN_VALUE;
    long sampleCount;

    double startTestTimeS;
    double lastTestTimeS;
    Long lastWallTimeMs;

    // Raw counter values of the previous sample, kept across cycles to tell a reset from a continuation.
    Double lastChargeCounterAh;
    Double lastDischargeCounterAh;
    Double lastChargeEnergyCounterWh;
    Double lastDischargeEnergyCounterWh;
    double lastVoltageV;
    double lastCurrentA;
    /** The previous sample's step, to tell a counter restarted with a new step (its first row) from one run on. */
    int lastStepIndex;

    double chargeAh;
    double dischargeAh;
    double chargeWh;
    double dischargeWh;
    double chargeDurationS;
    double dischargeDurationS;

    Double endOfChargeVoltageV;
    Double endOfDischargeVoltageV;
    /** Test time of the open cycle's last row with current in a charge or discharge step, or null. */
    Double stepsEndTestTimeS;
    /**
     * The same before the open cycle: kept across cycles, as a cycle's charge balance starts where the previous
     * cycle's last step ended (null for a channel's first cycle, and on a state stored before the field).
     */
    Double priorStepsEndTestTimeS;

    // The time the rows resolve and ∫|V|dt over it, for a short's V/R ({@link RowVoltage}): the open cycle's own,
    // its balance's (from the prior step end to its last step row so far), and what the rows covered since the
    // last step row (the next step row adds it to the balance; across cycles). Null where unknown: a
    // state stored before the fields, until the cycle (or the balance) they would have counted from is over.
    Double rowsS;
    Double voltSeconds;
    Double balanceRowsS;
    Double balanceVoltSeconds;
    Double pendingRowsS;
    Double pendingVoltSeconds;

    // Σ k·dQ of the open cycle's charge and discharge (the row number k within the cycle at each increment times the
    // charge it passed): over the capacities, each one's charge-weighted mean row, which says which came first (row
    // numbers, not test time, which a cycler can restart mid-cycle). Null on a state stored before the fields, until
    // the next cycle opens.
    Double chargeRowMomentAh;
    Double dischargeRowMomentAh;

    Double maxTemperatureC;
    CapacitySource capacitySource;

    public CycleState() {
        // for the state-store codec
    }

    public static CycleState newChannel(String channelId) {
        CycleState state = new CycleState();
        state.channelId = channelId;
        // A new channel's rows have covered nothing yet; a state read from before the fields has these null.
        state.pendingRowsS = 0.0;
        state.pendingVoltSeconds = 0.0;
        return state;
    }

    public String channelId() {
        return channelId;
    }

    public boolean started() {
        return started;
    }

    /** The cycler cycle index of the cycle currently open. */
    public int cycleIndex() {
        return cycleIndex;
    }

    /** Charge passed so far in the open cycle. */
    public double chargeAh() {
        return chargeAh;
    }

    public double dischargeAh() {
        return dischargeAh;
    }

    public long lastDataPoint() {
        return lastDataPoint;
    }

    public double lastTestTimeS() {
        return lastTestTimeS;
    }
}
