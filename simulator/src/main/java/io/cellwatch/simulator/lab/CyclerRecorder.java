package io.cellwatch.simulator.lab;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.SplittableRandom;

/**
 * The cycler's side of a channel: it integrates the current it measures into its capacity and
 * energy counters (as the cycler's firmware does, between rows too), decides when a row is written,
 * adds measurement noise and writes the rows, with the record numbers, counter resets and sensor
 * errors of {@link CyclerQuirks}. It sees the cell only through the terminal voltage and applied
 * current the run hands it.
 *
 * <p>Times are seconds since the cell's segment began ("local"); the segment's test time and
 * channel seconds are fixed offsets from them.
 */
final class CyclerRecorder {
    private static final double SAME_TIME_S = 5e-4;

    private final String channelId;
    private final LoggingPolicy logging;
    private final CyclerQuirks quirks;
    private final SplittableRandom noise;
    private final double testTimeAtStartS;
    private final double channelStartS;
    private final long wallStartMs;
    private final LabSink out;

    // The step in progress.
    private int cycle;
    private int stepIndex = Integer.MIN_VALUE;
    private StepType stepType;
    private boolean logged;
    private double minIntervalS;

    // Counters and the last observation they were integrated to.
    private double chargeAh;
    private double dischargeAh;
    private double chargeWh;
    private double dischargeWh;
    private double lastT = 0;
    private double lastV = Double.NaN;

    private long recordNumber;
    private int nextRecordRestart;
    private int nextCounterReset;
    private long gridK = 1;
    private double lastLoggedT = Double.NEGATIVE_INFINITY;
    private double lastLoggedV = Double.NaN;
    private boolean pickupSign;

    CyclerRecorder(
            String channelId,
            LoggingPolicy logging,
            CyclerQuirks quirks,
            SplittableRandom noise,
            double testTimeAtStartS,
            double channelStartS,
            long wallStartMs,
            LabSink out) {
        this.channelId = channelId;
        this.logging = logging;
        this.quirks = quirks;
        this.noise = noise;
        this.testTimeAtStartS = testTimeAtStartS;
        this.channelStartS = channelStartS;
        this.wallStartMs = wallStartMs;
        this.out = out;
        this.recordNumber = quirks.firstRecordNumber;
        while (nextRecordRestart < quirks.recordRestartsAtS.length
                && quirks.recordRestartsAtS[nextRecordRestart] < channelStartS) {
            nextRecordRestart++;
        }
        while (nextCounterReset < quirks.counterResetsAtS.length
                && quirks.counterResetsAtS[nextCounterReset] < channelStartS) {
            nextCounterReset++;
        }
    }

    /** A step begins at local time t: counters reset per step or per cycle, as this cycler does. */
    void beginStep(double t, int cycleIndex, int step, StepType type, boolean stepLogged, double minRowIntervalS) {
        boolean newCycle = cycleIndex != cycle;
        if (newCycle || (quirks.countersResetPerStep && step != stepIndex)) {
            chargeAh = 0;
            dischargeAh = 0;
            chargeWh = 0;
            dischargeWh = 0;
        }
        cycle = cycleIndex;
        stepIndex = step;
        stepType = type;
        logged = stepLogged;
        minIntervalS = minRowIntervalS;
        lastT = t;
    }

    /** The latest local time the physics may step to before the cycler may want a row. */
    double nextCandidateS(double t) {
        if (logging.voltageTriggered()) {
            return t + logging.candidateSpacingS();
        }
        double grid = gridK * logging.intervalS();
        while (grid <= t + SAME_TIME_S) {
            gridK++;
            grid = gridK * logging.intervalS();
        }
        return grid;
    }

    /** Channel seconds of the next quirk event after local time t (record or counter restart), or infinity. */
    double nextQuirkS(double t) {
        double next = Double.POSITIVE_INFINITY;
        if (nextRecordRestart < quirks.recordRestartsAtS.length) {
            next = Math.min(next, quirks.recordRestartsAtS[nextRecordRestart] - channelStartS);
        }
        if (nextCounterReset < quirks.counterResetsAtS.length) {
            next = Math.min(next, quirks.counterResetsAtS[nextCounterReset] - channelStartS);
        }
        return next > t ? next : Double.POSITIVE_INFINITY;
    }

