package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.row.HalfCycleCounters;
import io.cellwatch.ingest.format.row.NetChargeSplit;
import io.cellwatch.ingest.format.row.PerCycleMaximum;
import io.cellwatch.ingest.format.row.RunningBalanceSplit;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.row.SingleCounterSplit;
import io.cellwatch.model.StepType;

/**
 * One file's counters under its layout's {@link CounterRule}: {@link BoundColumns} puts each row's
 * readings of the counter quantities the rule works from (a single counter, EC-Lab's half-cycle
 * count, {@code dq}, {@code (Q-Qo)}), and {@link #count} turns them, with the running state the rule
 * needs between rows, into the sample's charge and discharge counters of the summarizer's kind.
 */
final class RuleCounters {
    private final CounterRule rule;
    /** Which columns the file has: a present column with an empty cell differs from no column. */
    private final BoundColumns columns;

    /** The current row's readings, scaled to Ah and Wh (null: no column, or an empty cell). */
    Double capacity;

    Double energy;
    Double halfCycleCharge;
    Long halfCycle;
    Double chargeIncrement;
    Double netCharge;
    Double stepTime;

    private final SingleCounterSplit capacitySplit = new SingleCounterSplit();
    private final SingleCounterSplit energySplit = new SingleCounterSplit();
    private final PerCycleMaximum chargeMaximum = new PerCycleMaximum();
    private final PerCycleMaximum dischargeMaximum = new PerCycleMaximum();
    private final PerCycleMaximum chargeEnergyMaximum = new PerCycleMaximum();
    private final PerCycleMaximum dischargeEnergyMaximum = new PerCycleMaximum();
    private final HalfCycleCounters halfCycles = new HalfCycleCounters();
    private final NetChargeSplit netSplit = new NetChargeSplit();
    private RunningBalanceSplit capacityBalance = new RunningBalanceSplit();
    private RunningBalanceSplit energyBalance = new RunningBalanceSplit();
    /** The previous row's step time (null until a row has one), cycle, step and step type: where steps start. */
    private Double lastStepTime;

    private int lastCycle;
    private int lastStep;
    private StepType lastStepType;
    private boolean anyRow;
    /** The previous row's test time and current (once {@link #anyRow}). */
    private double lastCountedTestTimeS;

    private double lastCurrentA;

    RuleCounters(CounterRule rule, BoundColumns columns) {
        this.rule = rule;
        this.columns = columns;
    }

    /** Finishes the row's counters by the rule, from this row's readings and the rows before. */
    void count(SampleRow r) {
        switch (rule) {
            case AS_WRITTEN -> {}
            case SPLIT_BY_DIRECTION -> splitByDirection(r);
            case PER_CYCLE_MAXIMUM -> perCycleMaximum(r);
            case NET_PER_HALF_CYCLE -> netPerHalfCycle(r);
            case RUNNING_BALANCE -> runningBalance(r);
        }
    }

    /** A new test begins in the file: counters of the {@link CounterRule#RUNNING_BALANCE} start from zero. */
    void startTest() {
        capacityBalance = new RunningBalanceSplit();
        energyBalance = new RunningBalanceSplit();
        anyRow = false;
    }

    private void runningBalance(SampleRow r) {
        // A row behind the one above is the clock set back while the test goes on: the reader refuses copies of
        // older rows and starts a new test's counters again ({@link #startTest}); the balance goes on.
        double sincePreviousS = anyRow ? r.testTimeS - lastCountedTestTimeS : Double.NaN;
        boolean sameCycle = anyRow && r.cycleIndex == lastCycle;
        boolean stepStart = stepStart(r);
        // No direction of its own (the change's sign gives it): a row of a step under current logged at zero
        // current, and a rest's first row in the same cycle, where the balance moved since the row above when a
        // thinned file left out the end of the step before.
        StepType direction =
                r.stepType != null ? r.stepType : r.currentA == 0 ? null : StepType.fromCurrent(r.currentA, 0);
        if (direction == StepType.REST && stepStart && sameCycle) {
            direction = null;
        }
        // What the currents say flowed, to tell at a step's first row a balance gone on from a counter restarted:
        // since the step began at the row's own current, and before it at the previous row's.
        double sinceStepS = stepTime == null ? Double.NaN : Math.min(stepTime, sincePreviousS);
        double ifRestartedAh = Math.abs(r.currentA) * sinceStepS / 3600;
        double ifGoneOnAh = ifRestartedAh + Math.abs(lastCurrentA) * (sincePreviousS - sinceStepS) / 3600;
        lastCountedTestTimeS = r.testTimeS;
        lastCurrentA = r.currentA;
        if (columns.has(Quantity.CAPACITY)) {
            capacityBalance.accept(capacity, direction, stepStart, ifGoneOnAh, ifRestartedAh);
            r.chargeAh = capacityBalance.charge();
            r.dischargeAh = capacityBalance.discharge();
        }
        if (columns.has(Quantity.ENERGY)) {
            energyBalance.accept(energy, direction, stepStart, ifGoneOnAh * r.voltageV, ifRestartedAh * r.voltageV);
            r.chargeWh = energyBalance.charge();
            r.dischargeWh = energyBalance.discharge();
        }
    }

