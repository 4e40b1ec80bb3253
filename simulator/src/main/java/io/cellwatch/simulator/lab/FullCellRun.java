package io.cellwatch.simulator.lab;

import java.util.List;

/**
 * Runs one full or half cell through its plan: cycle by cycle, step by step, the cell's state
 * advanced in small steps ({@link FullCellModel}), the cycler fed what it measures
 * ({@link CyclerRecorder}), the truth told what really happened ({@link TruthBuilder}).
 *
 * <p>A step ends where the cycler ends it: a constant-current step at its voltage limit (found to
 * a millisecond by bisection), a constant-voltage step when its current falls to the cut-off, a
 * rest after its time; a charge or discharge that reaches the cycler's step time limit stops the
 * test (the cycler's safety stop, never the truth's death). The run also stops at its horizon, and
 * {@link #AFTER_DEATH_S} after the cycler first logs the cell's physical death ({@link DeathWatch}).
 * A mid-range leak also drains the cell below its window in a long rest, but the next charge lifts
 * it out: that is a symptom, not the death.
 *
 * <p>Events bound to the wall clock ({@link ClockEvents}) interrupt whatever step is running: a
 * chamber step changes the resistance at its moment, a lab pause holds the step and resumes it.
 * (Over 250 lines: the step loop and what interrupts it share the cell's state.)
 */
final class FullCellRun extends CellRun {
    private static final double MAX_STEP_S = 10;
    private static final double MAX_DELTA_X = 0.005;
    /** Seconds the channel keeps running after the cycler first logs the dead cell (the lab has not noticed yet). */
    static final double AFTER_DEATH_S = 2 * 3600;

    private final CellPlan plan;
    private final FullCellModel cell;
    private final double referenceA;
    private final double referenceV;
    private final DeathWatch death;

    private double t;
    private int cycle;
    private boolean ended;
    private LeakLaw.CycleLeak leak = LeakLaw.CycleLeak.NONE;
    private boolean dischargeSide;
    private boolean hardShorted;
    private double chargedThisCycleAh;
    private double cycleCapacityAh;
    private double nextResistanceChangeS;
    /** The next of the plan's clock-bound pauses to come. */
    private int nextPause;
    /** Channel second of the hard short, once its cycle has begun. */
    private double hardShortAtS = Double.POSITIVE_INFINITY;

    FullCellRun(CellPlan plan, Turn turn) {
        super(turn);
        this.plan = plan;
        Chemistry chem = plan.chemistry;
        this.cell = new FullCellModel(plan);
        this.referenceA = plan.chargeRate * plan.nominalAh;
        this.referenceV = chem.ocv.volts(0.5);
        this.death = new DeathWatch(plan, truth, referenceV);
        cell.x = chem.dischargeFirst ? chem.ocv.soc(chem.vMax) - 0.005 : chem.ocv.soc(chem.vMin) + 0.005;
    }

    @Override
    double run() {
        cycle = plan.startCycle;
        nextResistanceChangeS = plan.nextResistanceChangeS(channelStartS - 1e-3);
        while (nextPause < plan.clock.pauses.size()
                && plan.clock.pauses.get(nextPause).fromS() < channelStartS) {
            nextPause++;
        }
        while (!ended) {
            beginCycle();
            List<PlannedStep> steps = CycleProtocol.cycle(plan, cycle, rng);
            for (PlannedStep step : steps) {
                runStep(step);
                if (ended) {
                    break;
                }
            }
            truth.endCycle(channelS());
            cycle++;
            // The lab ends the test after its last cycle, or when a healthy cell has reached end of
            // life (faded below 60 % of what it had when watching began: most labs stop at 70–80 %).
            if (cycle > plan.lastCycle || (plan.stopAtEndOfLife && plan.retained(cycle) < CellPlan.END_OF_LIFE)) {
                ended = true;
            }
        }
        return t;
    }

    private double channelS() {
        return channelStartS + t;
    }

    private void beginCycle() {
        cycleCapacityAh = plan.capacityAh(cycle, channelS()) * (1 + plan.capacityScatterRel * rng.nextGaussian());
        cell.capacityAh = cycleCapacityAh;
        cell.resistanceOhm = plan.resistanceOhm(cycle, channelS());
        double steadyLoss = plan.ceLoss * Math.max(0, 1 + plan.ceLossScatterRel * rng.nextGaussian());
        cell.loss = steadyLoss + plan.lossOf(cycle) - plan.ceLoss;
        cell.selfDischargeSiemens = plan.selfDischargePerMonth * cycleCapacityAh / (30 * 24) / referenceV;
        leak = plan.leaks(cycle) ? plan.leak.leakFor(cycle - plan.leakOnsetCycle, rng) : LeakLaw.CycleLeak.NONE;
        if (plan.leaks(cycle) || (plan.capacityLossCycle > 0 && cycle >= plan.capacityLossCycle)) {
            truth.onset(cycle, channelS());
        }
        chargedThisCycleAh = 0;
        dischargeSide = plan.chemistry.dischargeFirst;
        if (cycle == plan.hardShortCycle) {
            hardShortAtS = channelS() + plan.hardShortDelayS;
        }
        truth.beginCycle(cycle, channelS(), cycleCapacityAh);
        ScheduleEvents.tell(plan, cycle, channelS(), truth);
        updateShort();
    }

    private void updateShort() {
        if (!hardShorted && channelS() >= hardShortAtS - 1e-6) {
            hardShorted = true;
            truth.onset(cycle, hardShortAtS);
        }
        double fraction = dischargeSide ? leak.discharge() : leak.charge();
        cell.shortSiemens = fraction * referenceA / referenceV + (hardShorted ? 1 / plan.hardShortOhm : 0);
        truth.shortIs(channelS(), cell.shortSiemens > 0 ? 1 / cell.shortSiemens : Double.NaN);
    }

