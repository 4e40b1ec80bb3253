package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.SampleClock;

/** Per-channel memory of {@link OverpotentialDetector}: the open half-cycle, baselines, three episodes. */
public final class OverpotentialState {
    SampleClock clock = new SampleClock();
    HalfCycleTracker halves = new HalfCycleTracker();
    StepUpRecognizer stepUp = new StepUpRecognizer();
    int halvesSeen;
    /** The drift baselines of both current directions and the plateau's scatter. */
    DriftBaseline driftBaseline = new DriftBaseline();

    double referenceV;
    /** The current the recent level was seen at. */
    double referenceCurrentA;

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
    /** The way the drifted half-cycles of the run moved: +1 up, −1 down. */
    int driftSign;
    /** Consecutive half-cycles whose recent levels stood risen in both directions (the slow rise). */
    int riseRun;
    /** The live runs under the collapse and the hard-short fractions. */
    LowRun lowRun = new LowRun();

    LowRun pinRun = new LowRun();
    ZeroCurrentOffset offset = new ZeroCurrentOffset();
    /** Each direction's last half-cycle against the level: an offset raises one as it lowers the other. */
    OffsetPair offsetPair = new OffsetPair();
    /** The firing collapse was a flickering filament's (noisy steps). */
    boolean collapseFlickered;
    /** A firing alert gave no R: it follows as an update once the run's readings carry it. */
    boolean collapseResistancePending;

    boolean hardShortResistancePending;
    /** The current directions of the half-cycles closed so far ({@link OneWayFall}): both once it reversed. */
    int directionsSeen;
    /** Half-cycles running fallen under the collapse fraction while the current never reversed. */
    int oneWayFallen;

    Episode drift = new Episode();
    Episode collapse = new Episode();
    Episode hardShort = new Episode();

    public OverpotentialState() {
        // for the state-store codec
    }

    public double referenceV() {
        return referenceV;
    }
}
