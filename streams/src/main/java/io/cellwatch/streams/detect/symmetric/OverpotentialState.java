package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.SampleClock;

/** Per-channel memory of {@link OverpotentialDetector}: the open half-cycle, baselines, three episodes. */
public final class OverpotentialState {
    SampleClock clock = new SampleClock();
    HalfCycleTracker halves = new HalfCycleTracker();
    StepUpRecognizer stepUp = new StepUpRecognizer();
    int halvesSeen;
    int baselineCount;
    double baselineSumV;
    double baselineSumTimeS;
    double referenceV;
    /** The current the recent level was seen at. */
    double referenceCurrentA;

    double baselineSumCurrentA;
    double referenceNoiseV;
    /** The cell's temperature while the recent level was learnt (NaN: the cycler logs none). */
    double referenceTemperatureC = Double.NaN;
    /** The last temperature a sample carried (NaN: none yet). */
    double lastTemperatureC = Double.NaN;

    int referenceCount;
    /** Mean |plateau / level − 1| of the half-cycles learnt: how far apart a steady cell's half-cycles are. */
    double referenceScatter;
    /** Consecutive half-cycles fallen under the bridge limit, the current directions among them, and whether
     * the last one is kept out of the level ({@link BridgeWatch}). */
    int bridgeHalves;

    int bridgeDirections;
    boolean bridgeHeld;
    int driftRun;
    /** The live runs under the collapse and the hard-short fractions. */
    LowRun lowRun = new LowRun();

    LowRun pinRun = new LowRun();
    ZeroCurrentOffset offset = new ZeroCurrentOffset();
    Episode drift = new Episode();
    Episode collapse = new Episode();
    Episode hardShort = new Episode();

    public OverpotentialState() {
        // for the state-store codec
    }

    /** The drift baseline: mean plateau overpotential of the first half-cycles, volts (0 while learning). */
    public double baselineV() {
        return baselineCount == 0 ? 0 : baselineSumV / baselineCount;
    }

    public double referenceV() {
        return referenceV;
    }

    /** The mean current of the drift baseline's half-cycles (0 while learning). */
    double baselineCurrentA() {
        return baselineCount == 0 ? 0 : baselineSumCurrentA / baselineCount;
    }
}
