package io.cellwatch.simulator;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.SplittableRandom;

/**
 * One simulated cycler channel: a sequence of protocol steps, each with a closed-form state
 * (voltage, current, capacity counters) as a function of time since the step began, sampled on a
 * fixed grid of simulated time plus once at every step end.
 *
 * <p>Closed-form steps, rather than time stepping, make the step end times exact (a constant
 * current step ends where the voltage meets its limit, solved once), make the output independent of
 * the sample interval apart from the noise, and keep the cost per sample to a table lookup and a
 * few random numbers. Subclasses say what the steps are; this class owns the sampling grid, the
 * measurement noise and the record numbers; {@link EnergyCounters} keep the energies. It is a
 * little over 250 lines because sampling a step exactly (grid, step ends, skipped empty steps, the
 * run without sampling that ground truth needs) is one job that reads best in one place.
 */
abstract class ChannelSim {
    /** Cycler-grade voltage noise: ~1 mV. */
    static final double VOLTAGE_NOISE_V = 0.001;
    /** Current measurement noise, relative: 0.05 %. */
    static final double CURRENT_NOISE_REL = 0.0005;
    /** Steps shorter than this are skipped: they move no charge and would only duplicate a time stamp. */
    private static final double MIN_STEP_S = 1e-3;
    /** A step end this close to a grid time replaces the grid sample instead of doubling it. */
    private static final double SAME_TIME_S = 1e-6;

    final int number;
    final ChannelInfo info;
    final String channelId;
    /** Test time already run when the simulation starts (channels that joined a long test). */
    final double testTimeOffsetS;
    /** Per-sample randomness only, so the protocol's course never depends on the sample interval. */
    final SplittableRandom noise;

    private final double sampleIntervalS;
    private final long startEpochMs;
    private final double temperatureC;
    private final double temperaturePhase;

    // The step in progress, set by subclasses through beginStep.
    int cycleIndex;
    int stepIndex;
    StepType stepType;
    double stepStartS;
    double stepEndS;
    boolean stepEndsTest;
    private boolean cycleStarted;

    private long dataPoint;
    private long nextGridK;
    private boolean ended;
    private boolean started;

    private final EnergyCounters energy = new EnergyCounters();

    private CycleStartListener cycleStarts;

    /** Told the simulated time at which each cycle begins (used to work out ground truth). */
    interface CycleStartListener {
        void cycleStarted(int cycleIndex, double simTimeS);
    }

    ChannelSim(
            int number,
            ChannelInfo info,
            double testTimeOffsetS,
            SplittableRandom noise,
            double sampleIntervalS,
            long startEpochMs,
            double temperatureC) {
        this.number = number;
        this.info = info;
        this.channelId = info.channelId();
        this.testTimeOffsetS = roundTo(testTimeOffsetS, 1e3);
        this.noise = noise;
        this.sampleIntervalS = sampleIntervalS;
        this.startEpochMs = startEpochMs;
        this.temperatureC = temperatureC;
        // Chambers breathe with the building's day; spread the phase so channels do not move in lock step.
        this.temperaturePhase = 2 * Math.PI * ((number * 0.618034) % 1.0);
        // A channel that joined a running test continues the cycler's record numbers.
        this.dataPoint = 1 + Math.round(this.testTimeOffsetS / sampleIntervalS);
    }

    // ---- what subclasses provide -------------------------------------------------------------

    /** Sets up the step that begins at this simulated time by calling {@link #beginStep}. */
    abstract void startNextStep(double simTimeS);

    /** Noise-free terminal voltage, tau seconds into the current step. */
    abstract double voltageAt(double tauS);

    /** Noise-free applied current (charge positive), tau seconds into the current step. */
    abstract double currentAt(double tauS);

    /** The cycler's cumulative charge capacity counter for this cycle, tau seconds into the step. */
    abstract double chargeAhAt(double tauS);

    /** The cycler's cumulative discharge capacity counter (positive), tau seconds into the step. */
    abstract double dischargeAhAt(double tauS);

    /** The voltage as measured; the default adds cycler noise. Shorting cells override it. */
    double measuredVoltage(double tauS, double voltageV) {
        return voltageV + VOLTAGE_NOISE_V * noise.nextGaussian();
    }

    // ---- helpers for subclasses ----------------------------------------------------------------