    private void runStep(PlannedStep step) {
        if (!(step.maxS() > 0)) {
            return;
        }
        recorder.beginStep(t, cycle, step.stepIndex(), step.type(), step.logged(), step.minRowS());
        if (step.kind() == PlannedStep.Kind.CC && step.stepIndex() != 6) {
            dischargeSide = step.currentA() < 0;
            updateShort();
        }
        double stepStartS = channelS();
        double end = t + step.maxS();
        boolean done = false;
        while (!done && !ended) {
            if (pauseDue()) {
                end += hold(step);
                continue;
            }
            double dt = Math.min(MAX_STEP_S, end - t);
            dt = Math.min(dt, recorder.nextCandidateS(t) - t);
            dt = Math.min(dt, recorder.nextQuirkS(t) - t);
            dt = Math.min(dt, cell.maxStepS(step.kind() == PlannedStep.Kind.REST ? 0 : step.currentA(), MAX_DELTA_X));
            dt = Math.min(dt, nextResistanceChangeS - channelS());
            dt = Math.min(dt, nextPauseS() - channelS());
            if (!hardShorted) {
                dt = Math.min(dt, hardShortAtS - channelS());
            }
            dt = Math.max(dt, 1e-3);
            double applied = current(step, dt);
            double[] saved = cell.save();
            cell.advance(dt, applied);
            if (step.kind() == PlannedStep.Kind.CC && crossed(step, applied)) {
                dt = bisect(saved, step, applied, dt);
                done = true;
            }
            double cellV = cell.cellVoltage(applied);
            truth.accumulate(dt, Math.abs(cellV), cell.shortSiemens * Math.abs(cellV));
            if (step.type() == io.cellwatch.model.StepType.CHARGE && applied > 0) {
                chargedThisCycleAh += applied * dt / 3600;
            }
            t += dt;
            if (t >= end - 1e-9) {
                done = true;
                if (step.safety()) {
                    ended = true;
                }
            }
            afterSubstep(step.logged());
            if (step.kind() == PlannedStep.Kind.CV && applied <= step.cutoffA()) {
                done = true;
            }
            double chamber = plan.chamberC(cycle, channelS())
                    + 0.3 * Math.sin(2 * Math.PI * channelS() / 86_400 + temperaturePhase);
            recorder.observe(t, cell.terminalVoltage(applied), applied, applied, chamber, done || ended);
        }
        if (step.event() != null) {
            truth.event(step.event(), stepStartS, channelS(), step.detail());
        }
    }

    /** The applied current over the next dt. */
    private double current(PlannedStep step, double dt) {
        return switch (step.kind()) {
            case CC -> step.currentA();
            case CV -> cell.constantVoltageCurrent(dt, step.limitV(), step.currentA());
            case REST, OTHER -> 0;
        };
    }

    private boolean crossed(PlannedStep step, double applied) {
        double v = cell.terminalVoltage(applied);
        return applied > 0 ? v >= step.limitV() : v <= step.limitV();
    }

    private double bisect(double[] saved, PlannedStep step, double applied, double dt) {
        double lo = 0;
        double hi = dt;
        while (hi - lo > 1e-3) {
            double mid = 0.5 * (lo + hi);
            cell.restore(saved);
            cell.advance(mid, applied);
            if (crossed(step, applied)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        cell.restore(saved);
        cell.advance(hi, applied);
        return hi;
    }

    private boolean pauseDue() {
        return channelS() >= nextPauseS() - 1e-6;
    }

    private double nextPauseS() {
        return nextPause < plan.clock.pauses.size()
                ? plan.clock.pauses.get(nextPause).fromS()
                : Double.POSITIVE_INFINITY;
    }

    /**
     * The lab holds the channel in the step it is in (a clock-bound pause): no current, the step's
     * number and type kept, then the same step resumes where it stopped. Returns the seconds held,
     * which the cycler's step time does not count.
     */
    private double hold(PlannedStep step) {
        ClockEvents.LabPause pause = plan.clock.pauses.get(nextPause++);
        double from = t;
        runStep(CycleProtocol.held(step, pause));
        recorder.beginStep(t, cycle, step.stepIndex(), step.type(), step.logged(), step.minRowS());
        return t - from;
    }

    /**
     * Contact glitches, chamber steps and the hard short take effect; death is checked; the horizon
     * is watched. logged: the step in progress writes rows (the lab sees the channel).
     */
    private void afterSubstep(boolean logged) {
        if (channelS() >= nextResistanceChangeS - 1e-6) {
            cell.contactOhm = plan.contactOhmAt(channelS() + 1e-6);
            cell.resistanceOhm = plan.resistanceOhm(cycle, channelS() + 1e-6);
            tellChamberStep();
            nextResistanceChangeS = plan.nextResistanceChangeS(channelS());
        }
        if (!hardShorted && channelS() >= hardShortAtS - 1e-6) {
            updateShort();
        }
        death.check(cycle, channelS(), chargedThisCycleAh, cycleCapacityAh, cell);
        if (death.labStops(channelS(), logged) || t >= maxLocalS) {
            ended = true;
        }
    }

    /** Tells truth of a clock-bound chamber step that begins now. */
    private void tellChamberStep() {
        ClockEvents.ChamberStep step = plan.clock.chamberStep(channelS() + 1e-6);
        if (step != null && Math.abs(step.fromS() - channelS()) < 1e-3) {
            truth.event(BenignCondition.TEMPERATURE_STEP, step.fromS(), step.fromS(), step.describe());
        }
    }
}
