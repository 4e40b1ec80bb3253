package io.cellwatch.simulator.lab;

import io.cellwatch.model.StepType;
import java.util.Locale;

/**
 * Runs one symmetric cell through its plan: plating (step 1, current positive) and stripping (step
 * 2) half-cycles, one cycle index per pair, so in a step-up test one level is one or more cycles.
 * The short's conductance comes from the plan: a flickering filament (conductance drawn afresh at
 * every moment around a median that grows towards the hard short, now and then burnt out: the
 * voltage collapses with growing noise), a fixed resistive bridge (the voltage drops, the noise
 * does not change), a hard short (pinned at I·R).
 */
final class SymmetricRun extends CellRun {
    private static final double MAX_STEP_S = 10;
    /** Spread (log-normal σ) of a flickering filament's conductance between moments. */
    private static final double FLICKER_SIGMA = 0.8;
    /** Chance that a flickering filament is burnt out at a given moment. */
    private static final double BURN_OUT_CHANCE = 0.08;
    /** How long the short must carry the current without a break to be the collapse. */
    private static final double PINNED_S = 300;

    private final SymmetricPlan plan;
    private final SymmetricModel model;

    private double t;
    private int cycle;
    private boolean ended;
    private boolean shortScheduled;
    private double lastCompletedLevel = Double.NaN;
    private double softConductanceS;
    private double pinnedSinceS = Double.NaN;
    /** When the filament forms and when it shorts hard: the plan's, or set when a step-up level exceeds the CCD. */
    private double softShortAtS;

    private double hardShortAtS;

    SymmetricRun(SymmetricPlan plan, Turn turn) {
        super(turn);
        this.plan = plan;
        this.model = new SymmetricModel(plan.areaCm2, plan.exchangeCurrentDensity, plan.temperatureC);
        this.softShortAtS = plan.softShortAtS;
        this.hardShortAtS = plan.hardShortAtS;
    }

    @Override
    double run() {
        cycle = 1;
        while (!ended) {
            double j = plan.currentDensity(cycle);
            double currentA = j * plan.areaCm2 * 1e-3;
            double halfS = plan.halfCycleS(cycle);
            truth.beginCycle(cycle, channelS(), Double.NaN);
            scheduleCcdShort(j, halfS);
            half(currentA, 1, StepType.CHARGE, halfS);
            rest();
            half(-currentA, 2, StepType.DISCHARGE, halfS);
            rest();
            if (!ended && plan.eisEvery > 0 && cycle % plan.eisEvery == 0) {
                idle(8, StepType.OTHER, plan.eisS, BenignCondition.EIS_INTERRUPTION);
            }
            truth.endCycle(channelS());
            if (!ended && plan.lastOfLevel(cycle) && !shortScheduled) {
                lastCompletedLevel = j;
            }
            cycle++;
            if (cycle > plan.lastCycle) {
                ended = true;
            }
        }
        if (plan.levelStep > 0 && !Double.isNaN(lastCompletedLevel)) {
            truth.criticalCurrentDensity(lastCompletedLevel);
        }
        return t;
    }

    private double channelS() {
        return channelStartS + t;
    }

    /** In a step-up test the first level above the cell's true CCD grows the dendrite through. */
    private void scheduleCcdShort(double j, double halfS) {
        if (!Double.isNaN(plan.criticalCurrentDensity)
                && j > plan.criticalCurrentDensity + 1e-9
                && Double.isNaN(softShortAtS)) {
            softShortAtS = channelS() + plan.ccdShortAtFraction * halfS;
            hardShortAtS = softShortAtS + plan.ccdSoftS;
            shortScheduled = true;
        }
    }

    private void rest() {
        if (!ended && plan.restBetweenHalvesS > 0) {
            idle(3, StepType.REST, plan.restBetweenHalvesS, null);
        }
    }

    private void half(double currentA, int step, StepType type, double halfS) {
        if (ended) {
            return;
        }
        recorder.beginStep(t, cycle, step, type, true, 0);
        double start = t;
        double end = t + halfS;
        boolean done = false;
        while (!done && !ended) {
            double dt = Math.min(MAX_STEP_S, end - t);
            dt = Math.min(dt, recorder.nextCandidateS(t) - t);
            dt = Math.min(dt, recorder.nextQuirkS(t) - t);
            dt = Math.min(dt, nextFaultChangeS() - channelS());
            dt = Math.max(dt, 1e-3);
            t += dt;
            done = t >= end - 1e-9;
            double g = shortConductanceS();
            double asr = plan.asrAt(channelS());
            if (!Double.isNaN(plan.riseAtS) && channelS() >= plan.riseAtS) {
                truth.onset(cycle, plan.riseAtS);
            }
            double tau = t - start;
            double shape = 1 + plan.nucleationPeak * Math.exp(-tau / 60) + plan.concentrationRise * tau / halfS;
            double v = model.voltage(currentA, g, asr, shape);
            truth.accumulate(dt, Math.abs(v), g * Math.abs(v));
            watchForDeath(g * Math.abs(v) / Math.abs(currentA), v);
            if ((truth.dead() && channelS() >= truth.deathS() + FullCellRun.AFTER_DEATH_S) || t >= maxLocalS) {
                ended = true;
            }
            recorder.observe(t, v, currentA, currentA, chamberC(), done || ended);
        }
    }