    /** Whether the row is a step's first: its step time went back, or its cycle, step or step type changed. */
    private boolean stepStart(SampleRow r) {
        boolean start = anyRow
                && ((stepTime != null && lastStepTime != null && stepTime < lastStepTime)
                        || r.cycleIndex != lastCycle
                        || r.stepIndex != lastStep
                        || r.stepType != lastStepType);
        anyRow = true;
        if (stepTime != null) {
            lastStepTime = stepTime;
        }
        lastCycle = r.cycleIndex;
        lastStep = r.stepIndex;
        lastStepType = r.stepType;
        return start;
    }

    private void splitByDirection(SampleRow r) {
        StepType direction = r.stepType != null ? r.stepType : StepType.fromCurrent(r.currentA, 0);
        if (columns.has(Quantity.CAPACITY)) {
            capacitySplit.accept(capacity, direction);
            r.chargeAh = capacitySplit.charge();
            r.dischargeAh = capacitySplit.discharge();
        }
        if (columns.has(Quantity.ENERGY)) {
            energySplit.accept(energy, direction);
            r.chargeWh = energySplit.charge();
            r.dischargeWh = energySplit.discharge();
        }
    }

    private void perCycleMaximum(SampleRow r) {
        r.chargeAh = chargeMaximum.accept(r.cycleIndex, r.chargeAh);
        r.dischargeAh = dischargeMaximum.accept(r.cycleIndex, r.dischargeAh);
        if (columns.has(Quantity.CHARGE_ENERGY) && columns.has(Quantity.DISCHARGE_ENERGY)) {
            r.chargeWh = chargeEnergyMaximum.accept(r.cycleIndex, r.chargeWh);
            r.dischargeWh = dischargeEnergyMaximum.accept(r.cycleIndex, r.dischargeWh);
        } else {
            r.chargeWh = null;
            r.dischargeWh = null;
        }
    }

    private void netPerHalfCycle(SampleRow r) {
        if (columns.has(Quantity.HALF_CYCLE_CHARGE)) {
            halfCycles.accept(halfCycle, halfCycleCharge);
        } else if (columns.has(Quantity.CHARGE_CAPACITY) || columns.has(Quantity.DISCHARGE_CAPACITY)) {
            halfCycles.accept(halfCycle, signed(r.chargeAh, r.dischargeAh));
        } else if (columns.has(Quantity.CHARGE_INCREMENT)) {
            netSplit.increment(chargeIncrement);
            r.chargeAh = netSplit.charged();
            r.dischargeAh = netSplit.discharged();
            return;
        } else if (columns.has(Quantity.NET_CHARGE)) {
            netSplit.net(netCharge);
            r.chargeAh = netSplit.charged();
            r.dischargeAh = netSplit.discharged();
            return;
        } else {
            return; // no charge column: the summarizer integrates the current
        }
        r.chargeAh = halfCycles.charge();
        r.dischargeAh = halfCycles.discharge();
    }

    /** EC-Lab's export split of the half cycle's count put back together: one of the two is 0. */
    private static Double signed(Double charge, Double discharge) {
        if (charge == null && discharge == null) {
            return null;
        }
        return (charge == null ? 0 : charge) - (discharge == null ? 0 : discharge);
    }
}
