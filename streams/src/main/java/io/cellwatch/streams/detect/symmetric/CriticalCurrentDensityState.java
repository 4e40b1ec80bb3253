package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.SampleClock;

/**
 * Per-channel memory of {@link CriticalCurrentDensityDetector}: the open half-cycle, the level in
 * progress, the last level completed, the areal capacity passed so far.
 */
public final class CriticalCurrentDensityState {
    SampleClock clock = new SampleClock();
    HalfCycleTracker halves = new HalfCycleTracker();
    StepUpRecognizer stepUp = new StepUpRecognizer();

    boolean hasLevel;
    int levelCycle;
    int levelHalves;
    double levelFirstHalfAh;
    double levelFirstHalfS;
    double levelCurrentSumA;
    boolean levelComplete;

    /** Last level completed without a short (mA/cm²), the one before it, and what a level passed. */
    double completedMaPerCm2;

    double previousCompletedMaPerCm2;
    int levelsCompleted;
    double completedArealCapacityMahPerCm2;
    double completedStepS;

    double passedAh;
    double previousPlateauV;
    /** Mean current of the half-cycle whose plateau that is. */
    double previousPlateauCurrentA;

    double usualNoiseV;
    /** The live runs under the collapse and the hard-short fractions of the previous plateau. */
    LowRun lowRun = new LowRun();

    LowRun pinRun = new LowRun();
    ZeroCurrentOffset offset = new ZeroCurrentOffset();

    /** The open half-cycle's own plateau readings: what this level reads. */
    LevelPlateau levelPlateau = new LevelPlateau();

    /** The counters' mean voltage over the interval each reading closes. */
    IntervalMeanVoltage interval = new IntervalMeanVoltage();

    /** Consecutive intervals whose counters' mean fell under the level while the readings may not have. */
    CountersRun countersRun = new CountersRun();

    /**
     * The counters' intervals inside each run's steady tail (those its readings close after the tail's
     * first): what the cell did between the readings the short's resistance is read from.
     */
    CountersRun lowTailCounters = new CountersRun();

    CountersRun pinTailCounters = new CountersRun();

    /**
     * The last steady stretch of those intervals: none stepping from the last by more than a noisy step
     * of the readings ({@link CountersRun#foldSteady}), what the short's resistance is read from ({@link
     * TailCountersResistance}).
     */
    CountersRun lowSteadyCounters = new CountersRun();

    CountersRun pinSteadyCounters = new CountersRun();

    boolean shorted;
    /** Whether the short fired pinned (its pin run follows it), when, and whether its resistance was sent. */
    boolean shortPinned;

    /** Whether the short is firing on the counters alone (a filament conducting between the readings): its alert only. */
    boolean shortBetweenReadings;

    double shortAtTestTimeS;
    boolean resistanceReported;
    Episode episode = new Episode();

    public CriticalCurrentDensityState() {
        // for the state-store codec
    }

    /** The highest current density completed without a short so far, mA/cm² (0 before the first level). */
    public double criticalCurrentDensityMaPerCm2() {
        return completedMaPerCm2;
    }

    public boolean shorted() {
        return shorted;
    }

    public int levelsCompleted() {
        return levelsCompleted;
    }
}