    /**
     * Death: the short carries at least {@link LabTruth#SYMMETRIC_DEATH_SHARE} of the current without
     * a break for {@link #PINNED_S} (a flickering filament's moments of full conduction are not yet
     * the collapse); the death is when that began (to within one physics step, at most 10 s).
     */
    private void watchForDeath(double share, double v) {
        if (truth.dead()) {
            return;
        }
        if (share < LabTruth.SYMMETRIC_DEATH_SHARE) {
            pinnedSinceS = Double.NaN;
            return;
        }
        if (Double.isNaN(pinnedSinceS)) {
            pinnedSinceS = channelS();
        }
        if (channelS() - pinnedSinceS >= PINNED_S) {
            truth.death(
                    cycle,
                    pinnedSinceS,
                    String.format(
                            Locale.ROOT,
                            "voltage collapse: the short carries %.0f %% of the current (|V| %.1f mV)",
                            100 * share,
                            1000 * Math.abs(v)));
        }
    }

    private void idle(int step, StepType type, double seconds, BenignCondition event) {
        recorder.beginStep(t, cycle, step, type, true, 0);
        double start = channelS();
        double end = t + seconds;
        while (t < end - 1e-9 && !ended) {
            double dt = Math.max(1e-3, Math.min(Math.min(MAX_STEP_S, end - t), recorder.nextCandidateS(t) - t));
            t += dt;
            truth.accumulate(dt, 0, 0);
            if (t >= maxLocalS) {
                ended = true;
            }
            recorder.observe(t, 0, 0, 0, chamberC(), t >= end - 1e-9 || ended);
        }
        if (event != null) {
            truth.event(event, start, channelS(), String.format(Locale.ROOT, "%.0f min", seconds / 60));
        }
    }

    private double chamberC() {
        return plan.temperatureC + 0.3 * Math.sin(2 * Math.PI * channelS() / 86_400 + temperaturePhase);
    }

    private double nextFaultChangeS() {
        double next = Double.POSITIVE_INFINITY;
        for (double s : new double[] {softShortAtS, plan.resistiveAtS, hardShortAtS}) {
            if (!Double.isNaN(s) && s > channelS() + 1e-6) {
                next = Math.min(next, s);
            }
        }
        return next;
    }

    private double shortConductanceS() {
        double s = channelS();
        if (!Double.isNaN(hardShortAtS) && s >= hardShortAtS) {
            truth.onset(cycle, Double.isNaN(softShortAtS) ? hardShortAtS : softShortAtS);
            truth.shortIs(hardShortAtS, plan.hardShortOhm);
            return 1 / plan.hardShortOhm;
        }
        if (!Double.isNaN(softShortAtS) && s >= softShortAtS) {
            truth.onset(cycle, softShortAtS);
            truth.shortIs(softShortAtS, Double.NaN);
            if (softConductanceS == 0) {
                // The filament's conductance at the onset: it takes softShortShare of the current.
                double currentA = plan.currentDensity(cycle) * plan.areaCm2 * 1e-3;
                double eta = model.overpotentialV(currentA, plan.asrAt(s), 1);
                softConductanceS = plan.softShortShare * currentA / eta;
            }
            if (rng.nextDouble() < BURN_OUT_CHANCE) {
                return 0;
            }
            double progress = Double.isNaN(hardShortAtS) ? 0 : (s - softShortAtS) / (hardShortAtS - softShortAtS);
            double hard = Double.isNaN(hardShortAtS) ? softConductanceS : 1 / plan.hardShortOhm;
            return softConductanceS
                    * Math.pow(hard / softConductanceS, progress)
                    * Math.exp(FLICKER_SIGMA * rng.nextGaussian());
        }
        if (!Double.isNaN(plan.resistiveAtS) && s >= plan.resistiveAtS) {
            truth.onset(cycle, plan.resistiveAtS);
            truth.shortIs(plan.resistiveAtS, plan.resistiveOhm);
            return 1 / plan.resistiveOhm;
        }
        return 0;
    }
}