    /**
     * The cell at local time t: its terminal voltage and the applied current (charge positive) now,
     * and the current that flowed since the last observation (the counters integrate that one, as
     * the cycler's firmware samples far faster than it writes). Writes a row when one is due.
     */
    void observe(double t, double terminalV, double flowedA, double appliedA, double temperatureC, boolean stepEnd) {
        double channelS = channelStartS + t;
        integrate(t, terminalV, read(flowedA, channelS));
        double measured = read(appliedA, channelS);
        applyQuirks(channelS);
        if (!logged || t - lastLoggedT < SAME_TIME_S) {
            return;
        }
        double measuredV = terminalV + quirks.voltageNoiseV * noise.nextGaussian();
        if (quirks.pickupV > 0) {
            // The sign alternates from one written row to the next (it flips below, once a row is
            // written): the interference is sampled once per reading, so a simulation step between
            // two readings must not flip it, or an even count of steps per logging interval turns
            // the pickup into an offset holding one sign for a whole step.
            measuredV += (pickupSign ? -1 : 1) * quirks.pickupV * noise.nextDouble(0.5, 1.0);
        }
        boolean due;
        if (stepEnd) {
            due = true;
        } else if (t - lastLoggedT < minIntervalS) {
            due = false;
        } else if (logging.voltageTriggered()) {
            due = Math.abs(measuredV - lastLoggedV) >= logging.voltageStepV()
                    || t - lastLoggedT >= logging.longestIntervalS() - SAME_TIME_S;
        } else {
            due = Math.abs(t / logging.intervalS() - Math.rint(t / logging.intervalS())) * logging.intervalS()
                    < SAME_TIME_S;
        }
        if (!due) {
            return;
        }
        double measuredA =
                measured == 0 ? 0 : measured + Math.abs(appliedA) * quirks.currentNoiseRel * noise.nextGaussian();
        out.sample(new Sample(
                Sample.SCHEMA_VERSION,
                channelId,
                recordNumber++,
                wallStartMs + Math.round(t * 1000),
                round(testTimeAtStartS + t, 1e3),
                cycle,
                stepIndex,
                stepType,
                round(measuredV, 1e5),
                round(measuredA, 1e9),
                round(chargeAh, 1e9),
                round(dischargeAh, 1e9),
                round(chargeWh, 1e9),
                round(dischargeWh, 1e9),
                round(temperatureC + 0.02 * noise.nextGaussian(), 1e2)));
        lastLoggedT = t;
        lastLoggedV = measuredV;
        pickupSign = !pickupSign;
    }

    /** What the current sensor reads for this current. */
    private double read(double currentA, double channelS) {
        return currentA == 0 && quirks.currentOffsetA == 0
                ? 0
                : currentA * quirks.gainAt(channelS) + quirks.offsetAt(channelS);
    }

    private void integrate(double t, double v, double flowedA) {
        double dt = t - lastT;
        if (dt > 0) {
            double meanA = flowedA;
            double meanV = Double.isNaN(lastV) ? v : 0.5 * (lastV + v);
            if (stepType == StepType.CHARGE && meanA > 0) {
                chargeAh += meanA * dt / 3600;
                chargeWh += Math.abs(meanV) * meanA * dt / 3600;
            } else if (stepType == StepType.DISCHARGE && meanA < 0) {
                dischargeAh -= meanA * dt / 3600;
                dischargeWh -= Math.abs(meanV) * meanA * dt / 3600;
            }
        }
        lastT = t;
        lastV = v;
    }

    private void applyQuirks(double channelS) {
        while (nextRecordRestart < quirks.recordRestartsAtS.length
                && quirks.recordRestartsAtS[nextRecordRestart] <= channelS + SAME_TIME_S) {
            recordNumber = 1;
            nextRecordRestart++;
        }
        while (nextCounterReset < quirks.counterResetsAtS.length
                && quirks.counterResetsAtS[nextCounterReset] <= channelS + SAME_TIME_S) {
            chargeAh = 0;
            dischargeAh = 0;
            chargeWh = 0;
            dischargeWh = 0;
            nextCounterReset++;
        }
    }

    static double round(double value, double scale) {
        return Math.rint(value * scale) / scale;
    }
}
