package io.cellwatch.streams.testing;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell whose per-cycle charge and discharge capacities are dictated by the test: each cycle is a
 * charge step ramping the cycler's charge counter to Qc, a rest, and a discharge ramping the
 * discharge counter to Qd, with counters reset at each cycle start (Arbin style). Lets detector and
 * topology tests state exactly what a cycle looked like.
 */
public final class ScriptedCell {
    private final String channelId;
    private final int samplesPerStep;
    private final double stepSeconds;
    private final List<Sample> samples = new ArrayList<>();
    private long dataPoint;
    private double testTimeS;

    public ScriptedCell(String channelId, int samplesPerStep, double stepSeconds) {
        this.channelId = channelId;
        this.samplesPerStep = samplesPerStep;
        this.stepSeconds = stepSeconds;
    }

    public ScriptedCell cycle(int cycleIndex, double chargeAh, double dischargeAh) {
        double dt = stepSeconds / samplesPerStep;
        double chargeCurrent = chargeAh / (stepSeconds / 3600.0);
        double dischargeCurrent = dischargeAh / (stepSeconds / 3600.0);
        for (int i = 1; i <= samplesPerStep; i++) {
            testTimeS += dt;
            double q = chargeAh * i / samplesPerStep;
            add(cycleIndex, 1, StepType.CHARGE, 3.5 + 0.5 * i / samplesPerStep, chargeCurrent, q, 0.0, q * 3.75, 0.0);
        }
        testTimeS += dt;
        add(cycleIndex, 2, StepType.REST, 4.0, 0.0, chargeAh, 0.0, chargeAh * 3.75, 0.0);
        for (int i = 1; i <= samplesPerStep; i++) {
            testTimeS += dt;
            double q = dischargeAh * i / samplesPerStep;
            add(
                    cycleIndex,
                    3,
                    StepType.DISCHARGE,
                    4.0 - 1.0 * i / samplesPerStep,
                    -dischargeCurrent,
                    chargeAh,
                    q,
                    chargeAh * 3.75,
                    q * 3.5);
        }
        return this;
    }

    private void add(
            int cycle, int step, StepType type, double v, double i, double qc, double qd, double ec, double ed) {
        samples.add(CyclerRows.row(channelId, ++dataPoint, testTimeS, cycle, step, type, v, i, qc, qd, ec, ed));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** A healthy run then the seed-004 divergence: Qc up and Qd down by {@code step} per cycle from onset. */
    public static ScriptedCell liInLike(
            String channelId, int firstCycle, int onsetCycle, int lastCycle, double nominalAh, double step) {
        return liInLike(channelId, firstCycle, onsetCycle, lastCycle, nominalAh, step, 6);
    }

    /**
     * The same logged with {@code samplesPerStep} samples a step (6 is coarser than the data-quality
     * watch accepts for an hour's charge; 20 is not).
     */
    public static ScriptedCell liInLike(
            String channelId,
            int firstCycle,
            int onsetCycle,
            int lastCycle,
            double nominalAh,
            double step,
            int samplesPerStep) {
        ScriptedCell cell = new ScriptedCell(channelId, samplesPerStep, 3600);
        java.util.SplittableRandom noise = new java.util.SplittableRandom(42);
        for (int c = firstCycle; c <= lastCycle; c++) {
            double jitter = 1 + 0.001 * (noise.nextDouble() - 0.5);
            double f = c < onsetCycle ? 0 : step * (c - onsetCycle + 1);
            double q = nominalAh * jitter;
            cell.cycle(c, q * 1.001 / (1 - Math.min(f, 0.9)), q / (1 + f));
        }
        return cell;
    }
}