    /** Declares the step now starting; newCycle resets the cycle's counters (Arbin style). */
    final void beginStep(
            int cycle, boolean newCycle, int step, StepType type, double startS, double durationS, boolean endsTest) {
        this.cycleIndex = cycle;
        this.stepIndex = step;
        this.stepType = type;
        this.stepStartS = startS;
        // Whole milliseconds, as cyclers log; it also keeps step ends and grid times apart or equal.
        double end = Double.isFinite(durationS) ? roundTo(startS + Math.max(0, durationS), 1e3) : Double.MAX_VALUE;
        this.stepEndS = end;
        this.stepEndsTest = endsTest;
        this.cycleStarted = newCycle;
    }

    double testTimeAt(double simTimeS) {
        return testTimeOffsetS + simTimeS;
    }

    // ---- sampling ------------------------------------------------------------------------------

    void listenForCycleStarts(CycleStartListener listener) {
        this.cycleStarts = listener;
    }

    /** Starts the test at simulated time zero. */
    final void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        advanceStep(0.0);
    }

    final boolean ended() {
        return ended;
    }

    /** Simulated time of the next sample, or +infinity once the test has ended. */
    final double nextTimeS() {
        if (ended) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(nextGridK * sampleIntervalS, stepEndS);
    }

    /** The next sample; the channel's state has already moved past it when this returns. */
    final Sample emitNext() {
        double grid = nextGridK * sampleIntervalS;
        boolean atStepEnd = stepEndS <= grid + SAME_TIME_S;
        double t = atStepEnd ? stepEndS : grid;
        if (!atStepEnd || grid - stepEndS < SAME_TIME_S) {
            nextGridK++;
        }
        Sample sample = sampleAt(t, t - stepStartS);
        if (atStepEnd) {
            if (stepEndsTest) {
                ended = true;
            } else {
                advanceStep(stepEndS);
            }
        }
        return sample;
    }

    /** Runs the protocol to its end (or the time cap) without sampling, for ground truth. */
    final void runWithoutSampling(double maxSimTimeS) {
        runWithoutSampling(() -> false, maxSimTimeS);
    }

    /** Runs the protocol without sampling until it ends, stop says so, or the time cap. */
    final void runWithoutSampling(java.util.function.BooleanSupplier stop, double maxSimTimeS) {
        if (!started) {
            start();
        }
        while (!ended && !stop.getAsBoolean() && stepEndS <= maxSimTimeS) {
            if (stepEndsTest) {
                ended = true;
            } else {
                advanceStep(stepEndS);
            }
        }
    }

    /** Simulated time at which the test ended (valid once ended). */
    final double endSimTimeS() {
        return stepEndS;
    }

    private void advanceStep(double t) {
        for (int guard = 0; ; guard++) {
            if (guard > 1000) {
                throw new IllegalStateException(channelId + ": protocol makes no progress at t=" + t);
            }
            startNextStep(t);
            if (cycleStarted) {
                energy.newCycle();
                if (cycleStarts != null) {
                    cycleStarts.cycleStarted(cycleIndex, t);
                }
            }
            energy.stepStarts(voltageAt(0), chargeAhAt(0), dischargeAhAt(0));
            if (stepEndS - stepStartS >= MIN_STEP_S) {
                return;
            }
            if (stepEndsTest) {
                ended = true;
                return;
            }
        }
    }

    private Sample sampleAt(double t, double tau) {
        double v = voltageAt(tau);
        double i = currentAt(tau);
        double qc = chargeAhAt(tau);
        double qd = dischargeAhAt(tau);
        energy.sample(v, qc, qd);

        double testTime = testTimeAt(t);
        double measuredV = measuredVoltage(tau, v);
        double measuredI = i == 0 ? 0.0 : i * (1 + CURRENT_NOISE_REL * noise.nextGaussian());
        double temperature = temperatureC
                + 0.3 * Math.sin(2 * Math.PI * testTime / 86_400 + temperaturePhase)
                + 0.02 * noise.nextGaussian();
        // Rounded to what a cycler logs (0.01 mV, 1 nA, 1 nAh, 1 ms): realistic files, and far smaller.
        return new Sample(
                Sample.SCHEMA_VERSION,
                channelId,
                dataPoint++,
                startEpochMs + Math.round(t * 1000),
                roundTo(testTime, 1e3),
                cycleIndex,
                stepIndex,
                stepType,
                roundTo(measuredV, 1e5),
                roundTo(measuredI, 1e9),
                roundTo(qc, 1e9),
                roundTo(qd, 1e9),
                roundTo(energy.chargeWh(), 1e9),
                roundTo(energy.dischargeWh(), 1e9),
                roundTo(temperature, 1e2));
    }

    static double roundTo(double value, double scale) {
        return Math.rint(value * scale) / scale;
    }
}
